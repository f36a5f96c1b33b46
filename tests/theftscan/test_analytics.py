"""The pure analytics on hand-made arrays: arithmetic worked out by hand, no database."""

from __future__ import annotations

import numpy as np
import pytest

from theftscan.analytics.flags import FlagReason, FlagRules, change_day, flag_areas, longest_run, trend
from theftscan.analytics.lineloss import DayStatus, line_loss, monthly, totals
from theftscan.analytics.scoring import Reason, ScoreRules, group_median, rank_within
from theftscan.analytics.screen import screen

NaN = np.nan


def test_one_thousand_supplied_and_nine_hundred_twenty_sold_is_eight_percent() -> None:
    supplied = np.array([[1000.0]])
    readings = np.array([[500.0], [420.0]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0, 0]))
    assert ll.sold[0, 0] == pytest.approx(920.0)
    assert ll.loss[0, 0] == pytest.approx(80.0)
    assert ll.rate[0, 0] == pytest.approx(0.080)
    assert ll.status[0, 0] == DayStatus.OK


def test_a_user_not_read_is_estimated_from_their_own_mean_and_marked() -> None:
    # User 1 reads 10 and 20 on the other days: mean 15 stands in for the missing day.
    supplied = np.array([[110.0, 120.0, 130.0]])
    readings = np.array([[90.0, 90.0, 90.0], [10.0, NaN, 20.0]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0, 0]))
    assert ll.sold[0, 1] == pytest.approx(105.0)
    assert ll.estimated[0, 1] == pytest.approx(15.0)
    assert ll.users_missing[0].tolist() == [0, 1, 0]
    # 15 of 105 sold is estimated (14 %), above the 10 % limit: no rate that day.
    assert ll.status[0].tolist() == [DayStatus.OK, DayStatus.USERS_NOT_READ, DayStatus.OK]
    assert np.isnan(ll.rate[0, 1])


def test_a_small_estimated_share_keeps_the_rate_and_says_so() -> None:
    supplied = np.array([[105.0, 105.0]])
    readings = np.array([[95.0, 95.0], [4.0, NaN]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0, 0]))
    assert ll.status[0, 1] == DayStatus.USERS_ESTIMATED
    assert ll.rate[0, 1] == pytest.approx(6 / 105)


def test_missing_area_meter_negative_loss_and_no_supply_are_explained_not_hidden() -> None:
    supplied = np.array([[NaN, 90.0, 0.0]])
    readings = np.array([[100.0, 100.0, 0.0]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0]))
    assert ll.status[0].tolist() == [DayStatus.AREA_METER_MISSING, DayStatus.NEGATIVE, DayStatus.NO_SUPPLY]
    assert ll.loss[0, 1] == pytest.approx(-10.0)
    assert np.isnan(ll.rate[0]).all()


def test_readings_not_grouped_by_area_are_refused() -> None:
    with pytest.raises(ValueError, match="grouped by area"):
        line_loss(np.ones((2, 1)), np.ones((2, 1), dtype=np.float32), np.array([1, 0]))


def test_totals_and_months_count_usable_days_only() -> None:
    dates = np.array(["2025-01-30", "2025-01-31", "2025-02-01"], dtype="datetime64[D]")
    supplied = np.array([[100.0, NaN, 200.0]])
    readings = np.array([[90.0, 95.0, 180.0]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0]))
    window = totals(ll)
    assert (window.supplied[0], window.sold[0], window.rate[0]) == pytest.approx((300.0, 270.0, 0.10))
    assert (window.usable_days[0], window.excluded_days[0]) == (2, 1)
    months, per_month = monthly(ll, dates)
    assert [str(m) for m in months] == ["2025-01", "2025-02"]
    assert per_month[0].rate[0] == pytest.approx(0.10)
    assert per_month[1].loss[0] == pytest.approx(20.0)


def test_the_longest_run_skips_days_without_a_rate() -> None:
    over = np.array([[True, True, False, True, True, True]])
    valid = np.array([[True, True, True, True, False, True]])
    # Days 3, (4 not valid), 5: a run of two; 0-1 also two.
    assert longest_run(over, valid).tolist() == [2]


