"""The rural revitalisation index: ranking of hollow villages and a map coloured by score."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from careband import svg
from careband.services.villages import village_rows, weights_for
from careband.views.common import CareMixin


class VillageIndexView(CareMixin, TemplateView):
    template_name = "careband/villages.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = village_rows(self.tenant, timezone.localdate() - timedelta(days=1))
        places = [
            (
                str(r.village),
                float(r.village.latitude) if r.village.latitude is not None else None,
                float(r.village.longitude) if r.village.longitude is not None else None,
                r.score,
            )
            for r in rows
        ]
        context.update(rows=rows, weights=weights_for(self.tenant), map_svg=mark_safe(svg.village_map(places)))
        return context
