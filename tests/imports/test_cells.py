"""The cell kinds on their own: what each accepts and what it gives ``apply``; no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from portal.imports.cells import SHANGHAI, CellError, convert
from portal.imports.spec import Column


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield


KIND = Column("kind", "类型", choices=(("straight", "Straight tower"), ("tension", "耐张塔")))


@pytest.mark.parametrize(
    ("column", "raw", "value"),
    [
        (Column("t", "t"), "  A 区  ", "A 区"),
        (Column("t", "t"), 13812345678.0, "13812345678"),  # an XLSX number in a text column
        (Column("i", "i", kind="integer"), "1,200", 1200),
        (Column("i", "i", kind="integer"), "１２", 12),  # full-width digits from a Chinese input method
        (Column("i", "i", kind="integer"), 12.0, 12),
        (Column("d", "d", kind="decimal"), "36.50", Decimal("36.50")),
        (Column("d", "d", kind="decimal", decimal_places=1), 36.25, Decimal("36.3")),  # half up
        (Column("d", "d", kind="date"), "2021-05-01", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), "2021/5/1", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), "2021年5月1日", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), "20210501", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), "2021.05.01", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), "2021/5/1 0:00", dt.date(2021, 5, 1)),  # Excel's CSV of a date cell
        (Column("d", "d", kind="date"), "２０２１－０５－０１", dt.date(2021, 5, 1)),
        (Column("d", "d", kind="date"), 44317, dt.date(2021, 5, 1)),
        (Column("m", "m", kind="datetime"), "2021-05-01 08:30", dt.datetime(2021, 5, 1, 8, 30, tzinfo=SHANGHAI)),
        (Column("m", "m", kind="datetime"), "2021/5/1 8:30:15", dt.datetime(2021, 5, 1, 8, 30, 15, tzinfo=SHANGHAI)),
        (Column("m", "m", kind="datetime"), "2021年5月1日 8：30", dt.datetime(2021, 5, 1, 8, 30, tzinfo=SHANGHAI)),
        (Column("m", "m", kind="datetime"), "2021-05-01T08:30:00", dt.datetime(2021, 5, 1, 8, 30, tzinfo=SHANGHAI)),
        # An explicit offset is kept: 00:30 UTC is 08:30 in Beijing.
        (
            Column("m", "m", kind="datetime"),
            "2021-05-01T00:30:00+00:00",
            dt.datetime(2021, 5, 1, 8, 30, tzinfo=SHANGHAI),
        ),
        (Column("b", "b", kind="boolean"), "是", True),
        (Column("b", "b", kind="boolean"), "N", False),
        (Column("b", "b", kind="boolean"), "True", True),
        (Column("b", "b", kind="boolean"), "0", False),
        (Column("b", "b", kind="boolean"), True, True),
        (KIND, "耐张塔", "tension"),
        (KIND, "TENSION", "tension"),
        (KIND, "straight tower", "straight"),  # the label, in any case
        (Column("y", "y", kind="latitude"), "39.1234567", Decimal("39.123457")),  # six places kept
        (Column("x", "x", kind="longitude"), "-117.5", Decimal("-117.500000")),
        (Column("p", "p", kind="phone"), "138 1234 5678", "13812345678"),
        (Column("p", "p", kind="phone"), "(022)23456789", "02223456789"),
        (Column("p", "p", kind="phone"), "022-23456789转123", "022-23456789转123"),
    ],
)
def test_each_kind_accepts_the_formats_people_write(column: Column, raw: Any, value: Any) -> None:
    assert convert(column, raw) == value


@pytest.mark.parametrize(
    ("column", "empty"),
    [
        (Column("t", "t"), ""),
        (Column("i", "i", kind="integer"), None),
        (KIND, None),
        (Column("b", "b", kind="boolean"), None),
    ],
)
def test_an_empty_optional_cell_is_empty_text_or_none(column: Column, empty: Any) -> None:
    assert convert(column, "  ") == empty
    assert convert(column, None) == empty


@pytest.mark.parametrize(
    ("column", "raw", "reason"),
    [
        (Column("t", "t", required=True), " ", "该单元格为空。"),
        (Column("t", "t", max_length=3), "四个汉字", "内容过长：4 个字，最多 3 个。"),
        (Column("i", "i", kind="integer"), "3.5", "不是整数。"),
        (Column("i", "i", kind="integer"), "1,5", "不是整数。"),  # not a thousands separator
        (Column("i", "i", kind="integer", max_value=100), "101", "大于允许的最大值 100。"),
        (Column("d", "d", kind="decimal", min_value=0), "-0.5", "小于允许的最小值 0。"),
        (Column("d", "d", kind="decimal"), "NaN", "不是有效的数字。"),
        (Column("d", "d", kind="date"), "2021-02-30", "日历上没有这一天。"),
        (Column("d", "d", kind="date"), "5/1/2021", "不是有效的日期：请写成 2021-05-01、2021/5/1 或 2021年5月1日。"),
        (Column("d", "d", kind="date"), "44317", "不是有效的日期：请写成 2021-05-01、2021/5/1 或 2021年5月1日。"),
        (Column("d", "d", kind="date"), "2021-05-01 08:30", "此处应填日期，不带时间。"),
        (Column("d", "d", kind="date"), 44317.5, "此处应填日期，不带时间。"),
        (Column("m", "m", kind="datetime"), "2021-05-01", "不是有效的日期时间：请写成 2021-05-01 08:30。"),
        (Column("m", "m", kind="datetime"), "2021-05-01 25:00", "没有这个时刻。"),
        (Column("b", "b", kind="boolean"), "也许", "不是“是”或“否”：请填 是 或 否（也可填 Y/N、true/false、1/0）。"),
        (KIND, "转角塔", "不在可选值中：Straight tower、耐张塔。"),
        (Column("y", "y", kind="latitude"), "91", "纬度应在 -90 至 90 之间。"),
        (Column("x", "x", kind="longitude"), "181", "经度应在 -180 至 180 之间。"),
        (
            Column("p", "p", kind="phone"),
            "12345",
            "请输入大陆手机号码（如 13812345678）或带区号的固定电话（如 022-23456789）。",
        ),
    ],
)
def test_each_kind_refuses_with_a_chinese_reason(column: Column, raw: Any, reason: str) -> None:
    with pytest.raises(CellError) as refused:
        convert(column, raw)
    assert refused.value.reason == reason
