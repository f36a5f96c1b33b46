"""Reading a reading file (CSV, XLSX, Parquet) into three Arrow columns with their source row numbers.

Row numbers are as a person sees the file: the header is row 1, the first data row row 2 (XLSX: the
sheet's own row numbers). CSV goes through pyarrow's C++ reader; only a malformed file (a row with
the wrong number of fields, or blank lines that would shift the numbering) is re-read line by line
so every row keeps its true number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from django.utils.translation import gettext as _

from portal.imports.report import FileRejected, Problem, decode_text
from portal.meters.imports.columns import DatasetSpec, RegisterSpec, canonical, chinese_name


@dataclass
class ParsedFile:
    columns: dict[str, pa.Array]  # canonical name -> column (strings, or typed from Parquet)
    headers: dict[str, str]  # canonical name -> the header as written in the file
    row_numbers: np.ndarray  # int64, the file row of each data row
    problems: list[Problem] = field(default_factory=list)  # rows that could not even be split
    rows_unreadable: int = 0

    @property
    def rows(self) -> int:
        return len(self.row_numbers)


Spec = DatasetSpec | RegisterSpec


def parse(path: Path, spec: Spec) -> ParsedFile:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == b"PAR1":
        return _parse_parquet(path, spec)
    if magic == b"PK\x03\x04":
        return _parse_xlsx(path, spec)
    return _parse_csv(path.read_bytes(), spec)


# --- headers ------------------------------------------------------------------------------------


def _map_headers(headers: Iterable[Any], spec: Spec) -> dict[str, tuple[int, str]]:
    """canonical name -> (column position, header as written), for the spec's required and optional
    columns found in the file."""
    found: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    wanted = (*spec.required, *spec.optional)
    for position, header in enumerate(headers):
        name = canonical(header)
        if name not in wanted:
            continue  # other columns are allowed and ignored
        if name in found:
            problems.append(Problem(1, str(header), "", _("This column appears twice.")))
        found[name] = (position, str(header).replace("\ufeff", "").strip())
    for name in spec.required:
        if name not in found:
            problems.append(Problem(1, chinese_name(name), "", _("Missing column.")))
    if problems:
        raise FileRejected(problems)
    return found


# --- CSV ----------------------------------------------------------------------------------------


def _to_utf8(data: bytes) -> bytes:
    """The text as UTF-8 bytes for Arrow's reader (the decoding rule is the one of every import)."""
    return decode_text(data).encode("utf-8")


def _parse_csv(data: bytes, spec: Spec) -> ParsedFile:
    body = _to_utf8(data)
    first_line = body.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    header_row = next(csv.reader([first_line]), [])
    mapping = _map_headers(header_row, spec)
    trimmed = body.rstrip(b"\r\n")
    if b"\n\n" in trimmed or b"\n\r\n" in trimmed:
        return _parse_csv_by_line(body, header_row, mapping)
    bad_rows: list[str] = []

    def on_bad_row(row: Any) -> str:
        bad_rows.append(row.text)
        return "skip"

    names = {name: header_row[position] for name, (position, _h) in mapping.items()}
    table = _read_csv_fast(body, names, spec, on_bad_row)
    if bad_rows:
        return _parse_csv_by_line(body, header_row, mapping)
    columns = {name: table.column(header).combine_chunks() for name, header in names.items()}
    rows = table.num_rows
    return ParsedFile(
        columns=columns,
        headers={name: header for name, (_p, header) in mapping.items()},
        row_numbers=np.arange(2, rows + 2, dtype=np.int64),
    )


def _read_csv_fast(body: bytes, names: dict[str, str], spec: Spec, on_bad_row: Any) -> pa.Table:
    """Let Arrow parse the numbers; if any does not parse, read that column as text for validation."""
    types = {header: pa.string() for header in names.values()}
    typed = dict(types)
    for name in spec.numeric:
        typed[names[name]] = pa.float64()
    for column_types in (typed, types):
        try:
            return pacsv.read_csv(
                io.BytesIO(body),
                parse_options=pacsv.ParseOptions(invalid_row_handler=on_bad_row),
                convert_options=pacsv.ConvertOptions(
                    column_types=column_types,
                    include_columns=list(dict.fromkeys(names.values())),
                    null_values=[""],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except pa.ArrowInvalid:
            if column_types is types:
                raise
    raise AssertionError("unreachable")


def _parse_csv_by_line(body: bytes, header_row: list[str], mapping: dict[str, tuple[int, str]]) -> ParsedFile:
    """The slow, exact path for malformed files: every row keeps its line number."""
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    next(reader, None)
    values: dict[str, list[str]] = {name: [] for name in mapping}
    numbers: list[int] = []
    problems: list[Problem] = []
    width = len(header_row)
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if len(row) != width:
            text = ",".join(row)
            reason = _("Wrong number of fields: expected %(expected)d, found %(found)d.") % {
                "expected": width,
                "found": len(row),
            }
            problems.append(Problem(reader.line_num, "", text[:200], reason))
            continue
        numbers.append(reader.line_num)
        for name, (position, _h) in mapping.items():
            values[name].append(row[position])
    return ParsedFile(
        columns={name: pa.array(column, type=pa.string()) for name, column in values.items()},
        headers={name: header for name, (_p, header) in mapping.items()},
        row_numbers=np.asarray(numbers, dtype=np.int64),
        problems=problems,
        rows_unreadable=len(problems),
    )


# --- XLSX ---------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _parse_xlsx(path: Path, spec: Spec) -> ParsedFile:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, ())
        mapping = _map_headers(header_row, spec)
        values: dict[str, list[str]] = {name: [] for name in mapping}
        numbers: list[int] = []
        # openpyxl hands rows over one by one: this loop is the reader itself, not validation.
        for number, row in enumerate(rows, start=2):
            if row is None or all(cell is None or str(cell).strip() == "" for cell in row):
                continue
            numbers.append(number)
            for name, (position, _h) in mapping.items():
                values[name].append(_cell_text(row[position]) if position < len(row) else "")
    finally:
        workbook.close()
    return ParsedFile(
        columns={name: pa.array(column, type=pa.string()) for name, column in values.items()},
        headers={name: header for name, (_p, header) in mapping.items()},
        row_numbers=np.asarray(numbers, dtype=np.int64),
    )


# --- Parquet ------------------------------------------------------------------------------------


def _parse_parquet(path: Path, spec: Spec) -> ParsedFile:
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise FileRejected([Problem(None, "", "", _("The Parquet file cannot be read."))]) from exc
    mapping = _map_headers(schema.names, spec)
    table = pq.read_table(path, columns=[schema.names[position] for position, _h in mapping.values()])
    columns: dict[str, pa.Array] = {}
    for name, (position, _h) in mapping.items():
        column = table.column(schema.names[position]).combine_chunks()
        if pa.types.is_dictionary(column.type):
            column = column.dictionary_decode()
        columns[name] = column
    return ParsedFile(
        columns=columns,
        headers={name: header for name, (_p, header) in mapping.items()},
        row_numbers=np.arange(2, table.num_rows + 2, dtype=np.int64),
    )
