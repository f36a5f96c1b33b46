"""The nightly run for one tenant: store → matrix → ``scoring.score`` → today's codes, history, alerts.

Chunked so a job can report progress; the kernel is called once per chunk. Subjects whose consent was
withdrawn are not read at all; paused subjects are scored grey.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from careband import history
from careband.models import CareCode, CareSubject, SubjectMeter
from careband.reasons import reason_texts
from careband.scoring import Colour, Scores, Thresholds, score
from careband.services.alerts import open_alert, settings_for
from careband.services.copy import copy_codes
from portal.jobs.messages import Progress
from portal.meters.store import read_matrix
from portal.tenancy.models import Tenant

HISTORY_DAYS = 35  # 28-day window + the scored day + slack for the 7-day level check
CHUNK = 250_000


@dataclass(frozen=True)
class Cohort:
    subject_ids: np.ndarray  # int64, sorted
    paused: np.ndarray  # bool
    tolerance: np.ndarray  # float32
    meter_nos: np.ndarray  # str, one per subject meter
    meter_subject: np.ndarray  # int64 row in subject_ids for each meter


def load_cohort(tenant: Tenant, day: date) -> Cohort:
    rows = list(
        CareSubject.objects.for_tenant(tenant)
        .filter(consent_withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "paused_until", "tolerance")
    )
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    paused = np.array([r[1] is not None and r[1] >= day for r in rows], dtype=bool)
    tolerance = np.array([r[2] for r in rows], dtype=np.float32)
    meters = list(
        SubjectMeter.objects.for_tenant(tenant)
        .filter(subject__consent_withdrawn_at__isnull=True)
        .values_list("subject_id", "meter_no")
    )
    meter_subject = np.searchsorted(ids, np.array([m[0] for m in meters], dtype=np.int64))
    meter_nos = np.array([m[1] for m in meters], dtype=str)
    return Cohort(ids, paused, tolerance, meter_nos, meter_subject)


def _take(scores: Scores, rows: np.ndarray) -> Scores:
    return Scores(*(getattr(scores, f)[rows] for f in Scores.__dataclass_fields__))


def subject_matrix(tenant_id: int, cohort: Cohort, day: date) -> np.ndarray:
    """[subjects, days] kWh: the sum of each subject's meters; NaN when none of them has a reading."""
    start = day - timedelta(days=HISTORY_DAYS - 1)
    n = len(cohort.subject_ids)
    if not len(cohort.meter_nos):
        return np.full((n, HISTORY_DAYS), np.nan, np.float32)
    # Reading every key and picking rows is much faster than a million-key selection.
    matrix = read_matrix(tenant_id, "meter_daily", start, day)
    rows = np.searchsorted(matrix.keys, cohort.meter_nos)
    rows = np.minimum(rows, max(len(matrix.keys) - 1, 0))
    known = (rows < len(matrix.keys)) & (matrix.keys[rows] == cohort.meter_nos) if len(matrix.keys) else rows < 0
    per_meter = np.full((len(cohort.meter_nos), HISTORY_DAYS), np.nan, np.float32)
    if known.all():
        per_meter = matrix.values[rows]
    elif known.any():
        per_meter[known] = matrix.values[rows[known]]
    if len(cohort.meter_subject) == n and np.array_equal(cohort.meter_subject, np.arange(n)):
        return per_meter  # one meter each, already in subject order: the common case, no copy
    totals = np.zeros((n, HISTORY_DAYS), np.float32)
    seen = np.zeros((n, HISTORY_DAYS), np.int16)
    np.add.at(totals, cohort.meter_subject, np.nan_to_num(per_meter))
    np.add.at(seen, cohort.meter_subject, ~np.isnan(per_meter))
    totals[seen == 0] = np.nan
    return totals


def score_chunks(values: np.ndarray, cohort: Cohort, thresholds: Thresholds, progress: Progress) -> Scores:
    parts: list[Scores] = []
    n = len(values)
    for first in range(0, max(n, 1), CHUNK):
        part = slice(first, first + CHUNK)
        parts.append(
            score(values[part], paused=cohort.paused[part], tolerance=cohort.tolerance[part], thresholds=thresholds)
        )
        done = min(first + CHUNK, n)
        progress(
            10 + 50 * done / max(n, 1), gettext_noop("%(done)d of %(total)d care subjects scored."), done=done, total=n
        )
    return Scores(*(np.concatenate([getattr(p, f) for p in parts]) for f in Scores.__dataclass_fields__))


