"""Government side: the colour board by street / community / grid, and the open alerts with clocks."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

import numpy as np
from django.utils import timezone
from django.views.generic import TemplateView

from careband import charts, history
from careband.models import AreaLevel, CareAlert, CareArea, CareCode
from careband.views.common import CareMixin

LEVELS = (AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID)


class BoardView(CareMixin, TemplateView):
    template_name = "careband/board.html"

    def level(self) -> str:
        wanted = self.request.GET.get("level", AreaLevel.STREET)
        return wanted if wanted in LEVELS else AreaLevel.STREET

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        level = self.level()
        areas = {a.pk: a for a in CareArea.objects.for_tenant(self.tenant)}
        rows: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        codes = CareCode.objects.for_tenant(self.tenant).filter(subject__in=self.subjects())
        day = None
        for grid_id, colour, code_day in codes.values_list("subject__grid_id", "colour", "day"):
            day = code_day
            grid = areas[grid_id]
            at_level = next((areas[i] for i in grid.ancestor_ids() if areas[i].level == level), grid)
            rows[at_level.pk][colour] += 1
        table = sorted(
            ({"area": areas[pk], "counts": counts, "total": sum(counts)} for pk, counts in rows.items()),
            key=lambda r: (-r["counts"][3], -r["counts"][2], r["area"].name),
        )
        end = day or timezone.localdate() - timedelta(days=1)
        ids = np.array(list(self.subjects().values_list("pk", flat=True)), dtype=np.int64)
        trend = history.colour_counts(self.tenant.pk, end, 30, ids)
        context.update(
            level=level,
            levels=[(v, AreaLevel(v).label) for v in LEVELS],
            rows=table,
            day=day,
            trend=charts.colour_trend(trend),
        )
        return context


class AlertListView(CareMixin, TemplateView):
    template_name = "careband/alerts.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        alerts = (
            CareAlert.objects.for_tenant(self.tenant)
            .filter(closed_at__isnull=True, subject__in=self.subjects())
            .select_related("subject", "ticket", "ticket__assignee_user")
            .order_by("ticket__acknowledge_due_at")
        )
        now = timezone.now()
        context["alerts"] = [{"alert": a, "sla": a.ticket.sla_state_at(now)} for a in alerts]
        context["now"] = now
        return context
