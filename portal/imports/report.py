"""What every import shares at the level of the file (meter readings and the grid register in
``portal.meters.imports``, record data sets in ``portal.imports``): the problem a row or the file has,
the error report (one line per problem — row, column, value, reason, in Chinese), a refused file,
a file's checksum, its text decoded, and a header normalised for matching."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


class FileRejected(Exception):
    """The file as a whole cannot be read (encoding, missing column, no rows)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


def file_checksum(path: Path) -> str:
    """SHA-256 of the file: the same file imported again is recognised by it."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_utf16_text(data: bytes) -> bool:
    """Text saved as UTF-16 ("Unicode text" in Excel): readable in one of its byte orders."""
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            head = data[:1000].decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
        if head and sum(ch.isprintable() or ch in "\r\n\t" for ch in head) >= 0.95 * len(head):
            return True
    return False


WRONG_ENCODING = _lazy("Wrong encoding: save the file as UTF-8 or GBK (GB18030) CSV.")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); anything else is refused, with a
    reason that says what to do: a UTF-16 text is saved again in another encoding, a binary file is no
    CSV at all."""
    if b"\x00" in data:
        if _is_utf16_text(data[: len(data) - len(data) % 2]):
            raise FileRejected(
                [Problem(None, "", "", _("Wrong encoding: save the file as UTF-8 or GBK (GB18030) CSV."))]
            )
        raise FileRejected([Problem(None, "", "", _("This is not a CSV text file or an XLSX workbook."))])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRejected([Problem(None, "", "", str(WRONG_ENCODING))])


_UNIT = re.compile(r"\s*[（(][^()（）]*[)）]\s*$")


def normalise_header(header: object) -> str:
    """A header as matched against names and aliases: trimmed, lower-cased, a unit in brackets dropped
    (``电量(kWh)``, ``电量（千瓦时）`` and ``KWH`` all become ``kwh``/``电量``)."""
    text = str(header if header is not None else "").replace("\ufeff", "").strip()
    return _UNIT.sub("", text).strip().lower()
