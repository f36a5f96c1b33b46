"""Care-code benchmark: accuracy on the generator's labelled events, and the nightly run at 1 M subjects.

Accuracy: ``portal.meters.synthetic.generate`` with care subjects and their labelled inactivity spells
and surges; every day after the 28-day warm-up is scored with ``careband.scoring.score`` as the nightly
run would (history up to and including that day). ``inactivity_recall``: share of inactivity spells red
on their first day; ``false_red_per_100_days``: red codes on days outside any labelled event, per 100
subject-days.

Performance: the generator's subjects tiled to 1 M (meter numbers made unique), 90 days written to the
meter store, 1 M subjects enrolled (COPY), then the nightly service timed from the store to today's
colours saved in PostgreSQL and the day's history file: cohort → matrix → kernel → COPY (colour,
reason code and numbers; the words are made when shown) → Parquet.
Opening alert tickets for the red codes is timed separately on a sample (it is per red subject, not
per subject). The kernel is compared with a per-subject pandas loop doing the same arithmetic, timed on
a sample in the same run; the loop does the core arithmetic only (weekday baseline, spread, bands —
no common-weather correction, no level-shift check), so the comparison flatters the loop.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import time
from typing import Any

import _common
import numpy as np
import pandas as pd
import pyarrow as pa
from django.db import connection, transaction
from django.utils import timezone

from careband import history
from careband.reasons import reason_texts
from careband.scoring import Colour, score
from careband.services import nightly
from careband.services.areas import grid_path
from portal.meters.store import Readings, dataset_lock, stage
from portal.meters.synthetic import GeneratorConfig, generate
from portal.meters.synthetic.spells import Spells, spell_mask

SUBJECTS = int(os.environ.get("CAREBAND_BENCH_SUBJECTS", 1_000_000))
DAYS = 90
START = dt.date(2025, 1, 1)  # Jan–Mar: Spring Festival and the end of the heating season inside
WARMUP = 29
PANDAS_SAMPLE = 2_000


def accuracy(data: Any) -> dict[str, float]:
    subjects = data.care_subjects
    values = data.readings[subjects]
    events = data.care_events
    rows = np.searchsorted(subjects, events.spells.row)
    in_event = spell_mask(Spells(rows, events.spells.start, events.spells.end), len(subjects), DAYS)
    colours = np.zeros((len(subjects), DAYS), np.int8)
    for day in range(WARMUP, DAYS):
        colours[:, day] = score(values[:, : day + 1]).colour
    inactive = (events.kind == "inactivity") & (events.spells.start >= WARMUP)
    surge = (events.kind == "surge") & (events.spells.start >= WARMUP)
    first_red = colours[rows, events.spells.start] == Colour.RED
    normal = ~in_event[:, WARMUP:]
    false_red = (colours[:, WARMUP:] == Colour.RED) & normal
    return {
        "accuracy_subjects": len(subjects),
        "inactivity_spells": int(inactive.sum()),
        "inactivity_recall": round(float(first_red[inactive].mean()), 4),
        "surge_recall": round(float(first_red[surge].mean()), 4),
        "false_red_per_100_days": round(float(false_red.sum() / normal.sum() * 100), 3),
        "grey_share": round(float((colours[:, WARMUP:] == Colour.GREY).mean()), 4),
    }


def tiled(data: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    base = data.readings[data.care_subjects]
    reps = -(-n // len(base))
    values = np.tile(base, (reps, 1))[:n]
    keys = np.char.add("CB", np.char.zfill(np.arange(n).astype(str), 8))
    return keys, values


def write_store(tenant_id: int, keys: np.ndarray, values: np.ndarray) -> None:
    dates = np.datetime64(START, "D") + np.arange(DAYS)
    months = dates.astype("datetime64[M]")
    key_array = pa.array(keys.astype(str))
    for batch_id, month in enumerate(np.unique(months), start=1):
        columns = np.flatnonzero(months == month)
        block = values[:, columns]
        row, day = np.nonzero(~np.isnan(block))
        with dataset_lock(tenant_id, "meter_daily") as root:
            stage(
                root,
                "meter_daily",
                batch_id,
                Readings(key_array, row.astype(np.int32), dates[columns][day], block[row, day]),
            ).publish()


def enrol_bulk(tenant: Any, keys: np.ndarray) -> None:
    grid = grid_path(tenant, "基准区民政局", "基准街道", "基准社区", "基准网格")
    now = timezone.now().isoformat()
    subjects = io.StringIO()
    for i in range(len(keys)):
        subjects.write(
            f"{tenant.pk}\t老人{i}\t\t\t基准路{i}号\telderly_alone\t{grid.pk}\t本人\t{now}\t用电关爱\t\t1.0\t{now}\t{now}\n"
        )
    cols = (
        "tenant_id, name, id_number, phone, address, category, grid_id, consent_by, consent_at, consent_scope, "
        "pause_reason, tolerance, created_at, updated_at"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY careband_caresubject ({cols}) FROM STDIN") as copy:
            copy.write(subjects.getvalue())
        cursor.execute("SELECT id FROM careband_caresubject WHERE tenant_id = %s ORDER BY id", [tenant.pk])
        ids = [r[0] for r in cursor.fetchall()]
        meters = io.StringIO()
        for sid, key in zip(ids, keys.tolist(), strict=True):
            meters.write(f"{tenant.pk}\t{sid}\t{key}\t{now}\t{now}\n")
        with cursor.cursor.copy(
            "COPY careband_subjectmeter (tenant_id, subject_id, meter_no, created_at, updated_at) FROM STDIN"
        ) as copy:
            copy.write(meters.getvalue())
        cursor.execute("ANALYZE careband_caresubject; ANALYZE careband_subjectmeter")


def pandas_loop(values: np.ndarray) -> np.ndarray:
    """The same personal baseline, one subject at a time with pandas (what a notebook would do)."""
    out = np.zeros(len(values), np.int8)
    for i, row in enumerate(values):
        s = pd.Series(row)
        hist, today = s.iloc[-29:-1], s.iloc[-1]
        same_weekday = hist.iloc[::-1].iloc[6::7].iloc[:4]
        base = same_weekday.median() if same_weekday.notna().sum() >= 3 else hist.median()
        spread = 1.4826 * (np.log(hist.clip(lower=1e-3) / max(hist.median(), 1e-3))).abs().median()
        band = np.exp(5 * spread)
        if pd.isna(today) or hist.notna().sum() < 14 or not base >= 0.2:
            out[i] = Colour.GREY
            continue
        ratio = today / base
        red = ratio <= min(0.4, 1 / band) or ratio >= max(2.5, band)
        yellow = ratio <= 0.6 or ratio >= 1.8
        out[i] = Colour.RED if red else Colour.YELLOW if yellow else Colour.GREEN
    return out


def main() -> None:
    figures: dict[str, Any] = {"name": "careband", "meters": SUBJECTS, "subjects": SUBJECTS, "days": DAYS}
    data = generate(GeneratorConfig(meters=60_000, areas=300, days=DAYS, seed=20260, start=START, care_subjects=20_000))
    _common.log("accuracy on the generator's labelled events")
    figures.update(accuracy(data))

    tenant = _common.bench_tenant("bench-careband")
    shutil.rmtree(history.tenant_dir(tenant.pk), ignore_errors=True)
    keys, values = tiled(data, SUBJECTS)
    day = START + dt.timedelta(days=DAYS - 1)
    _common.log(f"writing {SUBJECTS} x {DAYS} to the store and enrolling")
    write_store(tenant.pk, keys, values)
    enrol_bulk(tenant, keys)

    timings: dict[str, float] = {}
    with _common.timed(timings, "nightly_seconds"):
        with _common.timed(timings, "cohort_seconds"):
            cohort = nightly.load_cohort(tenant, day)
        with _common.timed(timings, "store_read_seconds"):
            matrix = nightly.subject_matrix(tenant.pk, cohort, day)
        with _common.timed(timings, "kernel_seconds"):
            scores = nightly.score_chunks(matrix, cohort, nightly.settings_for(tenant).thresholds(), lambda p, m: None)
        with _common.timed(timings, "save_codes_seconds"):
            nightly.save_codes(tenant, day, cohort.subject_ids, scores)
        with _common.timed(timings, "history_seconds"):
            history.write_day(tenant.pk, day, cohort.subject_ids, scores)
    figures.update(timings)
    # The second night replaces the first night's million codes (the steady state): timed the same way.
    second: dict[str, float] = {}
    with _common.timed(second, "nightly_second_night_seconds"):
        cohort = nightly.load_cohort(tenant, day)
        matrix = nightly.subject_matrix(tenant.pk, cohort, day)
        scores = nightly.score_chunks(matrix, cohort, nightly.settings_for(tenant).thresholds(), lambda p, m: None)
        with _common.timed(second, "save_codes_second_night_seconds"):
            nightly.save_codes(tenant, day, cohort.subject_ids, scores)
        history.write_day(tenant.pk, day, cohort.subject_ids, scores)
    figures.update(second)
    figures["red_today"] = int((scores.colour == Colour.RED).sum())
    # Words for every reason are made when shown; for scale, all million of them at once:
    with _common.timed(figures, "reasons_all_seconds"):
        reason_texts(scores)

    sample = matrix[:PANDAS_SAMPLE]
    started = time.perf_counter()
    slow = pandas_loop(sample)
    pandas_per_subject = (time.perf_counter() - started) / len(sample)
    kernel_per_subject = timings["kernel_seconds"] / SUBJECTS
    figures["pandas_loop_seconds_per_1000"] = round(pandas_per_subject * 1000, 3)
    figures["kernel_seconds_per_1000"] = round(kernel_per_subject * 1000, 5)
    figures["kernel_speedup"] = round(pandas_per_subject / kernel_per_subject, 1)
    figures["pandas_sample_red"] = int((slow == Colour.RED).sum())
    # The common keys of every benchmark line: the whole night, and the per-subject pandas loop
    # (timed on a sample in this run) scaled to every subject as its baseline.
    figures["rows"] = SUBJECTS * DAYS
    figures["seconds"] = figures["nightly_seconds"]
    figures["baseline_seconds"] = round(pandas_per_subject * SUBJECTS, 1)
    figures["speedup"] = figures["kernel_speedup"]

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM careband_carecode WHERE tenant_id = %s", [tenant.pk])
        cursor.execute("DELETE FROM careband_subjectmeter WHERE tenant_id = %s", [tenant.pk])
        cursor.execute("DELETE FROM careband_caresubject WHERE tenant_id = %s", [tenant.pk])
    shutil.rmtree(history.tenant_dir(tenant.pk), ignore_errors=True)
    _common.emit(figures)


if __name__ == "__main__":
    main()
