"""The pure analytics on hand-made arrays: arithmetic worked out by hand, no database."""

from __future__ import annotations

import numpy as np
import pytest

from theftscan.analytics.changepoint import first_rise, fit_step
from theftscan.analytics.flags import FlagReason, FlagRules, flag_areas, longest_run, trend
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


def test_a_user_not_read_is_estimated_from_their_share_of_the_areas_use_and_marked() -> None:
    # Supply 90, 150, 120 (mean 120): the area's profile is 0.75, 1.25, 1.00. User 1 read 9 and 12
    # on days whose profile adds up to 1.75: its share is 21 / 1.75 = 12, so day 1 is 12 x 1.25 = 15
    # (its plain mean, 10.5, would miss that day 1 was a heavy day for everybody).
    supplied = np.array([[90.0, 150.0, 120.0]])
    readings = np.array([[78.0, 125.0, 100.0], [9.0, NaN, 12.0]], dtype=np.float32)
    ll = line_loss(supplied, readings, np.array([0, 0]))
    assert ll.estimated[0, 1] == pytest.approx(15.0)
    assert ll.sold[0, 1] == pytest.approx(140.0)
    assert ll.users_missing[0].tolist() == [0, 1, 0]
    # 15 of 140 sold is estimated (10.7 %), above the 10 % limit: no rate that day.
    assert ll.status[0].tolist() == [DayStatus.OK, DayStatus.USERS_NOT_READ, DayStatus.OK]
    assert np.isnan(ll.rate[0, 1])


def test_a_small_estimated_share_keeps_the_rate_and_says_so() -> None:
    # Equal supply both days: profile 1, 1; user 1's share is 4, estimated 4 on day 1.
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


def test_a_step_against_the_areas_own_history_is_flagged_below_the_threshold() -> None:
    rules = FlagRules(threshold=0.20, rise=0.03, baseline_days=4, persistence_days=3)
    rates = np.array([[0.04, 0.04, 0.04, 0.04, 0.09, 0.09, 0.09, 0.09]])
    flags = flag_areas(rates, rules)
    assert flags.baseline[0] == pytest.approx(0.04)
    assert flags.step[0] == pytest.approx(0.05)
    assert flags.flagged[0]
    assert flags.reasons[0] == FlagReason.RISE
    assert flags.change_day[0] == 4


def test_a_step_smaller_than_the_rise_or_its_noise_is_not_flagged() -> None:
    rules = FlagRules(threshold=0.20, rise=0.03, baseline_days=4, persistence_days=3)
    small = np.array([[0.04] * 4 + [0.06] * 4])
    assert not flag_areas(small, rules).flagged[0]
    # The same 5-point step on an area whose rate swings by 4 points from day to day: t below 6.
    noisy = np.array([[0.04, 0.08, 0.00, 0.04, 0.09, 0.13, 0.05, 0.09]])
    assert not flag_areas(noisy, rules).flagged[0]


def test_the_step_is_found_in_the_history_before_the_judged_window() -> None:
    rules = FlagRules(threshold=0.20, rise=0.03, baseline_days=4, persistence_days=3)
    rates = np.array([[0.04] * 6 + [0.09] * 10])
    flags = flag_areas(rates, rules, judge_from=8)
    assert flags.flagged[0]
    assert flags.change_day[0] == 6


def test_a_step_that_ended_before_the_judged_window_does_not_flag_it() -> None:
    rules = FlagRules(threshold=0.20, rise=0.03, baseline_days=4, persistence_days=3)
    rates = np.array([[0.04] * 6 + [0.09] * 6 + [0.04] * 6])
    assert not flag_areas(rates, rules, judge_from=12).flagged[0]


def test_bad_flag_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        flag_areas(np.zeros((1, 5)), FlagRules(threshold=1.5))


def test_a_clean_step_is_fitted_exactly_where_and_as_big_as_it_is() -> None:
    rates = np.array([[0.05] * 10 + [0.15] * 10])
    fit = fit_step(rates, np.ones_like(rates), min_before=3, min_after=3)
    assert fit.change.tolist() == [10]
    assert fit.step[0] == pytest.approx(0.10)
    assert (fit.level_before[0], fit.level_after[0]) == pytest.approx((0.05, 0.15))
    assert fit.t[0] > 1e6  # no noise at all (rounding leaves ~1e-17)


