"""The programme's results, computed from the desk's rows: functions of a set of tenants.

Each figure is one aggregate query, so the programme page costs the same for ten requests as for
a hundred thousand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from django.db.models import Avg, Count, F, IntegerField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, ExtractHour, ExtractIsoWeekDay

from alliance.models import DeskRequest, ServicePlace
from portal.activities.models import Activity
from portal.indicators.aggregates import median_hours
from portal.tenancy.models import Tenant
from portal.tickets.workflow import FINISHED_STATUSES, OPEN_STATUSES

PROGRAMME = "alliance"


def communities_served(tenants: Sequence[Tenant]) -> int:
    return ServicePlace.objects.for_tenants(tenants).filter(kind=ServicePlace.Kind.COMMUNITY).count()


def median_hours_to_receipt(tenants: Sequence[Tenant]) -> float | None:
    return median_hours(DeskRequest.objects.for_tenants(tenants), "ticket__created_at", "ticket__acknowledged_at")


def median_hours_to_resolution(tenants: Sequence[Tenant]) -> float | None:
    return median_hours(DeskRequest.objects.for_tenants(tenants), "ticket__created_at", "ticket__resolved_at")


def sla_compliance_percent(tenants: Sequence[Tenant]) -> float | None:
    """Of the finished requests, the share that met both their receipt and their resolution targets.

    A request stopped at its resolution, or at its closing when it was closed unresolved. A missing
    time on either side (never acknowledged, no target) is not on time: SQL compares NULL as false."""
    finished = (
        DeskRequest.objects.for_tenants(tenants)
        .filter(ticket__status__in=FINISHED_STATUSES)
        .alias(stopped_at=Coalesce("ticket__resolved_at", "ticket__closed_at"))
    )
    on_time = Q(ticket__acknowledged_at__lte=F("ticket__acknowledge_due_at"), stopped_at__lte=F("ticket__due_at"))
    counts = finished.aggregate(total=Count("id"), on_time=Count("id", filter=on_time))
    return round(100 * counts["on_time"] / counts["total"], 1) if counts["total"] else None


def one_visit_percent(tenants: Sequence[Tenant]) -> float | None:
    rated = DeskRequest.objects.for_tenants(tenants).filter(one_visit__isnull=False)
    counts = rated.aggregate(total=Count("id"), yes=Count("id", filter=Q(one_visit=True)))
    return round(100 * counts["yes"] / counts["total"], 1) if counts["total"] else None


def average_satisfaction(tenants: Sequence[Tenant]) -> float | None:
    value = DeskRequest.objects.for_tenants(tenants).aggregate(v=Avg("satisfaction"))["v"]
    return round(float(value), 2) if value is not None else None


def complaints_avoided(tenants: Sequence[Tenant]) -> int:
    """Requests resolved by their resolution target: each would otherwise have become a hotline
    complaint (12345 escalates what a utility leaves unresolved past its promise)."""
    return DeskRequest.objects.for_tenants(tenants).filter(ticket__resolved_at__lte=F("ticket__due_at")).count()


def cables_removed(tenants: Sequence[Tenant]) -> int:
    """From the campaigns (core activities): ``metrics["cables_removed"]`` summed (the activity form
    accepts only whole numbers of at least 0 there; campaigns without the figure add nothing)."""
    cables = Cast(KT("metrics__cables_removed"), IntegerField())
    total = Activity.objects.for_tenants(tenants).filter(programme=PROGRAMME).aggregate(n=Sum(cables))["n"]
    return int(total or 0)


def breakdown(tenants: Sequence[Tenant], field: str) -> list[tuple[str, int]]:
    """Requests counted by member (``ticket__assignee_org__name``), type or status, largest first
    (ties by name); a request without one is counted under "—"."""
    counts: Counter[str] = Counter()
    groups = DeskRequest.objects.for_tenants(tenants).values_list(field).annotate(n=Count("id")).order_by()
    for value, n in groups:
        counts[str(value or "—")] += n  # NULL and "" are two groups in SQL, one line here
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def requests_by_member_and_status(tenants: Sequence[Tenant]) -> dict[tuple[str, str], int]:
    """Requests counted per (leading member's name, ticket status) in one grouped query; "—" for a
    request no member leads."""
    groups = (
        DeskRequest.objects.for_tenants(tenants)
        .values_list("ticket__assignee_org__name", "ticket__status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter[tuple[str, str]] = Counter()
    for member, status, n in groups:
        counts[(str(member or "—"), str(status))] += n  # NULL and "" are two groups in SQL, one here
    return dict(counts)


def filing_counts(tenants: Sequence[Tenant]) -> np.ndarray:
    """How many requests were filed in each weekday (rows, Monday first) and hour of the portal's
    local time (Asia/Shanghai), counted in one grouped query."""
    groups = (
        DeskRequest.objects.for_tenants(tenants)
        .annotate(weekday=ExtractIsoWeekDay("ticket__created_at"), hour=ExtractHour("ticket__created_at"))
        .values_list("weekday", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = np.zeros((7, 24), dtype=np.int64)
    for weekday, hour, n in groups:
        counts[weekday - 1, hour] += n  # ISO weekdays run 1 (Monday) to 7
    return counts


def requests_by_place(tenants: Sequence[Tenant]) -> list[tuple[ServicePlace, int, int]]:
    """Every place with its requests: (place, all requests, requests still open)."""
    places = ServicePlace.objects.for_tenants(tenants).annotate(
        total=Count("requests"), still_open=Count("requests", filter=Q(requests__ticket__status__in=OPEN_STATUSES))
    )
    return [(p, p.total, p.still_open) for p in places.order_by("name")]
