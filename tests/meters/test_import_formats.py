"""Encodings (UTF-8, UTF-8 with BOM, GBK/GB18030, and what is refused), XLSX and Parquet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from portal.meters.models import ImportBatch
from portal.meters.store import read_frame
from tests.meters.helpers import day, records, report_rows, run, write_file
from tests.personas import World

CHINESE_FILE = "表号,日期,电量,户名\nM001,2024-01-30,1.5,张三\nM002,2024-01-30,2.25,李四\n"
EXPECTED = [
    {"key": "M001", "date": day("2024-01-30"), "value": 1.5},
    {"key": "M002", "date": day("2024-01-30"), "value": 2.25},
]


def _stored(world: World) -> list[dict[str, object]]:
    return records(read_frame(world.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-30")))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_each_csv_encoding_is_detected(register: World, tmp_path: Path, encoding: str) -> None:
    batch = run(register.binhai, write_file(tmp_path, f"{encoding}.csv", CHINESE_FILE, encoding))
    assert (batch.status, batch.rows_accepted, batch.rows_rejected) == (ImportBatch.Status.COMMITTED, 2, 0)
    assert _stored(register) == EXPECTED


def test_the_bom_does_not_stick_to_the_first_column_name(register: World, tmp_path: Path) -> None:
    path = write_file(tmp_path, "bom.csv", "meter_no,date,kwh\nM001,2024-01-30,1.5\n", "utf-8-sig")
    assert run(register.binhai, path).status == ImportBatch.Status.COMMITTED


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_file_in_another_encoding_is_rejected_as_wrong_encoding(
    register: World, tmp_path: Path, encoding: str
) -> None:
    batch = run(register.binhai, write_file(tmp_path, "u16.csv", CHINESE_FILE, encoding))
    reason = "文件编码错误：请将文件另存为 UTF-8 或 GBK（GB18030）编码的 CSV。"
    assert (batch.status, batch.message) == (ImportBatch.Status.REJECTED, reason)
    assert report_rows(batch) == [["行号", "列", "值", "原因"], ["", "", "", reason]]


def test_undecodable_bytes_are_rejected_as_wrong_encoding(register: World, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"meter_no,date,kwh\nM001,2024-01-30,1\xff\n")
    assert run(register.binhai, path).status == ImportBatch.Status.REJECTED


def test_xlsx_with_date_cells_and_a_bad_row(register: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["表号", "日期", "电量"])
    sheet.append(["M001", dt.datetime(2024, 1, 30), 1.5])
    sheet.append([None, None, None])  # an empty row 3 is skipped, numbering goes on
    sheet.append(["M002", dt.date(2024, 1, 30), -4])
    sheet.append(["M002", "2024/01/31", "2.25"])
    path = tmp_path / "readings.xlsx"
    book.save(path)
    batch = run(register.binhai, path)
    assert (batch.rows_total, batch.rows_accepted, batch.rows_rejected) == (3, 2, 1)
    assert report_rows(batch)[1:] == [["4", "电量", "-4", "读数为负数。"]]
    frame = read_frame(register.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-31"))
    assert records(frame) == [
        {"key": "M001", "date": day("2024-01-30"), "value": 1.5},
        {"key": "M002", "date": day("2024-01-31"), "value": 2.25},
    ]


def test_parquet_with_typed_columns(register: World, tmp_path: Path) -> None:
    table = pa.table(
        {
            "meter_no": ["M001", "M002", "M999"],
            "date": pa.array([dt.date(2024, 1, 30), dt.date(2024, 1, 30), dt.date(2024, 1, 30)], pa.date32()),
            "kwh": pa.array([1.5, None, 3.0], pa.float32()),
        }
    )
    path = tmp_path / "readings.parquet"
    pq.write_table(table, path)
    batch = run(register.binhai, path)
    assert (batch.rows_total, batch.rows_accepted, batch.rows_rejected) == (3, 1, 2)
    assert report_rows(batch)[1:] == [
        ["3", "kwh", "", "该单元格为空。"],
        ["4", "meter_no", "M999", "未知电表：本单位电表档案中没有该表号。"],
    ]
