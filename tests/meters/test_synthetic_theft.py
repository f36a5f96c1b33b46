"""The six theft types of Jokar et al. (2016), applied day by day, on series small enough to check by hand."""

from __future__ import annotations

import numpy as np
import pytest

from portal.meters.synthetic import theft


def row(*values: float) -> np.ndarray:
    return np.array([values], dtype=np.float64)


def test_h1_scales_the_days_from_the_theft_start_by_alpha() -> None:
    result = theft.theft_h1(row(10, 10, 10, 10), np.array([2]), np.array([0.5]))
    assert result.tolist() == [[10, 10, 5, 5]]


def test_h2_zeroes_only_the_chosen_run_of_days() -> None:
    result = theft.theft_h2(row(1, 2, 3, 4), np.array([1]), np.array([3]))
    assert result.tolist() == [[1, 0, 0, 4]]


def test_h3_scales_each_day_by_its_own_alpha() -> None:
    alpha_t = row(0.9, 0.9, 0.5, 0.25)
    result = theft.theft_h3(row(8, 8, 8, 8), np.array([2]), alpha_t)
    assert result.tolist() == [[8, 8, 4, 2]]


def test_h4_reports_a_daily_fraction_of_the_window_mean() -> None:
    # Window days 6 and 8 have mean 7; α_t 0.5 and 0.1 give 3.5 and 0.7.
    result = theft.theft_h4(row(2, 4, 6, 8), np.array([2]), row(0.3, 0.3, 0.5, 0.1))
    assert result == pytest.approx(row(2, 4, 3.5, 0.7))


def test_h5_reports_the_window_mean_every_day_and_keeps_the_total() -> None:
    result = theft.theft_h5(row(2, 4, 6, 8), np.array([0]))
    assert result.tolist() == [[5, 5, 5, 5]]
    assert result.sum() == 20


def test_h6_reverses_the_days_of_the_window_only() -> None:
    result = theft.theft_h6(row(1, 2, 3, 4, 5), np.array([2]))
    assert result.tolist() == [[1, 2, 5, 4, 3]]


def test_theft_types_work_row_by_row_with_different_starts() -> None:
    x = np.array([[1, 2, 3, 4], [1, 2, 3, 4]], dtype=np.float64)
    assert theft.theft_h6(x, np.array([0, 1])).tolist() == [[4, 3, 2, 1], [1, 4, 3, 2]]
    assert theft.theft_h5(x, np.array([0, 2])).tolist() == [[2.5, 2.5, 2.5, 2.5], [1, 2, 3.5, 3.5]]


def test_area_supply_is_true_use_times_one_plus_a_technical_loss_of_three_to_six_percent() -> None:
    rng = np.random.default_rng(1)
    true = np.full((6, 10), 10.0, dtype=np.float32)
    area_of_meter = np.array([0, 0, 1, 2, 2, 2])
    supplied, loss = theft.area_supply(rng, true, area_of_meter, 3)
    assert ((loss >= 0.03) & (loss <= 0.06)).all()
    expected = np.array([20.0, 10.0, 30.0])[:, None] * (1 + loss)[:, None]
    # Only the area meter's own error (σ 0.5 %) separates the two.
    assert np.abs(supplied / expected - 1).max() < 0.03


def test_thieves_are_five_to_ten_percent_of_an_areas_households_and_at_least_one() -> None:
    rng = np.random.default_rng(3)
    area_of_meter = np.repeat(np.arange(3), [100, 5, 40])
    profile = np.zeros(145, dtype=np.int8)
    meters, rank = theft.choose_thieves(rng, area_of_meter, profile, np.array([0, 1]))
    per_area = np.bincount(area_of_meter[meters], minlength=3)
    assert 5 <= per_area[0] <= 10
    assert per_area[1] == 1
    assert per_area[2] == 0
    assert sorted(rank[area_of_meter[meters] == 0].tolist()) == list(range(per_area[0]))
