"""The programme page: every figure computed from the unit's rows."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from alliance import charts, figures
from portal.core.views import TenantRequiredMixin
from portal.indicators.registry import compute
from portal.tickets.workflow import status_label


class ProgrammeView(TenantRequiredMixin, TemplateView):
    template_name = "alliance/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tenants = [self.tenant]
        context["figures"] = compute("alliance", tenants)
        context["by_type"] = figures.breakdown(tenants, "service_type__name")
        context["by_status"] = [(status_label(s), n) for s, n in figures.breakdown(tenants, "ticket__status")]
        by_member_and_status = figures.requests_by_member_and_status(tenants)
        if by_member_and_status:
            context["member_chart"] = charts.member_status_chart(by_member_and_status)
            context["filing_chart"] = charts.filing_time_chart(figures.filing_counts(tenants))
        context["places_map"] = charts.places_map(figures.requests_by_place(tenants))
        return context
