"""The rural revitalisation index: ranking of hollow villages, their scores as bars and on a map."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.views.generic import TemplateView

from careband import charts
from careband.services.villages import village_rows, weights_for
from careband.views.common import CareMixin


class VillageIndexView(CareMixin, TemplateView):
    template_name = "careband/villages.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = village_rows(self.tenant, timezone.localdate() - timedelta(days=1))
        context.update(
            rows=rows,
            weights=weights_for(self.tenant),
            map=charts.village_map(rows),
            scores=charts.village_scores(rows) if rows else None,
        )
        return context
