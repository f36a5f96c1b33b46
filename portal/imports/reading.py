"""Reading a register file (CSV in UTF-8 or GBK/GB18030, or XLSX) into its header and raw rows.

Row numbers are as a person sees the file in a spreadsheet: the first row is 1, blank rows count
(and are skipped), a quoted cell spanning lines stays one row. The header is the first row, among
the first ten, naming at least one column of the data set — a title row above it (``滨海公司杆塔台账``)
is skipped; without one, the first non-blank row is taken and its missing columns reported.

Header names are matched after trimming, lower-casing and dropping a unit in brackets, with the
meter imports' own rule (``portal.meters.imports.columns.normalise``).
"""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.imports.report import FileRejected, Problem, decode_text
from portal.imports.report import normalise_header as normalise
from portal.imports.spec import DeclarationError, RecordImport

HEADER_SEARCH_ROWS = 10
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container


@dataclass(frozen=True)
class SourceRow:
    number: int  # as in the spreadsheet, first row = 1
    cells: tuple[object, ...]


@dataclass
class ReadFile:
    positions: dict[str, int]  # column name → its position in the file
    headers: dict[str, str]  # column name → the header as written in the file
    rows: list[SourceRow]  # the non-blank rows below the header
    problems: list[Problem] = field(default_factory=list)  # rows that could not even be split
    header_row: int = 1


# --- headers ------------------------------------------------------------------------------------


# id(spec) → (spec, lookup). Keyed by identity: a spec's labels are lazy texts whose hash would
# change with the active language.
_LOOKUPS: dict[int, tuple[RecordImport, dict[str, str]]] = {}


def header_lookup(spec: RecordImport) -> dict[str, str]:
    """Every accepted header, normalised → column name: the name, the label in each language, aliases."""
    cached = _LOOKUPS.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    lookup: dict[str, str] = {}
    for column in spec.columns:
        spellings = {column.name, *column.aliases}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                spellings.add(str(column.label))
        for spelling in spellings:
            key = normalise(spelling)
            other = lookup.setdefault(key, column.name)
            if other != column.name:
                raise DeclarationError(
                    f"data set {spec.code!r}: the header {spelling!r} would mean both {other!r} and {column.name!r}"
                )
    _LOOKUPS[id(spec)] = (spec, lookup)
    return lookup


def _is_blank(cells: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _header_text(cell: object) -> str:
    return str(cell if cell is not None else "").replace("\ufeff", "").strip()


def _matches(cells: Sequence[object], lookup: dict[str, str]) -> bool:
    return any(normalise(cell) in lookup for cell in cells if cell is not None)


def _map_header(number: int, cells: Sequence[object], spec: RecordImport) -> tuple[dict[str, int], dict[str, str]]:
    lookup = header_lookup(spec)
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for position, cell in enumerate(cells):
        name = lookup.get(normalise(cell)) if cell is not None else None
        if name is None:
            continue  # a column the data set does not know: ignored
        if name in positions:
            problems.append(Problem(number, _header_text(cell), "", _("This column appears twice.")))
            continue
        positions[name] = position
        headers[name] = _header_text(cell)
    for column in spec.required_columns:
        if column.name not in positions:
            problems.append(Problem(number, str(column.label), "", _("Missing column.")))
    if problems:
        raise FileRejected(problems)
    return positions, headers


def _split(numbered: Iterable[tuple[int, Sequence[object]]], spec: RecordImport, max_rows: int) -> ReadFile:
    """Find the header among the first rows, map it, and keep the non-blank rows below it."""
    lookup = header_lookup(spec)
    rows: Iterator[tuple[int, Sequence[object]]] = iter(numbered)
    leading: list[tuple[int, Sequence[object]]] = []
    header: tuple[int, Sequence[object]] | None = None
    for number, cells in rows:
        if _is_blank(cells):
            continue
        leading.append((number, cells))
        if _matches(cells, lookup):
            header = (number, cells)
            break
        if len(leading) == HEADER_SEARCH_ROWS:
            break
    if header is None:
        if not leading:
            raise FileRejected([Problem(None, "", "", _("The file is empty."))])
        header = leading[0]  # no row names a column: report the first row's missing columns
        rows = itertools.chain(leading[1:], rows)
    number, cells = header
    positions, headers = _map_header(number, cells, spec)
    width = len(cells)
    found = ReadFile(positions=positions, headers=headers, rows=[], header_row=number)
    for row_number, row in rows:
        if _is_blank(row):
            continue
        if len(found.rows) + len(found.problems) >= max_rows:
            reason = _("The file has more than %(max)d data rows: split it into smaller files.") % {"max": max_rows}
            raise FileRejected([Problem(None, "", "", reason)])
        extra = row[width:]
        if not _is_blank(extra):
            reason = _("This row has %(found)d cells but the header has %(expected)d.") % {
                "found": width + len(extra),
                "expected": width,
            }
            text = ",".join(str(c) for c in row if c is not None)[:200]
            found.problems.append(Problem(row_number, "", text, reason))
            continue
        found.rows.append(SourceRow(row_number, tuple(row[:width])))
    return found


# --- the file kinds -----------------------------------------------------------------------------


def read_file(path: Path, spec: RecordImport, *, max_rows: int) -> ReadFile:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == _ZIP:
        return _read_xlsx(path, spec, max_rows)
    if magic == _OLE:
        raise FileRejected([Problem(None, "", "", _("This is an old Excel (.xls) file: save it as XLSX or CSV."))])
    return _split(_csv_rows(decode_text(path.read_bytes())), spec, max_rows)


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Each record is one spreadsheet row, blank ones included ([]).
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        reason = _("The CSV file cannot be read after line %(line)d: %(error)s") % {
            "line": reader.line_num,
            "error": exc,
        }
        raise FileRejected([Problem(None, "", "", reason)]) from exc


def _read_xlsx(path: Path, spec: RecordImport, max_rows: int) -> ReadFile:
    """The first sheet whose header names a column of the data set (else the first sheet)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise FileRejected([Problem(None, "", "", _("The file cannot be read as an XLSX workbook."))]) from exc
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise FileRejected([Problem(None, "", "", _("The workbook has no sheet."))])
        lookup = header_lookup(spec)
        chosen = sheets[0]
        for sheet in sheets:
            top = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
            if any(_matches(cells, lookup) for cells in top):
                chosen = sheet
                break
        # Read-only sheets yield every row from the first, empty ones included: enumerate numbers them.
        return _split(enumerate(chosen.iter_rows(values_only=True), start=1), spec, max_rows)
    finally:
        workbook.close()


def estimate_rows(path: Path) -> int | None:
    """Roughly how many rows the file has, to decide whether it runs inline; None when unknown."""
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == _ZIP:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            return None  # the import itself will say what is wrong with it
        try:
            rows = [sheet.max_row for sheet in workbook.worksheets]
        finally:
            workbook.close()
        return None if any(r is None for r in rows) else sum(r or 0 for r in rows)
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
