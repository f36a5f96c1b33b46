"""PostgreSQL binary COPY of the night's codes, built with numpy (no Python loop over a million rows).

Binary COPY rows are fixed-width when no field is NULL; ``value`` and ``baseline`` are NULL on grey
days, so those (few) rows go in a second, text-format COPY.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
from django.db import connection

from careband.scoring import Scores

HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
TRAILER = b"\xff\xff"
PG_EPOCH_DAY = np.datetime64("2000-01-01", "D")
PG_EPOCH_US = np.datetime64("2000-01-01T00:00:00", "us")
COLUMNS = (
    "tenant_id, day, created_at, updated_at, subject_id, colour, reason, value, baseline, basis, "
    "missing_days, streak, valid_days"
)
_FIELDS = [
    ("tenant_id", ">i8"),
    ("day", ">i4"),
    ("created_at", ">i8"),
    ("updated_at", ">i8"),
    ("subject_id", ">i8"),
    ("colour", ">i2"),
    ("reason", ">i2"),
    ("value", ">f8"),
    ("baseline", ">f8"),
    ("basis", ">i2"),
    ("missing_days", ">i2"),
    ("streak", ">i2"),
    ("valid_days", ">i2"),
]
ROW = np.dtype([("n", ">i2")] + [p for name, kind in _FIELDS for p in ((f"l_{name}", ">i4"), (name, kind))])


def binary_rows(tenant_id: int, day: date, now: datetime, ids: np.ndarray, scores: Scores, keep: np.ndarray) -> bytes:
    rows = np.zeros(int(keep.sum()), dtype=ROW)
    rows["n"] = len(_FIELDS)
    for name, kind in _FIELDS:
        rows[f"l_{name}"] = np.dtype(kind).itemsize
    micros = (np.datetime64(now.replace(tzinfo=None), "us") - PG_EPOCH_US).astype(np.int64)  # now is UTC
    rows["tenant_id"] = tenant_id
    rows["day"] = int((np.datetime64(day, "D") - PG_EPOCH_DAY).astype(np.int64))
    rows["created_at"] = micros
    rows["updated_at"] = micros
    rows["subject_id"] = ids[keep]
    for name in ("colour", "reason", "value", "baseline", "basis", "missing_days", "streak", "valid_days"):
        rows[name] = getattr(scores, name)[keep]
    return HEADER + rows.tobytes() + TRAILER


def text_rows(tenant_id: int, day: date, now: datetime, ids: np.ndarray, scores: Scores, rows: np.ndarray) -> str:
    stamp = now.isoformat()

    def num(x: float) -> str:
        return r"\N" if x != x else repr(round(float(x), 3))

    return "".join(
        f"{tenant_id}\t{day}\t{stamp}\t{stamp}\t{ids[i]}\t{scores.colour[i]}\t{scores.reason[i]}\t"
        f"{num(scores.value[i])}\t{num(scores.baseline[i])}\t{scores.basis[i]}\t{scores.missing_days[i]}\t"
        f"{scores.streak[i]}\t{scores.valid_days[i]}\n"
        for i in rows.tolist()
    )


def copy_codes(table: str, tenant_id: int, day: date, now: datetime, ids: np.ndarray, scores: Scores) -> None:
    """Inside the caller's transaction."""
    complete = ~np.isnan(scores.value) & ~np.isnan(scores.baseline)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({COLUMNS}) FROM STDIN (FORMAT binary)") as copy:
            copy.write(binary_rows(tenant_id, day, now, ids, scores, complete))
        rest = np.flatnonzero(~complete)
        if len(rest):
            with raw.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
                copy.write(text_rows(tenant_id, day, now, ids, scores, rest))
