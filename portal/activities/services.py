"""Activity figures. Writes go through the stakeholders' audited ``save_record`` (one path for every record)."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum
from django.db.models.functions import Coalesce

TOTAL_FIELDS = ("people_reached", "volunteers", "materials_handed_out")


def totals(activities: Any) -> dict[str, int]:
    """People reached, volunteers and materials over a (filtered, tenant-scoped) queryset."""
    # order_by(): the default ordering would otherwise leak into the aggregate query.
    return activities.order_by().aggregate(**{name: Coalesce(Sum(name), 0) for name in TOTAL_FIELDS})
