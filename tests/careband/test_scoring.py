"""The care-code kernel on hand-made series: 28 days of history and the scored day last."""

from __future__ import annotations

import numpy as np
import pytest
from django.utils import translation

from careband.reasons import reason_texts
from careband.scoring import Colour, Reason, Thresholds, nan_median, score

# Four weeks of 2.0 kWh with a little wobble, so the spread is small but not zero.
WOBBLE = np.array([1.9, 2.1, 2.0, 2.05, 1.95, 2.0, 2.1], dtype=np.float32)
HISTORY = np.tile(WOBBLE, 4)  # 28 days; the scored day's weekday (every 7th from the first) used 1.9


def series(today: float, history: np.ndarray = HISTORY) -> np.ndarray:
    return np.append(history, np.float32(today))[None, :].astype(np.float32)


def one(today: float, **kwargs: object) -> tuple[int, int, str]:
    scores = score(series(today), **kwargs)  # type: ignore[arg-type]
    with translation.override("zh-hans"):
        text = reason_texts(scores)[0]
    return int(scores.colour[0]), int(scores.reason[0]), text


def test_nan_median_ignores_missing_days_and_gives_nan_for_an_empty_row() -> None:
    block = np.array([[1, np.nan, 3, 5], [np.nan] * 4, [4, 2, np.nan, np.nan]], dtype=np.float32)
    median, count = nan_median(block)
    assert median[0] == 3
    assert np.isnan(median[1])
    assert median[2] == 3
    assert count.tolist() == [3, 0, 2]


def test_an_ordinary_day_is_green_and_says_steady() -> None:
    colour, reason, text = one(2.0)
    assert (colour, reason) == (Colour.GREEN, Reason.STEADY)
    assert text == "昨日用电 2.0 kWh，为近 4 周同星期中位数 1.9 kWh 的 105%，电量平稳。"


def test_near_standby_consumption_is_red_with_the_share_of_the_median_in_the_reason() -> None:
    # 0.3 / 1.9 (the same weekday's median) = 16 %.
    colour, reason, text = one(0.3)
    assert (colour, reason) == (Colour.RED, Reason.LOW)
    assert text == "昨日用电 0.3 kWh，仅为近 4 周同星期中位数 1.9 kWh 的 16%。"


def test_a_lower_than_usual_day_is_yellow() -> None:
    colour, reason, _ = one(1.0)  # 1.0 / 1.9 = 53 %: between red (40 %) and yellow (60 %)
    assert (colour, reason) == (Colour.YELLOW, Reason.LOW)


def test_a_surge_is_red_and_reports_how_many_times_the_median() -> None:
    colour, reason, text = one(7.0)
    assert (colour, reason) == (Colour.RED, Reason.HIGH)
    assert text == "昨日用电 7.0 kWh，是近 4 周同星期中位数 1.9 kWh 的 3.7 倍。"


def test_a_moderately_high_day_is_yellow() -> None:
    assert one(4.0)[:2] == (Colour.YELLOW, Reason.HIGH)


def test_a_missing_day_is_grey_never_red_and_counts_the_missing_days() -> None:
    history = HISTORY.copy()
    history[-2:] = np.nan
    scores = score(series(np.nan, history))
    assert scores.colour[0] == Colour.GREY
    assert scores.reason[0] == Reason.NO_DATA
    assert scores.missing_days[0] == 3
    with translation.override("zh-hans"):
        assert "3 天" in reason_texts(scores)[0]


def test_a_paused_subject_is_grey_whatever_it_used() -> None:
    colour, reason, _ = one(0.0, paused=np.array([True]))
    assert (colour, reason) == (Colour.GREY, Reason.PAUSED)


def test_a_thin_history_is_grey_not_judged() -> None:
    history = HISTORY.copy()
    history[:20] = np.nan  # 8 days left, fewer than the 14 needed
    scores = score(series(0.1, history))
    assert scores.colour[0] == Colour.GREY
    assert scores.reason[0] == Reason.THIN_HISTORY


def test_the_baseline_is_weekday_aware() -> None:
    # Every seventh day (the scored day's weekday) this person uses 1.0 — the market day — else 2.0.
    history = np.full(28, 2.0, dtype=np.float32)
    history[::7] = 1.0  # 28, 21, 14 and 7 days before the scored day
    scores = score(series(1.0, history))
    assert scores.colour[0] == Colour.GREEN
    assert scores.basis[0] == 1
    assert scores.baseline[0] == pytest.approx(1.0)


def test_two_days_in_a_row_of_near_standby_say_so() -> None:
    history = HISTORY.copy()
    history[-1] = 0.2
    scores = score(series(0.25, history))
    assert scores.colour[0] == Colour.RED
    assert scores.streak[0] == 2
    with translation.override("zh-hans"):
        assert "连续 2 天" in reason_texts(scores)[0]


def test_tolerance_widens_the_band_after_false_alarms() -> None:
    # 0.75 kWh is 39 % of 1.9 kWh: red normally; with tolerance 1.25 the red line is 40 % / 1.25 = 32 %.
    assert one(0.75)[0] == Colour.RED
    assert one(0.75, tolerance=np.array([1.25]))[0] == Colour.YELLOW


def test_tenant_thresholds_change_the_colour() -> None:
    strict = Thresholds(red_low=0.55, yellow_low=0.7)  # 1.0 / 1.9 = 53 %: yellow by default, red here
    assert score(series(1.0)).colour[0] == Colour.YELLOW
    assert score(series(1.0), thresholds=strict).colour[0] == Colour.RED


def test_bad_thresholds_are_refused() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        score(series(1.0), thresholds=Thresholds(red_low=0.7, yellow_low=0.6))


def test_a_new_level_that_holds_is_at_most_yellow() -> None:
    # Heating switched off: 8 kWh for three weeks, then 2 kWh for the last week and on the scored day.
    history = np.concatenate([np.full(21, 8.0), np.full(7, 2.0)]).astype(np.float32)
    scores = score(series(2.0, history))
    assert scores.colour[0] == Colour.YELLOW
    assert scores.basis[0] == 2


def test_rows_are_scored_independently_in_one_call() -> None:
    values = np.vstack([series(2.0), series(0.3), series(np.nan), series(7.0)])
    assert score(values).colour.tolist() == [Colour.GREEN, Colour.RED, Colour.GREY, Colour.RED]
