"""The error report of an import: one line per problem — row, column, value, reason (in Chinese)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext as _

# Spreadsheet programs run a cell starting with one of these as a formula: neutralise it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    row: int | None  # as in the source file, header = row 1; None for the file as a whole
    column: str
    value: str
    reason: str


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _safe(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def frame_of(problems: Iterable[Problem]) -> pd.DataFrame:
    rows = list(problems)
    return pd.DataFrame(
        {
            "row": pd.array([p.row for p in rows], dtype="Int64"),
            "column": [p.column for p in rows],
            "value": [p.value for p in rows],
            "reason": [p.reason for p in rows],
        }
    )


def render(problems: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel on a Chinese Windows opens it without garbling.

    ``problems`` has the columns row, column, value, reason; it is written in that order.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Value"), _("Reason")])
    rows = problems["row"].astype("Int64").astype(object).where(problems["row"].notna(), "")
    values = problems["value"].astype(str).map(_safe)
    writer.writerows(zip(rows, problems["column"], values, problems["reason"], strict=True))
    return buffer.getvalue().encode("utf-8-sig")
