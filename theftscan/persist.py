"""Load a tenant's window from the meter store, screen it, and upsert the results under unique keys.

The store is read from ``history_days`` before the window (the tenant's rules) to its end: the step
fit needs the level before a theft, also when the theft began before the window. The arithmetic is
one vectorised call for the whole tenant (``analytics.screen``); the writes go in chunks of areas,
each chunk its own transaction, with progress reported after each. Only the window's days become
``AreaDay`` rows. Rerunning the same window replaces its rows (update on conflict) and drops suspects
no longer ranked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.utils.translation import gettext_noop

from portal.jobs.messages import Progress
from portal.meters.models import Meter, TransformerArea
from portal.meters.store import read_matrix
from portal.tenancy.models import Tenant
from theftscan.analytics.screen import Screening, screen
from theftscan.models import AreaDay, AreaPeriod, ScreeningRules, Suspect
from theftscan.services import analytics_rules, rules_for

CHUNK_AREAS = 500
BATCH = 5000


@dataclass(frozen=True)
class Loaded:
    area_ids: np.ndarray
    area_codes: np.ndarray
    dates: np.ndarray  # every day read: history, then the window
    judge_from: int  # column of the window's first day
    supplied: np.ndarray
    meter_nos: np.ndarray
    meter_ids: np.ndarray
    readings: np.ndarray
    area_of_user: np.ndarray


def load(tenant: Tenant, start: date, end: date, history_days: int = 0) -> Loaded:
    """The tenant's areas and meters from the database, their readings from the store, from
    ``history_days`` before ``start`` (history days before the first supply reading are dropped)."""
    areas = list(TransformerArea.objects.for_tenant(tenant).order_by("code").values_list("id", "code"))
    area_ids = np.array([a[0] for a in areas], dtype=np.int64)
    area_codes = np.array([a[1] for a in areas], dtype=str)
    supply = read_matrix(tenant.id, "area_daily", start - timedelta(days=history_days), end, keys=list(area_codes))
    history = history_days
    read_any = ~np.isnan(supply.values).all(axis=0) if len(supply.keys) else np.zeros(len(supply.dates), bool)
    # Days before the first supply reading are no history at all (a new tenant, a short store).
    first = int(np.argmax(read_any)) if history and read_any[:history].any() else history
    history -= first
    read_from = start - timedelta(days=history)
    supplied = np.full((len(areas), len(supply.dates) - first), np.nan, dtype=np.float32)
    pos = np.searchsorted(area_codes, supply.keys)
    supplied[pos] = supply.values[:, first:]
    meters = list(Meter.objects.for_tenant(tenant).filter(area__isnull=False).values_list("meter_no", "id", "area_id"))
    meters.sort()
    meter_nos = np.array([m[0] for m in meters], dtype=str)
    meter_ids = np.array([m[1] for m in meters], dtype=np.int64)
    area_index = np.searchsorted(area_ids, np.array([m[2] for m in meters], dtype=np.int64))
    matrix = read_matrix(tenant.id, "meter_daily", read_from, end, keys=list(meter_nos))
    readings = np.full((len(meter_nos), len(matrix.dates)), np.nan, dtype=np.float32)
    readings[np.searchsorted(meter_nos, matrix.keys)] = matrix.values
    dates = supply.dates[first:]
    return Loaded(area_ids, area_codes, dates, history, supplied, meter_nos, meter_ids, readings, area_index)


def _num(value: Any) -> float | None:
    v = float(value)
    return None if math.isnan(v) else v


def _finite(value: Any) -> float | None:
    """A t-statistic for the database: a noiseless step (t = inf) is stored as a large finite number."""
    v = float(value)
    return None if math.isnan(v) else max(-1e9, min(1e9, v))


def screen_tenant(tenant: Tenant, start: date, end: date, rules: ScreeningRules) -> tuple[Loaded, Screening]:
    """The tenant's window and history from the store, screened under its rules (nothing saved)."""
    flag_rules, score_rules = analytics_rules(rules)
    data = load(tenant, start, end, rules.history_days)
    result = screen(
        data.supplied, data.readings, data.area_of_user, flag_rules, score_rules, judge_from=data.judge_from
    )
    return data, result


