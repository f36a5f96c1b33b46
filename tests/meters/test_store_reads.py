"""Reads: NaN for missing days (never zero), ranges across months, chosen keys, tenants apart."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from portal.meters.store import read_frame, read_interval, read_matrix
from tests.meters.helpers import day, nan_list, records, run, write_file
from tests.personas import World

ACROSS_MONTHS = "表号,日期,电量\nM001,2024-01-30,0\nM001,2024-02-01,1.25\nM002,2024-01-31,3\nM002,2024-03-01,4\n"


@pytest.fixture
def imported(register: World, tmp_path: Path) -> World:
    run(register.binhai, write_file(tmp_path, "a.csv", ACROSS_MONTHS))
    return register


def test_missing_days_are_nan_and_a_zero_reading_stays_zero(imported: World) -> None:
    matrix = read_matrix(imported.binhai.pk, "meter_daily", day("2024-01-29"), day("2024-02-02"))
    assert matrix.keys.tolist() == ["M001", "M002"]
    assert matrix.dates.tolist() == [
        day("2024-01-29"),
        day("2024-01-30"),
        day("2024-01-31"),
        day("2024-02-01"),
        day("2024-02-02"),
    ]
    assert matrix.values.dtype == np.float32
    assert nan_list(matrix.values[0]) == [None, 0.0, None, 1.25, None]
    assert nan_list(matrix.values[1]) == [None, None, 3.0, None, None]


def test_a_range_over_three_months_including_a_leap_day(imported: World) -> None:
    matrix = read_matrix(imported.binhai.pk, "meter_daily", day("2024-01-31"), day("2024-03-01"))
    assert len(matrix.dates) == 31  # 1 day of January, 29 of February 2024, 1 of March
    assert nan_list(matrix.values[1])[0] == 3.0
    assert nan_list(matrix.values[1])[-1] == 4.0
    assert int((~np.isnan(matrix.values)).sum()) == 3


def test_chosen_keys_come_back_sorted_with_unknown_ones_all_nan(imported: World) -> None:
    matrix = read_matrix(imported.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-31"), keys=["M003", "M001"])
    assert matrix.keys.tolist() == ["M001", "M003"]
    assert [nan_list(row) for row in matrix.values] == [[0.0, None], [None, None]]
    assert matrix.row("M001").tolist() == [0.0, pytest.approx(np.nan, nan_ok=True)]


def test_the_long_frame_holds_only_days_with_a_reading(imported: World) -> None:
    frame = read_frame(imported.binhai.pk, "meter_daily", day("2024-01-01"), day("2024-03-31"), keys=["M001"])
    assert records(frame) == [
        {"key": "M001", "date": day("2024-01-30"), "value": 0.0},
        {"key": "M001", "date": day("2024-02-01"), "value": 1.25},
    ]


def test_another_tenant_reads_nothing_of_binhai(imported: World) -> None:
    matrix = read_matrix(imported.wuqing.pk, "meter_daily", day("2024-01-01"), day("2024-03-31"))
    assert matrix.keys.tolist() == []
    assert matrix.values.shape == (0, 91)
    chosen = read_matrix(imported.wuqing.pk, "meter_daily", day("2024-01-30"), day("2024-01-30"), keys=["M001"])
    assert np.isnan(chosen.values).all()


def test_an_empty_store_and_a_reversed_range(register: World) -> None:
    assert read_frame(register.binhai.pk, "area_daily", day("2024-01-01"), day("2024-01-31")).empty
    with pytest.raises(ValueError, match="before start"):
        read_matrix(register.binhai.pk, "meter_daily", day("2024-02-01"), day("2024-01-01"))


def test_interval_load_reads_back_by_meter_and_day(register: World, tmp_path: Path) -> None:
    text = "meter_no,timestamp,kw\nM001,2024-01-31 23:45,0.5\nM001,2024-02-01 00:00,0.75\nM002,2024-02-01 00:15,1.5\n"
    run(register.binhai, write_file(tmp_path, "load.csv", text), dataset="interval")
    frame = read_interval(register.binhai.pk, ["M001"], day("2024-01-31"), day("2024-02-01"))
    assert [(r.key, str(r.ts), float(r.kw)) for r in frame.itertuples()] == [
        ("M001", "2024-01-31 23:45:00", 0.5),
        ("M001", "2024-02-01 00:00:00", 0.75),
    ]
    assert len(read_interval(register.binhai.pk, None, day("2024-02-01"), day("2024-02-01"))) == 2