def save_codes(tenant: Tenant, day: date, subject_ids: np.ndarray, scores: Scores) -> None:
    """Replace the tenant's codes in one transaction: delete, then binary COPY (a million rows in seconds)."""
    now = timezone.now().astimezone(dt.UTC)
    with transaction.atomic():
        if connection.vendor != "postgresql":  # the embedded SQLite portal: a few hundred subjects
            CareCode.objects.for_tenant(tenant).delete()
            CareCode.objects.bulk_create(code_rows(tenant.pk, day, subject_ids, scores), batch_size=2000)
            return
        with connection.cursor() as cursor:
            # Losing the last second of a crash loses a night's colours the next run rewrites anyway.
            cursor.execute("SET LOCAL synchronous_commit = off")
        CareCode.objects.for_tenant(tenant).delete()
        copy_codes(CareCode._meta.db_table, tenant.pk, day, now, subject_ids, scores)


def code_rows(tenant_id: int, day: date, subject_ids: np.ndarray, scores: Scores) -> list[CareCode]:
    """The night's codes as model rows, for databases without COPY."""

    def number(x: float) -> float | None:
        return None if x != x else round(float(x), 3)

    return [
        CareCode(
            tenant_id=tenant_id,
            subject_id=int(subject_ids[i]),
            day=day,
            colour=int(scores.colour[i]),
            reason=int(scores.reason[i]),
            value=number(scores.value[i]),
            baseline=number(scores.baseline[i]),
            basis=int(scores.basis[i]),
            missing_days=int(scores.missing_days[i]),
            streak=int(scores.streak[i]),
            valid_days=int(scores.valid_days[i]),
        )
        for i in range(len(subject_ids))
    ]


def _silent(percent: float, message: str | None = None, /, **params: Any) -> None:
    """No one to report to (the command line, tests)."""


def run_tenant(tenant: Tenant, day: date | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Score every consenting subject of ``tenant`` for ``day`` (default: yesterday, Beijing time)."""
    day = day or timezone.localdate() - timedelta(days=1)
    report = progress or _silent
    care = settings_for(tenant)
    cohort = load_cohort(tenant, day)
    report(5, gettext_noop("%(n)d care subjects to score."), n=len(cohort.subject_ids))
    values = subject_matrix(tenant.pk, cohort, day)
    report(10, gettext_noop("Meter readings read."))
    scores = score_chunks(values, cohort, care.thresholds(), report)
    save_codes(tenant, day, cohort.subject_ids, scores)
    report(75, gettext_noop("Care codes saved."))
    history.write_day(tenant.pk, day, cohort.subject_ids, scores)
    opened = open_red_alerts(tenant, day, cohort, scores)
    report(100, gettext_noop("%(n)d alerts opened."), n=opened)
    counts = np.bincount(scores.colour, minlength=4)
    return {
        "subjects": len(cohort.subject_ids),
        "grey": int(counts[Colour.GREY]),
        "green": int(counts[Colour.GREEN]),
        "yellow": int(counts[Colour.YELLOW]),
        "red": int(counts[Colour.RED]),
        "alerts_opened": opened,
    }


def open_red_alerts(tenant: Tenant, day: date, cohort: Cohort, scores: Scores) -> int:
    """An alert per red subject; the ticket's text is in the portal's language (zh-hans)."""
    red = np.flatnonzero(scores.colour == Colour.RED)
    if not len(red):
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        reasons = dict(zip(red.tolist(), reason_texts(_take(scores, red)), strict=True))
    subjects = (
        CareSubject.objects.for_tenant(tenant)
        .select_related("grid", "tenant")
        .in_bulk(cohort.subject_ids[red].tolist())
    )
    opened = 0
    for row in red.tolist():
        subject = subjects.get(int(cohort.subject_ids[row]))
        if subject is not None and open_alert(subject, day, reasons[row]) is not None:
            opened += 1
    return opened