def run_screening(
    tenant: Tenant,
    start: date,
    end: date,
    *,
    run_id: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    rules = rules_for(tenant)
    data, result = screen_tenant(tenant, start, end, rules)
    if progress:
        progress(
            10,
            gettext_noop("%(areas)d areas and %(meters)d meters read."),
            areas=len(data.area_ids),
            meters=len(data.meter_nos),
        )
        if data.judge_from:
            progress(12, gettext_noop("%(days)d days before the window read as history."), days=data.judge_from)
    if progress:
        progress(30, gettext_noop("%(n)d areas flagged."), n=int(result.flags.flagged.sum()))
    n = len(data.area_ids)
    for first in range(0, n, CHUNK_AREAS):
        chunk = np.arange(first, min(n, first + CHUNK_AREAS))
        with transaction.atomic():
            _write_chunk(tenant, rules, data, result, chunk, start, end, run_id)
        if progress:
            progress(
                30 + 70 * (chunk[-1] + 1) / n,
                gettext_noop("Areas %(first)d–%(last)d of %(n)d saved."),
                first=first + 1,
                last=int(chunk[-1]) + 1,
                n=n,
            )
    return {
        "areas": n,
        "meters": len(data.meter_nos),
        "flagged": int(result.flags.flagged.sum()),
        "suspects": int(min(len(result.scores.user), rules.suspects_per_area * int(result.flags.flagged.sum()))),
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def _write_chunk(
    tenant: Tenant,
    rules: ScreeningRules,
    data: Loaded,
    r: Screening,
    chunk: np.ndarray,
    start: date,
    end: date,
    run_id: int | None,
) -> None:
    ll = r.loss
    days = [d.astype(date) for d in data.dates]
    window_columns = range(data.judge_from, len(days))
    day_rows = [
        AreaDay(
            tenant=tenant,
            area_id=int(data.area_ids[a]),
            day=days[d],
            supplied_kwh=_num(ll.supplied[a, d]),
            sold_kwh=float(ll.sold[a, d]),
            estimated_kwh=float(ll.estimated[a, d]),
            loss_kwh=_num(ll.loss[a, d]),
            loss_rate=_num(ll.rate[a, d]),
            users=int(ll.users[a]),
            users_missing=int(ll.users_missing[a, d]),
            status=int(ll.status[a, d]),
        )
        for a in chunk
        for d in window_columns
    ]
    AreaDay.objects.bulk_create(
        day_rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["tenant", "area", "day"],
        update_fields=[
            "supplied_kwh",
            "sold_kwh",
            "estimated_kwh",
            "loss_kwh",
            "loss_rate",
            "users",
            "users_missing",
            "status",
        ],
    )
    periods = [_period(tenant, data, r, int(a), start, end, days, run_id) for a in chunk]
    AreaPeriod.objects.bulk_create(
        periods,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["tenant", "area", "start", "end"],
        update_fields=[
            f.name
            for f in AreaPeriod._meta.concrete_fields
            if f.name not in ("id", "tenant", "area", "start", "end", "created_at")
        ],
    )
    period_ids = dict(
        AreaPeriod.objects.for_tenant(tenant)
        .filter(area_id__in=data.area_ids[chunk].tolist(), start=start, end=end)
        .values_list("area_id", "id")
    )
    _write_suspects(tenant, rules, data, r, chunk, period_ids)


def _period(
    tenant: Tenant, data: Loaded, r: Screening, a: int, start: date, end: date, days: list[date], run_id: int | None
) -> AreaPeriod:
    change = int(r.flags.change_day[a])
    return AreaPeriod(
        tenant=tenant,
        area_id=int(data.area_ids[a]),
        start=start,
        end=end,
        supplied_kwh=float(r.window.supplied[a]),
        sold_kwh=float(r.window.sold[a]),
        loss_kwh=float(r.window.loss[a]),
        loss_rate=_num(r.window.rate[a]),
        recent_rate=_num(r.recent.rate[a]),
        baseline_rate=_num(r.flags.baseline[a]),
        trend=_num(r.trend[a]),
        usable_days=int(r.window.usable_days[a]),
        excluded_days=int(r.window.excluded_days[a]),
        flagged=bool(r.flags.flagged[a]),
        flag_reasons=int(r.flags.reasons[a]),
        longest_run=int(r.flags.longest_run[a]),
        change_day=days[change] if r.flags.flagged[a] and change >= 0 else None,
        step=_num(r.flags.step[a]),
        step_t=_finite(r.flags.step_t[a]),
        noise=_num(r.flags.noise[a]),
        history_from=days[0] if data.judge_from else None,
        suspicion=float(r.suspicion[a]),
        job_run_id=run_id,
    )


def _write_suspects(
    tenant: Tenant, rules: ScreeningRules, data: Loaded, r: Screening, chunk: np.ndarray, period_ids: dict[int, int]
) -> None:
    s = r.scores
    keep = np.isin(s.area, chunk) & (s.rank_in_area <= rules.suspects_per_area)
    rows = []
    for i in np.flatnonzero(keep):
        area_id = int(data.area_ids[s.area[i]])
        features = {k: round(float(v[i]), 4) for k, v in s.features.items()}
        rows.append(
            Suspect(
                tenant=tenant,
                period_id=period_ids[area_id],
                area_id=area_id,
                meter_id=int(data.meter_ids[s.user[i]]),
                meter_no=str(data.meter_nos[s.user[i]]),
                score=round(float(s.score[i]), 4),
                rank_in_area=int(s.rank_in_area[i]),
                rank_in_tenant=int(s.rank_in_tenant[i]),
                reasons=int(s.reasons[i]),
                start_day=data.dates[s.start[i]].astype(date),
                features=features,
            )
        )
    Suspect.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["tenant", "period", "meter_no"],
        update_fields=["score", "rank_in_area", "rank_in_tenant", "reasons", "start_day", "features", "meter", "area"],
    )
    kept = {(row.period_id, row.meter_no) for row in rows}
    stale = (
        Suspect.objects.for_tenant(tenant).filter(period_id__in=list(period_ids.values())).exclude(cases__isnull=False)
    )
    stale_ids = [
        pk for pk, period, meter in stale.values_list("id", "period_id", "meter_no") if (period, meter) not in kept
    ]
    Suspect.objects.for_tenant(tenant).filter(pk__in=stale_ids).delete()
