"""Every kind of bad input, with the rows and reasons a person would find in the error report."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from portal.meters.models import ImportBatch
from portal.meters.store import read_frame
from tests.meters.helpers import day, records, report_rows, run, write_file
from tests.personas import World

HEADER = ["行号", "列", "值", "原因"]
UNKNOWN_METER = "未知电表：本单位电表档案中没有该表号。"
EMPTY = "该单元格为空。"


def _bad_daily_file(folder: Path) -> Path:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    lines = [
        "表号,日期,电量",
        "M001,2024-01-30,5.5",  # row 2: good
        "M999,2024-01-30,1",  # row 3: unknown meter
        "M002,2024-13-01,2",  # row 4: no such month
        "M003,2024-01-30,abc",  # row 5: not a number
        "M004,2024-01-30,-1",  # row 6: negative
        f"M005,{tomorrow},1",  # row 7: future
        "M001,2024-01-31,3",  # row 8: conflicts with row 9
        "M001,2024-01-31,4",  # row 9
        "M002,2024-01-30,2",  # row 10: good
        "M002,2024-01-30,2",  # row 11: identical repeat of row 10, collapses
        ",2024-01-30,2",  # row 12: no meter number
        "M003,2024-01-31,",  # row 13: no value
    ]
    return write_file(folder, "bad.csv", "\n".join(lines) + "\n")


def test_every_bad_row_is_reported_with_its_row_number_and_reason(register: World, tmp_path: Path) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    batch = run(register.binhai, _bad_daily_file(tmp_path))
    assert batch.status == ImportBatch.Status.COMMITTED
    assert (batch.rows_total, batch.rows_accepted, batch.rows_rejected) == (12, 3, 9)
    assert report_rows(batch) == [
        HEADER,
        ["3", "表号", "M999", UNKNOWN_METER],
        ["4", "日期", "2024-13-01", "日期无法识别，请写成 YYYY-MM-DD 格式。"],
        ["5", "电量", "abc", "不是有效的数字。"],
        ["6", "电量", "-1", "读数为负数。"],
        ["7", "日期", tomorrow, "日期晚于今天。"],
        ["8", "电量", "3", "与第 9 行的电表和日期相同，但数值不同。"],
        ["9", "电量", "4", "与第 8 行的电表和日期相同，但数值不同。"],
        ["12", "表号", "", EMPTY],
        ["13", "电量", "", EMPTY],
    ]


def test_keep_good_stores_only_the_good_rows_and_collapses_identical_repeats(register: World, tmp_path: Path) -> None:
    batch = run(register.binhai, _bad_daily_file(tmp_path))
    frame = read_frame(register.binhai.pk, "meter_daily", day("2024-01-01"), day("2024-01-31"))
    assert records(frame) == [
        {"key": "M001", "date": day("2024-01-30"), "value": 5.5},
        {"key": "M002", "date": day("2024-01-30"), "value": 2.0},
    ]
    assert (batch.date_from, batch.date_to) == (day("2024-01-30"), day("2024-01-30"))


def test_reject_all_writes_nothing_when_any_row_is_bad(register: World, tmp_path: Path) -> None:
    batch = run(register.binhai, _bad_daily_file(tmp_path), on_error=ImportBatch.OnError.REJECT_ALL)
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.message == "共 12 行，其中 9 行有误，已按要求拒收整个文件。"
    assert len(report_rows(batch)) == 10
    frame = read_frame(register.binhai.pk, "meter_daily", day("2024-01-01"), day("2024-01-31"))
    assert frame.empty


def test_a_missing_column_rejects_the_file_and_names_the_column(register: World, tmp_path: Path) -> None:
    batch = run(register.binhai, write_file(tmp_path, "cols.csv", "表号,日期,数量\nM001,2024-01-30,1\n"))
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.message == "缺少必需的列。"
    assert report_rows(batch) == [HEADER, ["1", "电量", "", "缺少必需的列。"]]


def test_a_row_with_the_wrong_number_of_fields_keeps_true_row_numbers(register: World, tmp_path: Path) -> None:
    text = "meter_no,date,kwh\nM001,2024-01-30,1\n\nM002,2024-01-30\nM003,2024-01-30,-2\n"
    batch = run(register.binhai, write_file(tmp_path, "ragged.csv", text))
    # Line 3 is blank (skipped), line 4 has two fields, line 5 is negative.
    assert (batch.rows_total, batch.rows_accepted, batch.rows_rejected) == (3, 1, 2)
    assert report_rows(batch)[1:] == [
        ["4", "", "M002,2024-01-30", "字段个数不符：应为 3 个，实际 2 个。"],
        ["5", "kwh", "-2", "读数为负数。"],
    ]


def test_a_file_without_data_rows_is_rejected(register: World, tmp_path: Path) -> None:
    batch = run(register.binhai, write_file(tmp_path, "empty.csv", "表号,日期,电量\n"))
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.message == "文件中没有数据行。"


def test_every_row_bad_under_keep_good_is_rejected(register: World, tmp_path: Path) -> None:
    batch = run(register.binhai, write_file(tmp_path, "allbad.csv", "表号,日期,电量\nM999,2024-01-30,1\n"))
    assert batch.status == ImportBatch.Status.REJECTED
    assert (batch.rows_accepted, batch.rows_rejected) == (0, 1)


def test_another_tenants_meter_is_unknown(register: World, tmp_path: Path) -> None:
    batch = run(
        register.binhai, write_file(tmp_path, "w.csv", "表号,日期,电量\nW001,2024-01-30,1\nM001,2024-01-30,2\n")
    )
    assert report_rows(batch)[1:] == [["2", "表号", "W001", UNKNOWN_METER]]


def test_area_data_checks_area_codes(register: World, tmp_path: Path) -> None:
    text = "台区编号,日期,供电量(kWh)\nA01,2024-01-30,350.5\nA99,2024-01-30,12\n"
    batch = run(register.binhai, write_file(tmp_path, "areas.csv", text), dataset="area_daily")
    assert report_rows(batch)[1:] == [["3", "台区编号", "A99", "未知台区：本单位台区档案中没有该台区编号。"]]
    frame = read_frame(register.binhai.pk, "area_daily", day("2024-01-30"), day("2024-01-30"))
    assert records(frame) == [{"key": "A01", "date": day("2024-01-30"), "value": 350.5}]


def test_interval_times_are_checked(register: World, tmp_path: Path) -> None:
    later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    text = "\n".join(
        [
            "表号,时间,负荷",
            "M001,2024-01-30 00:15,0.8",
            "M001,2024-01-30 00:30:20,0.9",  # row 3: not a whole minute
            "M001,2024-01-30 25:00,0.9",  # row 4: no such hour
            f"M002,{later},1.0",  # row 5: future
        ]
    )
    batch = run(register.binhai, write_file(tmp_path, "load.csv", text + "\n"), dataset="interval")
    assert report_rows(batch)[1:] == [
        ["3", "时间", "2024-01-30 00:30:20", "时间须精确到整分钟。"],
        ["4", "时间", "2024-01-30 25:00", "时间无法识别，请写成 YYYY-MM-DD HH:MM 格式。"],
        ["5", "时间", later, "时间晚于当前时间。"],
    ]


@pytest.mark.parametrize("header", ["meter_no,date,kwh", "表号,日期,电量", "电表号 , 数据日期 , 日电量（千瓦时）"])
def test_chinese_and_english_column_names_are_accepted(register: World, tmp_path: Path, header: str) -> None:
    batch = run(register.binhai, write_file(tmp_path, "names.csv", f"{header}\nM001,2024-01-30,1.5\n"))
    assert (batch.status, batch.rows_accepted) == (ImportBatch.Status.COMMITTED, 1)
