"""``/api/v1/activities/``: campaigns and volunteer events with their figures."""

from __future__ import annotations

from typing import Any

from portal.activities.filters import ActivityFilter
from portal.activities.forms import validate_metrics
from portal.activities.models import Activity
from portal.api.routing import router
from portal.api.serializers import TenantModelSerializer
from portal.stakeholders import validators
from portal.stakeholders.api import StakeholderViewSet


class ActivitySerializer(TenantModelSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "kind",
            "programme",
            "start_date",
            "end_date",
            "place",
            "organiser",
            "partners",
            "people_reached",
            "volunteers",
            "materials_handed_out",
            "metrics",
            "description",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"metrics": {"validators": [validate_metrics]}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        validators.check_date_order(start, end, "end_date")
        return attrs


class ActivityViewSet(StakeholderViewSet):
    queryset = Activity.objects.all()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter


router.register("activities", ActivityViewSet, basename="activity")