def test_an_area_over_the_threshold_for_the_persistence_is_flagged() -> None:
    rules = FlagRules(threshold=0.10, rise=0.5, baseline_days=3, persistence_days=3)
    rates = np.array(
        [
            [0.12, 0.13, 0.12, 0.05, 0.05],  # three days over: flagged
            [0.12, 0.05, 0.12, 0.05, 0.12],  # never two in a row
            [0.12, 0.12, NaN, 0.12, 0.05],  # a missing day does not break the run
        ]
    )
    flags = flag_areas(rates, rules)
    assert flags.flagged.tolist() == [True, False, True]
    assert flags.reasons.tolist() == [FlagReason.HIGH_RATE, 0, FlagReason.HIGH_RATE]


def test_a_rise_against_the_areas_own_history_is_flagged_below_the_threshold() -> None:
    rules = FlagRules(threshold=0.20, rise=0.03, baseline_days=4, persistence_days=3)
    rates = np.array([[0.04, 0.04, 0.04, 0.04, 0.09, 0.09, 0.09, 0.09]])
    flags = flag_areas(rates, rules)
    assert flags.baseline[0] == pytest.approx(0.04)
    assert flags.flagged[0]
    assert flags.reasons[0] == FlagReason.RISE
    assert flags.change_day[0] == 4


def test_bad_flag_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        flag_areas(np.zeros((1, 5)), FlagRules(threshold=1.5))


def test_change_day_and_trend_of_a_step() -> None:
    rates = np.array([[0.05] * 5 + [0.15] * 5])
    assert change_day(rates).tolist() == [5]
    # Least squares over t = 0..9: Sxx = 82.5, Sxy = 0.10 x (0.5 + 1.5 + ... + 4.5) = 1.25;
    # slope 0.01515 a day, 0.4545 per 30 days.
    assert trend(rates)[0] == pytest.approx(1.25 / 82.5 * 30)


def test_group_median_and_ranks_within_groups() -> None:
    values = np.array([3.0, 1.0, 2.0, 10.0, 20.0])
    groups = np.array([0, 0, 0, 1, 1])
    assert group_median(values, groups).tolist() == [2.0, 2.0, 2.0, 15.0, 15.0]
    assert rank_within(values, groups).tolist() == [1, 3, 2, 2, 1]


def _hand_made_area() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Six households over 30 days; household 4 slows its meter to 20 % from day 15.

    Supply is what they really use plus 4 % technical loss, so the loss rate rises from 3.8 %."""
    days = np.arange(30)
    base = np.array([8.0, 6.0, 10.0, 7.0, 9.0, 5.0])
    wobble = 1 + 0.05 * np.sin(days[None, :] * 0.7 + np.arange(6)[:, None])
    true_use = base[:, None] * wobble
    readings = true_use.copy()
    readings[4, 15:] *= 0.2
    supplied = true_use.sum(axis=0, keepdims=True) * 1.04
    return supplied, readings.astype(np.float32), np.zeros(6, dtype=np.int64)


def test_the_injected_thief_is_ranked_first_in_a_small_hand_made_area() -> None:
    supplied, readings, areas = _hand_made_area()
    result = screen(supplied, readings, areas, FlagRules(baseline_days=10, persistence_days=5), ScoreRules())
    assert result.flags.flagged.tolist() == [True]
    assert result.flags.change_day[0] == 15
    first = result.scores.user[result.scores.rank_in_area == 1]
    assert first.tolist() == [4]
    thief = int(np.flatnonzero(result.scores.user == 4)[0])
    reasons = Reason(int(result.scores.reasons[thief]))
    assert Reason.ANTI_CORRELATION in reasons
    assert Reason.DROP_OWN in reasons
    assert Reason.EXPLAINED in reasons
    assert result.scores.features["drop_own"][thief] == pytest.approx(0.8, abs=0.02)
    assert result.suspicion[0] == pytest.approx(result.scores.score[thief])


def test_users_in_any_order_are_scored_under_their_own_row() -> None:
    supplied, readings, areas = _hand_made_area()
    shuffle = np.array([5, 4, 3, 2, 1, 0])
    result = screen(supplied, readings[shuffle], areas, FlagRules(baseline_days=10, persistence_days=5), ScoreRules())
    assert result.scores.user[result.scores.rank_in_area == 1].tolist() == [1]


def test_an_area_without_loss_rise_is_not_flagged_and_nobody_is_scored() -> None:
    supplied, readings, areas = _hand_made_area()
    readings[4, 15:] /= 0.2
    result = screen(supplied, readings, areas, FlagRules(baseline_days=10, persistence_days=5), ScoreRules())
    assert not result.flags.flagged[0]
    assert len(result.scores.user) == 0
