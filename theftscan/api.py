"""``/api/v1/theftscan/areas/`` and ``/api/v1/theftscan/suspects/``: screening results, read-only.

Filters: ``area`` (area code), ``start`` / ``end`` (windows inside that date range), ``flagged``.
Areas carry the step fit (``change_day`` — the first day of the higher loss, possibly before the
window — ``step``, ``step_t``, ``noise``); suspects their suspected ``start_day``.
Partner keys need the "theftscan" programme in their scope.
"""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from portal.api.pagination import PortalCursorPagination
from portal.api.routing import router
from portal.api.viewsets import TenantReadOnlyViewSet
from theftscan.models import AreaPeriod, Suspect
from theftscan.reasons import flag_reasons, suspect_reasons


class WindowFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(field_name="area__code")
    start = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    end = django_filters.DateFilter(field_name="end", lookup_expr="lte")


class AreaFilter(WindowFilter):
    flagged = django_filters.BooleanFilter()

    class Meta:
        model = AreaPeriod
        fields = ["area", "start", "end", "flagged"]


class SuspectFilter(WindowFilter):
    start = django_filters.DateFilter(field_name="period__start", lookup_expr="gte")
    end = django_filters.DateFilter(field_name="period__end", lookup_expr="lte")

    class Meta:
        model = Suspect
        fields = ["area", "start", "end"]


class RankPagination(PortalCursorPagination):
    """Suspects come most suspicious first."""

    ordering = ("rank_in_tenant", "id")  # type: ignore[assignment]  # DRF takes a tuple too


class AreaPeriodSerializer(serializers.ModelSerializer):
    area_code = serializers.CharField(source="area.code", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)
    flag_reasons = serializers.SerializerMethodField()

    class Meta:
        model = AreaPeriod
        fields = [
            "id",
            "area",
            "area_code",
            "area_name",
            "start",
            "end",
            "supplied_kwh",
            "sold_kwh",
            "loss_kwh",
            "loss_rate",
            "recent_rate",
            "baseline_rate",
            "trend",
            "usable_days",
            "excluded_days",
            "flagged",
            "flag_reasons",
            "change_day",
            "step",
            "step_t",
            "noise",
            "history_from",
            "suspicion",
        ]
        read_only_fields = fields

    def get_flag_reasons(self, obj: AreaPeriod) -> list[str]:
        return flag_reasons(obj.flag_reasons, obj.step, obj.step_t)


class SuspectSerializer(serializers.ModelSerializer):
    area_code = serializers.CharField(source="area.code", read_only=True)
    start = serializers.DateField(source="period.start", read_only=True)
    end = serializers.DateField(source="period.end", read_only=True)
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Suspect
        fields = [
            "id",
            "area",
            "area_code",
            "meter_no",
            "start",
            "end",
            "score",
            "rank_in_area",
            "rank_in_tenant",
            "start_day",
            "reasons",
        ]
        read_only_fields = fields

    def get_reasons(self, obj: Suspect) -> list[str]:
        return suspect_reasons(obj.reasons, obj.features)


class AreaPeriodViewSet(TenantReadOnlyViewSet):
    queryset = AreaPeriod.objects.order_by("-end", "area__code", "id")
    serializer_class = AreaPeriodSerializer
    filterset_class = AreaFilter
    programme = "theftscan"
    lookup_value_regex = r"\d+"


class SuspectViewSet(TenantReadOnlyViewSet):
    queryset = Suspect.objects.order_by("rank_in_tenant", "id")
    serializer_class = SuspectSerializer
    filterset_class = SuspectFilter
    pagination_class = RankPagination
    programme = "theftscan"
    lookup_value_regex = r"\d+"


router.register("theftscan/areas", AreaPeriodViewSet, basename="theftscan-area")
router.register("theftscan/suspects", SuspectViewSet, basename="theftscan-suspect")
