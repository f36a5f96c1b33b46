"""The programme's results, computed from the desk's rows: pure functions of a set of tenants."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from statistics import median

from django.db.models import Avg, Count, Q, Sum

from alliance.models import DeskRequest, ServicePlace
from portal.activities.models import Activity
from portal.tenancy.models import Tenant
from portal.tickets.workflow import FINISHED_STATUSES

PROGRAMME = "alliance"


def communities_served(tenants: Sequence[Tenant]) -> int:
    return ServicePlace.objects.for_tenants(tenants).filter(kind=ServicePlace.Kind.COMMUNITY).count()


def _hours(pairs: list[tuple[datetime, datetime | None]]) -> float | None:
    spans = [(end - start).total_seconds() / 3600 for start, end in pairs if end is not None]
    return round(median(spans), 1) if spans else None


def median_hours_to_receipt(tenants: Sequence[Tenant]) -> float | None:
    rows = DeskRequest.objects.for_tenants(tenants).values_list("ticket__created_at", "ticket__acknowledged_at")
    return _hours(list(rows))


def median_hours_to_resolution(tenants: Sequence[Tenant]) -> float | None:
    rows = DeskRequest.objects.for_tenants(tenants).values_list("ticket__created_at", "ticket__resolved_at")
    return _hours(list(rows))


def sla_compliance_percent(tenants: Sequence[Tenant]) -> float | None:
    """Of the finished requests, the share that met both their receipt and their resolution targets."""
    finished = DeskRequest.objects.for_tenants(tenants).filter(ticket__status__in=FINISHED_STATUSES)
    tickets = [r.ticket for r in finished.select_related("ticket")]
    if not tickets:
        return None
    on_time = 0
    for t in tickets:
        received = t.acknowledged_at is not None and t.acknowledge_due_at is not None
        received = received and t.acknowledged_at <= t.acknowledge_due_at  # type: ignore[operator]
        stop = t.resolved_at or t.closed_at
        resolved = stop is not None and t.due_at is not None and stop <= t.due_at
        on_time += received and resolved
    return round(100 * on_time / len(tickets), 1)


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
    return sum(
        1
        for created, resolved, due in DeskRequest.objects.for_tenants(tenants).values_list(
            "ticket__created_at", "ticket__resolved_at", "ticket__due_at"
        )
        if resolved is not None and due is not None and resolved <= due
    )


def cables_removed(tenants: Sequence[Tenant]) -> int:
    """From the campaigns (core activities): ``metrics["cables_removed"]`` summed."""
    rows = Activity.objects.for_tenants(tenants).filter(programme=PROGRAMME).values_list("metrics", flat=True)
    return sum(int(m.get("cables_removed", 0)) for m in rows if isinstance(m, dict))


def campaign_people(tenants: Sequence[Tenant]) -> int:
    total = Activity.objects.for_tenants(tenants).filter(programme=PROGRAMME).aggregate(n=Sum("people_reached"))
    return int(total["n"] or 0)


def breakdown(tenants: Sequence[Tenant], field: str) -> list[tuple[str, int]]:
    """Requests counted by member (``ticket__assignee_org__name``), type or status, largest first."""
    counts: Counter[str] = Counter()
    for value in DeskRequest.objects.for_tenants(tenants).values_list(field, flat=True):
        counts[str(value or "—")] += 1
    return counts.most_common()
