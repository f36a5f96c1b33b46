"""Reading files: encodings, XLSX, header matching, refusing a file as a whole, row numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from portal.imports.cells import SHANGHAI
from portal.imports.spec import RecordImport
from portal.stakeholders.models import Organisation
from tests.imports.conftest import PROBE, PROBED, counts, report_rows, run, write
from tests.personas import World

pytestmark = pytest.mark.django_db


def names(world: World) -> list[str]:
    return list(Organisation.objects.for_tenant(world.binhai).order_by("name").values_list("name", flat=True))


def test_a_gbk_file_from_chinese_excel_is_read(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, "gbk.csv", "名称,类型,联系人\n滨海新区城市管理委员会,政府部门,王磊\n", encoding="gbk")
    batch = run(world.binhai, path)
    assert counts(batch) == ("committed", 1, 1, 0, 0, 0)
    organisation = Organisation.objects.for_tenant(world.binhai).get()
    assert (organisation.name, organisation.kind, organisation.contact_name) == (
        "滨海新区城市管理委员会",
        "government",
        "王磊",
    )


def test_utf8_with_a_bom_reads_its_first_header(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", "\ufeff名称,类型\n新港街道幸福里社区居民委员会,居委会\n")
    assert counts(run(world.binhai, path)) == ("committed", 1, 1, 0, 0, 0)
    assert names(world) == ["新港街道幸福里社区居民委员会"]


def test_a_unit_in_brackets_and_case_and_spaces_in_headers_do_not_matter(
    world: World, tmp_path: Path, probe: RecordImport
) -> None:
    path = write(tmp_path, "units.csv", " CODE_NO ,高度（米）,Latitude ,经度(°)\nT001,36.5,39.21,117.63\n")
    batch = run(world.binhai, path, PROBE)
    assert counts(batch) == ("unchanged", 1, 0, 0, 1, 0)
    (row,) = PROBED[batch.pk]
    assert dict(row.values) == {
        "code": "T001",
        "height_m": Decimal("36.5"),
        "latitude": Decimal("39.210000"),
        "longitude": Decimal("117.630000"),
    }


def _xlsx(path: Path, rows: list[list[Any]], title: str = "杆塔") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_an_xlsx_with_an_excel_serial_date_and_typed_cells(world: World, tmp_path: Path, probe: RecordImport) -> None:
    path = _xlsx(
        tmp_path / "towers.xlsx",
        [
            ["编号", "日期", "时间", "电话", "数量", "在用"],
            ["T001", 44317, dt.datetime(2021, 5, 1, 8, 30), 13812345678, 12.0, True],
            [None, None, None, None, None, None],
            ["T002", dt.datetime(2021, 5, 2), 44317.75, "022-23456789", 3, "否"],
        ],
    )
    batch = run(world.binhai, path, PROBE)
    assert counts(batch) == ("unchanged", 2, 0, 0, 2, 0)
    first, second = PROBED[batch.pk]
    # Serial 44317 is 2021-05-01: 44197 is 2021-01-01, plus 31 + 28 + 31 + 30 = 120 days.
    assert (first.number, first["day"], first["moment"]) == (
        2,
        dt.date(2021, 5, 1),
        dt.datetime(2021, 5, 1, 8, 30, tzinfo=SHANGHAI),
    )
    assert (first["phone"], first["count"], first["active"]) == ("13812345678", 12, True)
    # Row 3 is blank and skipped, so the next row keeps its own number, 4; .75 of a day is 18:00.
    assert (second.number, second["day"], second["moment"]) == (
        4,
        dt.date(2021, 5, 2),
        dt.datetime(2021, 5, 1, 18, 0, tzinfo=SHANGHAI),
    )
    assert (second["phone"], second["count"], second["active"]) == ("022-23456789", 3, False)


def test_an_xlsx_is_read_from_the_first_sheet_with_the_header(world: World, tmp_path: Path) -> None:
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "填表说明"
    notes.append(["请在第二个工作表填写"])
    data = workbook.create_sheet("单位")
    data.append(["名称", "类型"])
    data.append(["滨海新区城市管理委员会", "government"])
    workbook.save(tmp_path / "two-sheets.xlsx")
    assert counts(run(world.binhai, tmp_path / "two-sheets.xlsx")) == ("committed", 1, 1, 0, 0, 0)


def test_a_missing_required_column_refuses_the_file_naming_it(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "no-kind.csv", "名称,联系人\n滨海新区城管委,王磊\n"))
    assert counts(batch) == ("rejected", 0, 0, 0, 0, 0)
    assert batch.message == "缺少必需的列。"
    assert report_rows(batch) == [["1", "类型", "", "缺少必需的列。"]]
    assert names(world) == []


def test_a_column_given_twice_refuses_the_file(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "twice.csv", "名称,类型,单位名称\n甲,政府部门,乙\n"))
    assert batch.status == "rejected"
    assert report_rows(batch) == [["1", "单位名称", "", "该列重复出现。"]]


def test_unknown_columns_are_ignored(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "extra.csv", "序号,名称,备用,类型\n1,甲单位,x,企业\n"))
    assert counts(batch) == ("committed", 1, 1, 0, 0, 0)
    assert names(world) == ["甲单位"]


def test_blank_lines_keep_the_row_numbers_a_person_sees(world: World, tmp_path: Path) -> None:
    # Line 1 header, 2 blank, 3 good, 4 blank, 5 a kind that does not exist, 6 good.
    text = "名称,类型\n\n甲单位,企业\n\n乙单位,火星机构\n丙单位,学校\n"
    batch = run(world.binhai, write(tmp_path, "blanks.csv", text))
    assert counts(batch) == ("partly_committed", 3, 2, 0, 0, 1)
    assert report_rows(batch)[0][:3] == ["5", "类型", "火星机构"]
    assert names(world) == ["丙单位", "甲单位"]


def test_a_title_row_above_the_header_is_skipped(world: World, tmp_path: Path) -> None:
    text = "滨海公司利益相关方单位台账,\n名称,类型\n甲单位,企业\n乙单位,\n"
    batch = run(world.binhai, write(tmp_path, "titled.csv", text))
    assert counts(batch) == ("partly_committed", 2, 1, 0, 0, 1)
    assert report_rows(batch) == [["4", "类型", "", "该单元格为空。"]]


def test_a_quoted_cell_over_two_lines_is_one_row(world: World, tmp_path: Path) -> None:
    text = '名称,类型,说明\n甲单位,企业,"第一行\n第二行"\n乙单位,火星机构,\n'
    batch = run(world.binhai, write(tmp_path, "quoted.csv", text))
    # The second record is the spreadsheet's row 3, though it starts on line 4 of the file.
    assert report_rows(batch)[0][:2] == ["3", "类型"]
    assert Organisation.objects.for_tenant(world.binhai).get().description == "第一行\n第二行"


def test_a_row_with_more_cells_than_the_header_is_refused(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "wide.csv", "名称,类型\n甲单位,企业,多出来的\n乙单位,学校,\n"))
    assert counts(batch) == ("partly_committed", 2, 1, 0, 0, 1)
    assert report_rows(batch) == [["2", "", "甲单位,企业,多出来的", "该行有 3 个单元格，而表头只有 2 列。"]]


def test_a_tab_separated_file_is_read(world: World, tmp_path: Path) -> None:
    assert counts(run(world.binhai, write(tmp_path, "tabs.txt", "名称\t类型\n甲单位\t企业\n")))[:3] == (
        "committed",
        1,
        1,
    )


WRONG_ENCODING = "文件编码错误：请将文件另存为 UTF-8 或 GBK（GB18030）编码的 CSV。"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("logo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "这不是 CSV 文本文件，也不是 XLSX 工作簿。"),
        (
            "utf16.csv",
            "名称,类型\n".encode("utf-16"),
            "文件编码错误：请将文件另存为 UTF-8 或 GBK（GB18030）编码的 CSV。",
        ),
        ("latin.csv", bytes(range(0x80, 0x100)), "文件编码错误：请将文件另存为 UTF-8 或 GBK（GB18030）编码的 CSV。"),
        ("old.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "这是旧版 Excel（.xls）文件：请另存为 XLSX 或 CSV。"),
        ("broken.xlsx", b"PK\x03\x04not really a zip", "无法按 XLSX 工作簿读取该文件。"),
        ("empty.csv", b"\n\n", "文件为空。"),
    ],
)
def test_a_file_that_is_not_a_readable_register_is_refused_whole(
    world: World, tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    batch = run(world.binhai, path)
    assert (batch.status, batch.message) == ("rejected", reason)
    assert report_rows(batch) == [["", "", "", reason]]


def test_a_header_without_data_rows_is_refused(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "header-only.csv", "名称,类型\n"))
    assert (batch.status, batch.message, bool(batch.report_file)) == ("rejected", "文件中没有数据行。", False)


def test_a_file_over_the_row_limit_is_refused(world: World, tmp_path: Path, settings: Any) -> None:
    settings.IMPORTS_MAX_ROWS = 2
    batch = run(world.binhai, write(tmp_path, "big.csv", "名称,类型\n甲,企业\n乙,企业\n丙,企业\n"))
    assert (batch.status, batch.message) == ("rejected", "文件超过 2 个数据行：请拆分成较小的文件。")
    assert names(world) == []


def test_a_file_over_the_size_limit_is_refused(world: World, tmp_path: Path, settings: Any) -> None:
    settings.IMPORTS_MAX_BYTES = 10
    batch = run(world.binhai, write(tmp_path, "big.csv", "名称,类型\n甲单位,企业\n"))
    # Django's filesizeformat joins the number and its unit with a no-break space.
    assert (batch.status, batch.message) == ("rejected", "文件超过 10\xa0字节。")
