"""A care subject's year of history, as the subject page reads it for its calendar and its line.

365 nightly files of 5,000 subjects each (one file per night, as ``careband.history.write_day``
writes them), then one subject's year read back: ``history.read_subject`` (one pyarrow dataset scan
over the nights' files, filtered on the subject) against the baseline of reading the files one by
one with a filter each (how the page read its 30 days before it showed a year). Both must return
the same rows. Target: the page's read of a year within 0.5 s.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import _common
import numpy as np
import pyarrow.parquet as pq
from django.conf import settings

from careband import history
from careband.scoring import Scores

SUBJECTS = 5_000
DAYS = 365
END = dt.date(2026, 11, 30)
TARGET_SECONDS = 0.5


def per_file(tenant_id: int, subject_id: int, end: dt.date, days: int) -> list[history.DayRow]:
    """The baseline: each night's file opened and filtered on its own."""
    out: list[history.DayRow] = []
    for offset in range(days - 1, -1, -1):
        day = end - dt.timedelta(days=offset)
        path = history.day_file(tenant_id, day)
        row = history.DayRow(day)
        if path.exists():
            table = pq.read_table(path, filters=[("subject_id", "=", subject_id)])
            if table.num_rows:
                first = table.slice(0, 1).to_pylist()[0]
                row = history.DayRow(day, first["colour"], first["value"], first["baseline"])
        out.append(row)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings.METER_STORE_PATH = Path(folder)
        rng = np.random.default_rng(7)
        ids = np.arange(1, SUBJECTS + 1, dtype=np.int64)
        figures: dict[str, float] = {}
        with _common.timed(figures, "write_seconds"):
            for offset in range(DAYS):
                n = SUBJECTS
                scores = Scores(
                    colour=rng.integers(0, 4, n).astype(np.int8),
                    reason=np.zeros(n, np.int8),
                    value=rng.random(n).astype(np.float32) * 5,
                    baseline=rng.random(n).astype(np.float32) * 5,
                    ratio=np.ones(n, np.float32),
                    basis=np.zeros(n, np.int8),
                    missing_days=np.zeros(n, np.int16),
                    streak=np.zeros(n, np.int16),
                    valid_days=np.full(n, 28, np.int16),
                )
                history.write_day(1, END - dt.timedelta(days=offset), ids, scores)
        subject = SUBJECTS // 2
        seconds, rows = _common.best_of(3, lambda: history.read_subject(1, subject, END, DAYS))
        baseline_seconds, baseline_rows = _common.best_of(3, lambda: per_file(1, subject, END, DAYS))
    _common.emit(
        {
            "name": "care_history",
            "rows": DAYS * SUBJECTS,
            "subjects": SUBJECTS,
            "days": DAYS,
            "seconds": seconds,
            "baseline_seconds": baseline_seconds,
            "speedup": round(baseline_seconds / seconds, 1),
            "target_seconds": TARGET_SECONDS,
            "meets_target": seconds <= TARGET_SECONDS,
            "same_rows": rows == baseline_rows,
            "scored_days": sum(r.colour is not None for r in rows),
            **figures,
        }
    )


if __name__ == "__main__":
    main()
