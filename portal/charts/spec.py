"""What a chart or a map is, before it reaches a page: a title, the figures, their unit and the table.

A chart's table is built from the same figures as its option, by the same builder, so the drawing,
the "view as table" and the CSV download cannot disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.utils.translation import pgettext

Cell = str | int | float | date | None
ColumnKind = Literal["text", "number", "date"]


@dataclass(frozen=True)
class Column:
    """One column of a chart's table: its header, what it holds and, for numbers, unit and decimals."""

    header: str
    kind: ColumnKind = "text"
    unit: str = ""
    decimals: int = 0

    @property
    def title(self) -> str:
        """The header with its unit, as the CSV and the table show it: "Loss (kWh)", "损失电量（kWh）"."""
        if not self.unit:
            return self.header
        return pgettext("a table header with its unit", "%(header)s (%(unit)s)") % {
            "header": self.header,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"a table row has {len(row)} cells for {width} columns: {row!r}")


@dataclass(frozen=True)
class NumberStyle:
    """How the page shows a chart's values: "12.5 kWh", "3.4%" (digits and separators per language)."""

    unit: str = ""
    decimals: int = 0


@dataclass(frozen=True)
class Series:
    """One named run of values: a line, a set of bars. ``None`` (or NaN) is a gap, never a zero."""

    name: str
    values: Sequence[float | None]
    colour: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class Category:
    """A class of values with its label and colour: a care code's colour, a loss-rate band."""

    key: str
    label: str
    colour: str

    def __post_init__(self) -> None:
        if not HEX_COLOUR.fullmatch(self.colour):
            raise ValueError(f"colour must be #rrggbb, not {self.colour!r}")


HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Chart:
    """An ECharts option (JSON-ready) with what the page needs around it.

    ``categories`` names what each value means on a categorical chart (the calendar of care codes,
    whose values are the categories' keys read as numbers): the tooltip then shows the label instead
    of the number, and the page shows their colours as the legend.
    """

    kind: str
    title: str
    option: dict[str, Any]
    table: Table
    style: NumberStyle = field(default_factory=NumberStyle)
    x_axis: Literal["time", "category", "none"] = "none"
    categories: tuple[Category, ...] = ()
    height: int = 320
    filename: str = "chart"


def clean(value: float | None) -> float | None:
    """A value for JSON: ``None`` for missing and for NaN or infinity (JSON has neither)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def rounded(value: float | None, decimals: int) -> float | None:
    """The figure as drawn and tabled: rounded once here, so tooltip, table and CSV show the same digits."""
    number = clean(value)
    return None if number is None else round(number, decimals)


def filename_for(title: str) -> str:
    """A download name from a title: letters (any script), digits and dashes."""
    stem = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-").lower()
    return stem[:60] or "chart"
