"""The programme page: what the care code is, with figures computed from the data."""

from __future__ import annotations

import statistics
from typing import Any

from django.db.models import Count
from django.views.generic import TemplateView

from careband.models import CareAlert, CareSubject, Visit
from careband.views.common import CareMixin


class IndexView(CareMixin, TemplateView):
    template_name = "careband/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        subjects = CareSubject.objects.for_tenant(self.tenant).filter(consent_withdrawn_at__isnull=True)
        alerts = CareAlert.objects.for_tenant(self.tenant)
        visits = Visit.objects.for_tenant(self.tenant).select_related("alert")
        waits = [(v.visited_at - v.alert.created_at).total_seconds() / 3600 for v in visits]
        # How many units run the programme is a count, not anyone's data: the one cross-tenant figure.
        tenants = CareSubject.objects.all_tenants().values("tenant").annotate(n=Count("pk")).filter(n__gt=0).count()
        context.update(
            covered=subjects.count(),
            alerts_total=alerts.count(),
            alerts_open=alerts.filter(closed_at__isnull=True).count(),
            visits=len(waits),
            median_hours=round(statistics.median(waits), 1) if waits else None,
            tenants_using=tenants,
        )
        return context
