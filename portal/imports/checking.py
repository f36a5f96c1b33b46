"""Checking the rows of a read file against its data set: cells, coordinates, the app's rule, keys.

A row is refused with every problem it has (one report line each), so one round of corrections
fixes it. Rows are checked one by one in Python: a register is people-sized (thousands of rows, a
hundred thousand at most — ``IMPORTS_MAX_ROWS``), and each cell kind has rules a vectorised pass
would only duplicate. The meter readings, millions of rows of three columns, have their own
vectorised checks in ``portal.meters.imports.validation``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from portal.imports.cells import CellError, cell_text, convert
from portal.imports.context import Row
from portal.imports.reading import ReadFile, SourceRow
from portal.imports.report import Problem
from portal.imports.spec import RecordImport


@dataclass
class Checked:
    rows: list[Row]  # the good rows, in file order
    problems: list[Problem] = field(default_factory=list)
    refused: set[int] = field(default_factory=set)
    read: int = 0  # data rows in the file (good, refused and unreadable)


def check_rows(spec: RecordImport, read: ReadFile) -> Checked:
    checked = Checked(rows=[], problems=list(read.problems), refused={p.row for p in read.problems if p.row})
    checked.read = len(read.rows) + len(read.problems)
    first_of_key: dict[tuple[Any, ...], int] = {}
    for source in read.rows:
        row, problems = _check_row(spec, read, source)
        key = _key(spec, row)
        if key is not None:
            first = first_of_key.setdefault(key, source.number)
            if first != source.number:
                problems.append(_duplicate(spec, read, source, first))
        if problems:
            checked.problems.extend(problems)
            checked.refused.add(source.number)
        else:
            checked.rows.append(row)
    checked.problems.sort(key=lambda p: p.row or 0)  # stable: a row's problems keep their order
    return checked


def _check_row(spec: RecordImport, read: ReadFile, source: SourceRow) -> tuple[Row, list[Problem]]:
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    problems: list[Problem] = []
    for name, position in read.positions.items():
        raw = source.cells[position] if position < len(source.cells) else None
        cells[name] = cell_text(raw)
        try:
            values[name] = convert(spec.column(name), raw)
        except CellError as exc:
            problems.append(Problem(source.number, read.headers[name], cells[name], exc.reason))
    failed = {name for name in read.positions if name not in values}
    row = Row(number=source.number, values=values, cells=cells)
    for column, reason in _cross_field(spec, row, failed):
        problems.append(Problem(source.number, _header(spec, read, column), cells.get(column, ""), str(reason)))
    return row, problems


def _cross_field(spec: RecordImport, row: Row, failed: set[str]) -> list[tuple[str, Any]]:
    """The coordinate rules, then the data set's own ``check`` — on rows whose cells all parsed."""
    if failed:
        return []
    found: list[tuple[str, Any]] = []
    pair = spec.coordinate_columns()
    if pair is not None and pair[0].name in row and pair[1].name in row:
        latitude, longitude = row[pair[0].name], row[pair[1].name]
        if (latitude is None) != (longitude is None):
            missing = pair[1].name if longitude is None else pair[0].name
            found.append((missing, _("Enter both latitude and longitude, or neither.")))
        elif latitude == Decimal(0) and longitude == Decimal(0):
            found.append((pair[0].name, _("0, 0 is not a place in China: the coordinates are missing.")))
    if not found and spec.check is not None:
        found.extend(spec.check(row))
    return found


def _key(spec: RecordImport, row: Row) -> tuple[Any, ...] | None:
    """The row's natural key, when every key cell parsed."""
    if any(name not in row for name in spec.key):
        return None
    return tuple(row[name] for name in spec.key)


def _duplicate(spec: RecordImport, read: ReadFile, source: SourceRow, first: int) -> Problem:
    names = "、".join(_header(spec, read, name) for name in spec.key)
    reason = _("Same %(columns)s as row %(row)d: a file may hold each record once.") % {"columns": names, "row": first}
    cell = "、".join(cell_text(source.cells[read.positions[name]]) for name in spec.key)
    return Problem(source.number, _header(spec, read, spec.key[0]), cell, reason)


def _header(spec: RecordImport, read: ReadFile, name: str) -> str:
    return read.headers.get(name) or str(spec.column(name).label)
