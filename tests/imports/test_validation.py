"""Row checks through the whole pipeline: one failing row per kind, with its row number and Chinese
reason in the report; duplicate natural keys; the coordinate pair; a data set's own cross-field rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.imports import Column, RecordImport, register_import
from portal.imports.context import Row
from portal.imports.registry import unregister_import
from tests.imports.conftest import PROBE, PROBE_SPEC, PROBED, counts, report_rows, run, write
from tests.personas import World

pytestmark = pytest.mark.django_db

HEADER = "编号,数量,高度,日期,时间,在用,类型,纬度,经度,电话\n"
GOOD = "T001,3,36,2021-05-01,2021-05-01 08:30,是,直线塔,39.21,117.63,13812345678\n"


def test_one_failing_row_per_kind_is_refused_with_its_row_and_reason(
    world: World, tmp_path: Path, probe: RecordImport
) -> None:
    rows = [
        GOOD,  # row 2
        "T0000001,,,,,,,,,\n",  # 3: text longer than 6
        ",1,,,,,,,,\n",  # 4: the required code is empty
        "T004,3.5,,,,,,,,\n",  # 5: integer
        "T005,,-1,,,,,,,\n",  # 6: decimal below its minimum
        "T006,,,2021-02-30,,,,,,\n",  # 7: date
        "T007,,,,2021-05-01,,,,,\n",  # 8: datetime without a time
        "T008,,,,,也许,,,,\n",  # 9: boolean
        "T009,,,,,,转角塔,,,\n",  # 10: choice
        "T010,,,,,,,91,117,\n",  # 11: latitude
        "T011,,,,,,,39,181,\n",  # 12: longitude
        "T012,,,,,,,,,12345\n",  # 13: phone
        "T013,,,,,,,0,0,\n",  # 14: the point 0, 0
        "T014,,,,,,,39.2,,\n",  # 15: half a point
    ]
    batch = run(world.binhai, write(tmp_path, "kinds.csv", HEADER + "".join(rows)), PROBE)
    # 14 rows read: row 2 is good (counted unchanged by the probe), the other 13 refused.
    assert counts(batch) == ("partly_committed", 14, 0, 0, 1, 13)
    assert report_rows(batch) == [
        ["3", "编号", "T0000001", "内容过长：8 个字，最多 6 个。"],
        ["4", "编号", "", "该单元格为空。"],
        ["5", "数量", "3.5", "不是整数。"],
        ["6", "高度", "-1", "小于允许的最小值 0。"],  # a negative number is not neutralised as a formula
        ["7", "日期", "2021-02-30", "日历上没有这一天。"],
        ["8", "时间", "2021-05-01", "不是有效的日期时间：请写成 2021-05-01 08:30。"],
        ["9", "在用", "也许", "不是“是”或“否”：请填 是 或 否（也可填 Y/N、true/false、1/0）。"],
        ["10", "类型", "转角塔", "不在可选值中：直线塔、耐张塔。"],
        ["11", "纬度", "91", "纬度应在 -90 至 90 之间。"],
        ["12", "经度", "181", "经度应在 -180 至 180 之间。"],
        ["13", "电话", "12345", "请输入大陆手机号码（如 13812345678）或带区号的固定电话（如 022-23456789）。"],
        ["14", "纬度", "0", "0, 0 不在中国境内：坐标缺失。"],
        ["15", "经度", "", "经度和纬度须同时填写或同时留空。"],
    ]
    assert [row.number for row in PROBED[batch.pk]] == [2]


def test_a_row_with_several_problems_gets_one_report_line_each(
    world: World, tmp_path: Path, probe: RecordImport
) -> None:
    batch = run(world.binhai, write(tmp_path, "two.csv", HEADER + "T001,x,,2021-13-01,,,,,,\n"), PROBE)
    assert counts(batch) == ("rejected", 1, 0, 0, 0, 1)
    assert report_rows(batch) == [["2", "数量", "x", "不是整数。"], ["2", "日期", "2021-13-01", "日历上没有这一天。"]]


def test_a_second_row_with_the_same_key_is_refused_naming_the_first(
    world: World, tmp_path: Path, probe: RecordImport
) -> None:
    text = HEADER + GOOD + "T002,1,,,,,,,,\n" + "T001,4,,,,,,,,\n" + "T001,5,,,,,,,,\n"
    batch = run(world.binhai, write(tmp_path, "twice.csv", text), PROBE)
    # Rows 2 and 3 are kept; rows 4 and 5 repeat row 2's code.
    assert counts(batch) == ("partly_committed", 4, 0, 0, 2, 2)
    assert report_rows(batch) == [
        ["4", "编号", "T001", "与第 2 行的编号相同：同一记录在一个文件中只能出现一次。"],
        ["5", "编号", "T001", "与第 2 行的编号相同：同一记录在一个文件中只能出现一次。"],
    ]


def test_a_key_of_two_columns_names_both(world: World, tmp_path: Path) -> None:
    spec = RecordImport(
        code="birdguard.probe_towers",
        label="杆塔",
        programme="birdguard",
        columns=(Column("line", "线路编号", required=True), Column("number", "杆塔号", required=True)),
        key=("line", "number"),
        apply=lambda ctx, rows: setattr(ctx, "unchanged", ctx.unchanged + len(rows)),
        sample=(("L-101", "001"),),
    )
    register_import(spec)
    try:
        text = "线路编号,杆塔号\nL-101,001\nL-102,001\nL-101,001\n"
        batch = run(world.binhai, write(tmp_path, "towers.csv", text), spec.code)
    finally:
        unregister_import(spec.code)
    assert report_rows(batch) == [
        ["4", "线路编号", "L-101、001", "与第 2 行的线路编号、杆塔号相同：同一记录在一个文件中只能出现一次。"]
    ]


def _no_count_when_retired(row: Row) -> Iterator[tuple[str, str]]:
    if row.get("active") is False and row.get("count"):
        yield "count", "停用的杆塔数量应为 0。"


@pytest.fixture
def ruled_probe() -> Iterator[RecordImport]:
    spec = RecordImport(
        code="alliance.ruled_probe",
        label=PROBE_SPEC.label,
        programme="alliance",
        columns=PROBE_SPEC.columns,
        key=PROBE_SPEC.key,
        apply=PROBE_SPEC.apply,
        sample=PROBE_SPEC.sample,
        check=_no_count_when_retired,
    )
    register_import(spec)
    yield spec
    unregister_import(spec.code)


def test_a_data_sets_cross_field_rule_refuses_the_row(world: World, tmp_path: Path, ruled_probe: RecordImport) -> None:
    text = HEADER + "T001,2,,,,否,,,,\n" + "T002,0,,,,否,,,,\n"
    batch = run(world.binhai, write(tmp_path, "ruled.csv", text), ruled_probe.code)
    assert counts(batch) == ("partly_committed", 2, 0, 0, 1, 1)
    assert report_rows(batch) == [["2", "数量", "2", "停用的杆塔数量应为 0。"]]
