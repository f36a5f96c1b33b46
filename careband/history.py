"""The colour history: Parquet under ``METER_STORE_PATH/careband/tenant_<id>/month=YYYY-MM/day=DD.parquet``.

The meter store's write path is built for meter readings (key dictionary, batch ids, last writer
wins per reading), not for a derived table rewritten every night, so the care code keeps its own
small layout beside it: one file per tenant and day, grouped in a directory per month. A night's
file is written under a temporary name and renamed into place, so a rerun of the same night
replaces it atomically and readers never see half a file.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from django.conf import settings

from careband.scoring import Scores


@dataclass(frozen=True)
class DayRow:
    day: date
    colour: int | None = None  # None: not scored that day
    value: float | None = None
    baseline: float | None = None


@dataclass(frozen=True)
class DayCounts:
    day: date
    counts: list[int]  # grey, green, yellow, red


def tenant_dir(tenant_id: int) -> Path:
    return Path(settings.METER_STORE_PATH) / "careband" / f"tenant_{int(tenant_id)}"


def day_file(tenant_id: int, day: date) -> Path:
    return tenant_dir(tenant_id) / f"month={day:%Y-%m}" / f"day={day:%d}.parquet"


def write_day(tenant_id: int, day: date, subject_ids: np.ndarray, scores: Scores) -> Path:
    table = pa.table(
        {
            "subject_id": pa.array(subject_ids.astype(np.int64)),
            "colour": pa.array(scores.colour.astype(np.int8)),
            "reason": pa.array(scores.reason.astype(np.int8)),
            "value": pa.array(scores.value.astype(np.float32)),
            "baseline": pa.array(scores.baseline.astype(np.float32)),
        }
    )
    target = day_file(tenant_id, day)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{uuid.uuid4().hex}.parquet")
    pq.write_table(table, temp, compression="zstd")
    os.replace(temp, target)
    return target


def read_subject(tenant_id: int, subject_id: int, end: date, days: int = 30) -> list[DayRow]:
    """One subject's last ``days`` days up to ``end``: date, colour (None when not scored), value, baseline.

    The nights' files are read in one dataset scan: a year of 5,000-subject nights in 0.19 s on two
    cores, 2.9 times faster than opening them one by one (``bench/care_history.py``).
    """
    wanted = {
        str(day_file(tenant_id, end - timedelta(days=offset))): end - timedelta(days=offset) for offset in range(days)
    }
    present = [path for path in wanted if os.path.exists(path)]
    found: dict[date, DayRow] = {}
    if present:
        table = ds.dataset(present, format="parquet").to_table(
            filter=pc.field("subject_id") == subject_id, columns=["__filename", "colour", "value", "baseline"]
        )
        columns = [table[name].to_pylist() for name in ("__filename", "colour", "value", "baseline")]
        for path, colour, value, baseline in zip(*columns, strict=True):
            day = wanted[path]
            found.setdefault(day, DayRow(day, colour, value, baseline))
    return [found.get(day, DayRow(day)) for day in sorted(wanted.values())]


def colour_counts(tenant_id: int, end: date, days: int = 30, subject_ids: np.ndarray | None = None) -> list[DayCounts]:
    """Per day: how many of ``subject_ids`` (all when None) had each colour."""
    out: list[DayCounts] = []
    for offset in range(days - 1, -1, -1):
        day = end - timedelta(days=offset)
        path = day_file(tenant_id, day)
        counts = [0, 0, 0, 0]
        if path.exists():
            table = pq.read_table(path, columns=["subject_id", "colour"])
            if subject_ids is not None:
                table = table.filter(pc.is_in(table["subject_id"], pa.array(subject_ids.astype(np.int64))))
            counts = np.bincount(table["colour"].to_numpy(), minlength=4)[:4].tolist()
        out.append(DayCounts(day, counts))
    return out
