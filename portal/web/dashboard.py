"""What the dashboard shows: figures computed from the tenant's rows, and what needs attention."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone

from portal.core.types import PortalRequest
from portal.indicators.registry import compute
from portal.indicators.scope import figure_tenants
from portal.jobs.models import JobRun
from portal.stakeholders.models import Meeting
from portal.tenancy.models import Tenant
from portal.tickets.models import Ticket
from portal.tickets.workflow import Status


def dashboard_context(request: PortalRequest, tenant: Tenant) -> dict[str, Any]:
    tenants = figure_tenants(tenant, request.capabilities)
    tickets = Ticket.objects.for_tenant(tenant)
    status_counts = dict(tickets.values_list("status").annotate(n=Count("id")).order_by())
    status_rows = [(value, label, status_counts.get(value, 0)) for value, label in Status.choices]
    return {
        "figures": compute("core", tenants),
        "figures_cover_units": len(tenants) > 1,
        "status_rows": status_rows,
        "attention": tickets.open().select_related("assignee_user", "assignee_org").order_by("due_at")[:8],
        "upcoming_meetings": Meeting.objects.for_tenant(tenant)
        .filter(held_at__gte=timezone.now())
        .order_by("held_at")[:5],
        "recent_meetings": Meeting.objects.for_tenant(tenant)
        .filter(held_at__lt=timezone.now())
        .order_by("-held_at")[:5],
        "running_jobs": JobRun.objects.for_tenant(tenant).filter(status__in=("queued", "running"))[:5],
    }
