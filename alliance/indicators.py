"""The alliance's results figures for the dashboard and the programme page (see ``figures``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from alliance import figures, parks
from alliance.models import DeskRequest
from portal.indicators.registry import register_indicator
from portal.tenancy.models import Tenant

P = "alliance"


@register_indicator("alliance.communities_served", _("Old communities served"), unit=_("communities"), programme=P)
def communities_served(tenants: Sequence[Tenant]) -> int:
    return figures.communities_served(tenants)


@register_indicator("alliance.requests", _("Requests received"), unit=_("requests"), programme=P)
def requests(tenants: Sequence[Tenant]) -> int:
    return DeskRequest.objects.for_tenants(tenants).count()


@register_indicator("alliance.median_receipt_hours", _("Median time to receipt"), unit=_("hours"), programme=P)
def median_receipt(tenants: Sequence[Tenant]) -> float | None:
    return figures.median_hours_to_receipt(tenants)


@register_indicator("alliance.median_resolution_hours", _("Median time to resolution"), unit=_("hours"), programme=P)
def median_resolution(tenants: Sequence[Tenant]) -> float | None:
    return figures.median_hours_to_resolution(tenants)


@register_indicator("alliance.sla_compliance", _("Requests within their time limits"), unit="%", programme=P)
def sla_compliance(tenants: Sequence[Tenant]) -> float | None:
    return figures.sla_compliance_percent(tenants)


@register_indicator("alliance.one_visit_rate", _("Solved in one visit"), unit="%", programme=P)
def one_visit_rate(tenants: Sequence[Tenant]) -> float | None:
    return figures.one_visit_percent(tenants)


@register_indicator("alliance.satisfaction", _("Average satisfaction"), unit=_("of 5"), programme=P)
def satisfaction(tenants: Sequence[Tenant]) -> float | None:
    return figures.average_satisfaction(tenants)


@register_indicator("alliance.complaints_avoided", _("Complaints avoided"), unit=_("requests"), programme=P)
def complaints_avoided(tenants: Sequence[Tenant]) -> int:
    return figures.complaints_avoided(tenants)


@register_indicator("alliance.cables_removed", _("Abandoned cables removed"), unit=_("cables"), programme=P)
def cables_removed(tenants: Sequence[Tenant]) -> int:
    return figures.cables_removed(tenants)


@register_indicator("alliance.steps_saved", _("Hookup steps saved"), unit=_("steps"), programme=P)
def steps_saved(tenants: Sequence[Tenant]) -> int:
    return parks.savings(tenants).steps_saved


@register_indicator("alliance.days_saved", _("Hookup days saved"), unit=_("days"), programme=P)
def days_saved(tenants: Sequence[Tenant]) -> int:
    return parks.savings(tenants).days_saved