def test_the_steps_t_is_measured_against_the_noise_before_it() -> None:
    # 0.04 then 0.07, each day 0.01 above or below (+, -, +, ...): the step is 0.03 at day 20.
    # Noise before: every residual is 0.01, so sigma = 1.4826 x 0.01; the alternation has lag-1
    # correlation -1, clipped to 0 (no widening). With only a constant to regress on,
    # <z, z> = n_after - n_after^2 / n = 20 - 400 / 40 = 10, so t = 0.03 x sqrt(10) / 0.014826 = 6.399.
    wobble = 0.01 * (-1.0) ** np.arange(40)
    rates = (np.r_[np.full(20, 0.04), np.full(20, 0.07)] + wobble)[None, :]
    fit = fit_step(rates, np.ones_like(rates), min_before=5, min_after=5)
    assert fit.change.tolist() == [20]
    assert fit.step[0] == pytest.approx(0.03)
    assert fit.noise[0] == pytest.approx(0.014826)
    assert fit.t[0] == pytest.approx(0.03 * np.sqrt(10) / 0.014826, rel=1e-4)


def test_a_loss_rate_that_follows_the_load_is_not_a_step() -> None:
    # Technical loss 2 % plus 2 % x load/mean load, the load swinging by half with the weather.
    load = (100.0 + 50.0 * np.sin(np.arange(30) * 2 * np.pi / 11))[None, :]
    relative = load / load.mean()
    rates = 0.02 + 0.02 * relative
    fit = fit_step(rates, load, min_before=3, min_after=3)
    assert abs(fit.step[0]) < 1e-9  # the load explains it all
    # The same area with a real 3-point step from day 20 on top: found, and only it.
    stepped = rates + np.where(np.arange(30) >= 20, 0.03, 0.0)[None, :]
    fit = fit_step(stepped, load, min_before=3, min_after=3)
    assert fit.change.tolist() == [20]
    assert fit.step[0] == pytest.approx(0.03)


def test_a_rise_in_two_stages_is_dated_from_its_first_stage() -> None:
    # 4 %, then 7 % from day 20, then 14 % from day 40. One step alone goes to the bigger jump
    # (day 40: sum of residuals after it 1.133 over sqrt(13.33), against 0.867 at day 20); the
    # search before it finds day 20, and the step evaluated there is 10.5 % - 4 % = 6.5 points.
    rates = np.r_[np.full(20, 0.04), np.full(20, 0.07), np.full(20, 0.14)][None, :]
    load = np.ones_like(rates)
    assert fit_step(rates, load, min_before=5, min_after=5).change.tolist() == [40]
    fit, stepped = first_rise(rates, load, min_before=5, min_after=5, judge_from=0, min_step=0.01, min_t=6)
    assert stepped.tolist() == [True]
    assert fit.change.tolist() == [20]
    assert fit.step[0] == pytest.approx(0.065)


def test_trend_of_a_step() -> None:
    rates = np.array([[0.05] * 5 + [0.15] * 5])
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


def test_each_suspect_is_dated_from_its_own_fall() -> None:
    supplied, readings, areas = _hand_made_area()
    readings[2, 22:] *= 0.3  # a second thief, a week later
    supplied = supplied.copy()
    result = screen(supplied, readings, areas, FlagRules(baseline_days=10, persistence_days=5), ScoreRules())
    start_of = dict(zip(result.scores.user.tolist(), result.scores.start.tolist(), strict=True))
    assert (start_of[4], start_of[2]) == (15, 22)
    assert result.flags.change_day[0] == 15  # the area's loss first rose with household 4


def test_the_judged_window_must_start_inside_the_days_given() -> None:
    supplied, readings, areas = _hand_made_area()
    with pytest.raises(ValueError, match="inside the days"):
        screen(supplied, readings, areas, FlagRules(), ScoreRules(), judge_from=30)
