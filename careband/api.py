"""``/api/v1/careband/`` for government partners: colour counts by area, subject colours (masked),
alerts and their status, the village index. Read-only.

Scope: a partner key must name programme "careband" and have a ``CareKeyScope`` row (set by the
tenant admin in the admin site); it then sees only the subtree of that area — a civil-affairs key
scoped to its district sees that district and nothing else. A key without a scope row gets 403.
Signed-in users see what the web pages show them (managers: the tenant; guardians: their areas).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from careband.models import AreaLevel, CareAlert, CareArea, CareSubject
from careband.services.access import key_area, under, visible_subjects
from careband.services.villages import village_rows
from portal.api.models import ApiKey
from portal.api.permissions import IsTenantMember
from portal.api.routing import router
from portal.api.serializers import TenantModelSerializer
from portal.api.viewsets import TenantReadOnlyViewSet
from portal.core.types import portal_request, tenant_of

LEVELS = (AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID)


def scoped_subjects(request: Request) -> QuerySet[CareSubject]:
    tenant = tenant_of(portal_request(request))
    if isinstance(request.auth, ApiKey):
        area = key_area(request.auth)
        if area is None:
            raise PermissionDenied(_("This key is not limited to an area; ask the unit to set its care area."))
        return CareSubject.objects.for_tenant(tenant).filter(under([area]))
    return visible_subjects(tenant, request.user, portal_request(request).capabilities)


class SubjectColourSerializer(TenantModelSerializer):
    grid = serializers.CharField(source="grid.name", read_only=True)
    colour = serializers.IntegerField(source="code.colour", read_only=True, default=None)
    reason = serializers.CharField(source="code.reason_text", read_only=True, default=None)
    day = serializers.DateField(source="code.day", read_only=True, default=None)

    class Meta:
        model = CareSubject
        fields = ["id", "name", "phone", "address", "category", "grid", "day", "colour", "reason"]
        read_only_fields = fields


class SubjectViewSet(TenantReadOnlyViewSet):
    programme = "careband"
    queryset = CareSubject.objects.all()
    serializer_class = SubjectColourSerializer

    def get_queryset(self) -> Any:
        return scoped_subjects(self.request).filter(consent_withdrawn_at__isnull=True).order_by("pk")


class AlertSerializer(serializers.ModelSerializer):
    subject = serializers.IntegerField(source="subject_id", read_only=True)
    reference = serializers.CharField(source="ticket.reference", read_only=True)
    status = serializers.CharField(source="ticket.status", read_only=True)
    acknowledge_due_at = serializers.DateTimeField(source="ticket.acknowledge_due_at", read_only=True)
    visit_due_at = serializers.DateTimeField(source="ticket.due_at", read_only=True)
    outcome = serializers.CharField(source="visit.outcome", read_only=True, default=None)

    class Meta:
        model = CareAlert
        fields = ["id", "subject", "reference", "day", "level", "status", "acknowledge_due_at", "visit_due_at",
                  "closed_at", "outcome"]  # fmt: skip
        read_only_fields = fields


class AlertViewSet(TenantReadOnlyViewSet):
    programme = "careband"
    queryset = CareAlert.objects.all()
    serializer_class = AlertSerializer

    def get_queryset(self) -> Any:
        subjects = scoped_subjects(self.request)
        found = CareAlert.objects.for_tenant(self.request.tenant).filter(subject__in=subjects)
        if self.request.query_params.get("open") in ("1", "true"):
            found = found.filter(closed_at__isnull=True)
        return found.order_by("-pk")


class ColourCountSerializer(serializers.Serializer):
    area = serializers.CharField()
    area_id = serializers.IntegerField()
    level = serializers.CharField()
    grey = serializers.IntegerField()
    green = serializers.IntegerField()
    yellow = serializers.IntegerField()
    red = serializers.IntegerField()


class VillageScoreSerializer(serializers.Serializer):
    village = serializers.CharField()
    village_id = serializers.IntegerField()
    score = serializers.FloatField()
    homes = serializers.IntegerField()
    vacant_rate = serializers.FloatField()
    use_per_home = serializers.FloatField()
    trend = serializers.FloatField()
    festival_return = serializers.FloatField()


class ColourCountViewSet(viewsets.ViewSet):
    """``GET /api/v1/careband/colours/?level=street|community|grid``: today's colour counts per area."""

    permission_classes = [IsTenantMember]
    programme = "careband"

    @extend_schema(
        parameters=[OpenApiParameter("level", str, enum=list(LEVELS), description="street, community or grid")],
        responses=inline_serializer("ColourCountPage", {"results": ColourCountSerializer(many=True)}),
    )
    def list(self, request: Request) -> Response:
        level = request.query_params.get("level", AreaLevel.STREET)
        if level not in LEVELS:
            raise ValidationError({"level": [_("Use street, community or grid.")]})
        tenant = tenant_of(portal_request(request))
        areas = {a.pk: a for a in CareArea.objects.for_tenant(tenant)}
        counts: dict[int, Counter[str]] = {}
        names = ("grey", "green", "yellow", "red")
        rows = scoped_subjects(request).filter(code__isnull=False).values_list("grid_id", "code__colour")
        for grid_id, colour in rows:
            grid = areas[grid_id]
            target = next((i for i in grid.ancestor_ids() if areas[i].level == level), grid.pk)
            counts.setdefault(target, Counter())[names[colour]] += 1
        data = [
            {"area": areas[pk].name, "area_id": pk, "level": level, **{n: c[n] for n in names}}
            for pk, c in sorted(counts.items())
        ]
        return Response({"results": data})


class VillageIndexViewSet(viewsets.ViewSet):
    """``GET /api/v1/careband/villages/``: the revitalisation index, most hollow first (no personal data)."""

    permission_classes = [IsTenantMember]
    programme = "careband"

    @extend_schema(responses=inline_serializer("VillageIndexPage", {"results": VillageScoreSerializer(many=True)}))
    def list(self, request: Request) -> Response:
        rows = village_rows(tenant_of(portal_request(request)), timezone.localdate() - timedelta(days=1))
        return Response(
            {
                "results": [
                    {
                        "village": str(r.village),
                        "village_id": r.village.pk,
                        "score": round(r.score, 1),
                        "homes": r.homes,
                        "vacant_rate": round(r.vacant_rate, 3),
                        "use_per_home": round(r.use_per_home, 2),
                        "trend": round(r.trend, 3),
                        "festival_return": round(r.festival_return, 3),
                    }
                    for r in rows
                ]
            }
        )


router.register("careband/subjects", SubjectViewSet, basename="careband-subject")
router.register("careband/alerts", AlertViewSet, basename="careband-alert")
router.register("careband/colours", ColourCountViewSet, basename="careband-colours")
router.register("careband/villages", VillageIndexViewSet, basename="careband-villages")
