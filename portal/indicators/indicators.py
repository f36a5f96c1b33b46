"""The core figures every unit has: work items, stakeholders, meetings, activities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.activities.models import Activity
from portal.indicators.aggregates import median_hours
from portal.indicators.registry import register_indicator
from portal.stakeholders.models import Meeting, Organisation
from portal.tenancy.models import Tenant
from portal.tickets.models import Ticket


@register_indicator("core.open_tickets", _("Open work items"), unit=pgettext_lazy("unit of a figure", "items"))
def open_tickets(tenants: Sequence[Tenant]) -> int:
    return Ticket.objects.for_tenants(tenants).open().count()


@register_indicator("core.overdue_tickets", _("Overdue work items"), unit=pgettext_lazy("unit of a figure", "items"))
def overdue_tickets(tenants: Sequence[Tenant]) -> int:
    return Ticket.objects.for_tenants(tenants).overdue().count()


@register_indicator(
    "core.resolved_30d", _("Resolved in the last 30 days"), unit=pgettext_lazy("unit of a figure", "items")
)
def resolved_last_30_days(tenants: Sequence[Tenant]) -> int:
    since = timezone.now() - timedelta(days=30)
    return Ticket.objects.for_tenants(tenants).filter(resolved_at__gte=since).count()


@register_indicator(
    "core.median_resolution_hours",
    _("Median time to resolution (last 90 days)"),
    unit=pgettext_lazy("unit of a figure", "hours"),
)
def median_resolution_hours(tenants: Sequence[Tenant]) -> float | None:
    since = timezone.now() - timedelta(days=90)
    return median_hours(Ticket.objects.for_tenants(tenants).filter(resolved_at__gte=since), "created_at", "resolved_at")


@register_indicator(
    "core.organisations", _("Stakeholder organisations"), unit=pgettext_lazy("unit of a figure", "organisations")
)
def organisations(tenants: Sequence[Tenant]) -> int:
    return Organisation.objects.for_tenants(tenants).count()


@register_indicator("core.meetings", _("Meetings held"), unit=pgettext_lazy("unit of a figure", "meetings"))
def meetings(tenants: Sequence[Tenant]) -> int:
    return Meeting.objects.for_tenants(tenants).filter(held_at__lte=timezone.now()).count()


@register_indicator(
    "core.people_reached", _("People reached by activities"), unit=pgettext_lazy("unit of a figure", "people")
)
def people_reached(tenants: Sequence[Tenant]) -> int:
    total = Activity.objects.for_tenants(tenants).aggregate(n=Sum("people_reached"))["n"]
    return int(total or 0)


@register_indicator("core.materials", _("Materials handed out"), unit=pgettext_lazy("unit of a figure", "copies"))
def materials(tenants: Sequence[Tenant]) -> int:
    total = Activity.objects.for_tenants(tenants).aggregate(n=Sum("materials_handed_out"))["n"]
    return int(total or 0)
