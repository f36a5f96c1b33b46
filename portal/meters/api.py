"""``/api/v1/meters/``: meters and areas (read-only, masked), reading-file and register imports.

``POST /api/v1/meters/readings/imports/`` and ``POST /api/v1/meters/register/imports/`` (multipart:
dataset, file, on_error) keep the file on a pending batch, queue ``meters.import`` and answer 202
with the batch and job run ids; ``GET`` on either lists its own batches with their progress (the
job run) and counts. Writing needs RUN_JOBS — partner keys (read-only, VIEW) cannot upload.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.routing import router
from portal.api.serializers import TenantModelSerializer
from portal.api.viewsets import TenantReadOnlyViewSet
from portal.core.types import portal_request, tenant_of
from portal.meters import services
from portal.meters.forms import check_upload
from portal.meters.models import READING_DATASETS, REGISTER_DATASETS, ImportBatch, Meter, TransformerArea
from portal.tenancy.roles import Capability


class MeterSerializer(TenantModelSerializer):
    area_code = serializers.CharField(source="area.code", read_only=True, default=None)

    class Meta:
        model = Meter
        fields = [
            "id",
            "meter_no",
            "account_no",
            "customer_name",
            "address",
            "customer_type",
            "area",
            "area_code",
            "village",
            "grid_cell",
            "latitude",
            "longitude",
            "status",
            "installed_on",
        ]
        read_only_fields = fields


class AreaSerializer(TenantModelSerializer):
    class Meta:
        model = TransformerArea
        fields = ["id", "code", "name", "capacity_kva", "feeder", "supply_meter_no", "village", "latitude", "longitude"]
        read_only_fields = fields


class ImportBatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "dataset",
            "source",
            "on_error",
            "original_name",
            "checksum",
            "status",
            "rows_total",
            "rows_accepted",
            "rows_rejected",
            "rows_replaced",
            "replaced",
            "rows_created",
            "rows_updated",
            "meters_moved",
            "date_from",
            "date_to",
            "message",
            "job_run",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=[(d.value, d.label) for d in READING_DATASETS])
    file = serializers.FileField()
    on_error = serializers.ChoiceField(choices=ImportBatch.OnError.choices, default=ImportBatch.OnError.KEEP_GOOD)

    def validate_file(self, value: Any) -> Any:
        try:
            return check_upload(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class MeterViewSet(TenantReadOnlyViewSet):
    queryset = Meter.objects.all()
    serializer_class = MeterSerializer
    filterset_fields = ["customer_type", "status", "area"]
    lookup_value_regex = r"\d+"


class AreaViewSet(TenantReadOnlyViewSet):
    queryset = TransformerArea.objects.all()
    serializer_class = AreaSerializer
    lookup_value_regex = r"\d+"


class RegisterUploadSerializer(ImportUploadSerializer):
    dataset = serializers.ChoiceField(choices=[(d.value, d.label) for d in REGISTER_DATASETS])


class ImportBatchViewSet(TenantReadOnlyViewSet):
    """Reading-file imports: ``meter_daily``, ``area_daily``, ``interval``."""

    queryset = ImportBatch.objects.filter(dataset__in=READING_DATASETS)
    upload_serializer: type[ImportUploadSerializer] = ImportUploadSerializer
    serializer_class = ImportBatchSerializer
    filterset_fields = ["dataset", "status"]
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    write_capability = Capability.RUN_JOBS
    lookup_value_regex = r"\d+"

    def create(self, request: Request) -> Response:
        payload = self.upload_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        batch, run = services.start_upload_import(
            tenant_of(portal_request(request)),
            data["dataset"],
            data["file"],
            on_error=data["on_error"],
            source=ImportBatch.Source.API,
            actor=self.actor(),
        )
        body = {**ImportBatchSerializer(batch).data, "batch": batch.pk, "job_run": run.pk}
        return Response(body, status=status.HTTP_202_ACCEPTED)


class RegisterImportViewSet(ImportBatchViewSet):
    """Register imports: ``register_areas``, ``register_meters`` (docs/meter-data.md)."""

    queryset = ImportBatch.objects.filter(dataset__in=REGISTER_DATASETS)
    upload_serializer = RegisterUploadSerializer


# Longer prefixes first: "meters/{pk}" must not swallow "meters/areas".
router.register("meters/readings/imports", ImportBatchViewSet, basename="meter-import")
router.register("meters/register/imports", RegisterImportViewSet, basename="meter-register-import")
router.register("meters/areas", AreaViewSet, basename="meter-area")
router.register("meters", MeterViewSet, basename="meter")
