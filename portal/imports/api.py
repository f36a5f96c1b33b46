"""``/api/v1/imports/``: record imports through the partner API.

``POST`` (multipart: ``dataset``, ``file``, ``on_error``) keeps the file on a batch and imports it —
at once for a small file (201, the finished batch), on the worker for a big one (202, the queued
batch and its job run). Writing needs MANAGE_RECORDS, so partner keys (read-only) are refused (403);
a key sees only the batches of its programmes' data sets (and the core's). ``GET datasets/`` lists
the data sets and their columns; ``GET {id}/report/`` is the error report (personal data: logged).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.models import ApiKey
from portal.api.routing import router
from portal.api.viewsets import TenantReadOnlyViewSet
from portal.audit.actions import record_personal_read
from portal.audit.models import PersonalDataAccess
from portal.core.catalogue import CORE
from portal.core.types import portal_request, tenant_of
from portal.imports.formats import accepted_headers
from portal.imports.forms import check_upload
from portal.imports.models import RecordImportBatch
from portal.imports.registry import all_imports, get_import, imports_for
from portal.imports.services import submit_upload
from portal.imports.spec import RecordImport
from portal.imports.views import IMPORT_CAPABILITY
from portal.tenancy.models import programmes_run_by
from portal.tenancy.roles import Capability


class RecordImportBatchSerializer(serializers.ModelSerializer):
    has_report = serializers.SerializerMethodField()

    class Meta:
        model = RecordImportBatch
        fields = [
            "id",
            "dataset",
            "programme",
            "source",
            "on_error",
            "original_name",
            "checksum",
            "status",
            "rows_read",
            "rows_created",
            "rows_updated",
            "rows_unchanged",
            "rows_refused",
            "message",
            "has_report",
            "job_run",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_has_report(self, batch: RecordImportBatch) -> bool:
        return bool(batch.report_file)


class RecordImportUploadSerializer(serializers.Serializer):
    dataset = serializers.ChoiceField(choices=[])
    file = serializers.FileField()
    on_error = serializers.ChoiceField(
        choices=RecordImportBatch.OnError.choices, default=RecordImportBatch.OnError.KEEP_GOOD
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The registry fills as apps load: the choices are read when the serializer is made.
        self.fields["dataset"].choices = [(spec.code, str(spec.label)) for spec in all_imports()]  # type: ignore[attr-defined]

    def validate_file(self, value: Any) -> Any:
        try:
            return check_upload(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class ImportColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    # Declared fields named like attributes of Field (label, required): the metaclass takes them out.
    label = serializers.CharField()  # type: ignore[assignment]
    headers = serializers.ListField(child=serializers.CharField(), help_text="Every header accepted for it.")
    kind = serializers.CharField()
    required = serializers.BooleanField()  # type: ignore[assignment]
    max_length = serializers.IntegerField(allow_null=True)
    min_value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True, coerce_to_string=True)
    max_value = serializers.DecimalField(max_digits=20, decimal_places=6, allow_null=True, coerce_to_string=True)
    choices = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))


class ImportDatasetSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    programme = serializers.CharField()
    key = serializers.ListField(child=serializers.CharField())
    columns = ImportColumnSerializer(many=True)
    sample = serializers.CharField(help_text="Path of the sample file (CSV, UTF-8 with BOM).")


def _number(value: int | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def dataset_payload(spec: RecordImport) -> dict[str, Any]:
    return {
        "code": spec.code,
        "label": str(spec.label),
        "programme": spec.programme,
        "key": list(spec.key),
        "columns": [
            {
                "name": column.name,
                "label": str(column.label),
                "headers": accepted_headers(column),
                "kind": column.kind,
                "required": column.required,
                "max_length": column.max_length,
                "min_value": _number(column.min_value),
                "max_value": _number(column.max_value),
                "choices": [[value, str(label)] for value, label in column.choices],
            }
            for column in spec.columns
        ],
        "sample": reverse("imports:sample", kwargs={"code": spec.code}),
    }


@extend_schema_view(
    list=extend_schema(summary="Record imports of the tenant (a key: of its programmes' data sets)"),
    retrieve=extend_schema(summary="One record import: status and row counts"),
)
class RecordImportViewSet(TenantReadOnlyViewSet):
    queryset = RecordImportBatch.objects.all()
    serializer_class = RecordImportBatchSerializer
    filterset_fields = ["dataset", "status"]
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [MultiPartParser, FormParser]
    write_capability = IMPORT_CAPABILITY
    lookup_value_regex = r"\d+"

    def allowed_programmes(self) -> set[str] | None:
        """The programmes a key is scoped to (the core always); None for a signed-in user."""
        key = self.request.auth
        return {CORE, *key.programmes} if isinstance(key, ApiKey) else None

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        allowed = self.allowed_programmes()
        return queryset if allowed is None else queryset.filter(programme__in=sorted(allowed))

    @extend_schema(
        summary="Import a file (CSV in UTF-8 or GBK, or XLSX) into a data set",
        request={"multipart/form-data": RecordImportUploadSerializer},
        responses={
            201: OpenApiResponse(RecordImportBatchSerializer, description="Imported at once: the finished batch."),
            202: OpenApiResponse(RecordImportBatchSerializer, description="Queued: follow job_run, then the batch."),
        },
    )
    def create(self, request: Request) -> Response:
        payload = RecordImportUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        spec = get_import(data["dataset"])
        allowed = self.allowed_programmes()
        if allowed is not None and spec.programme not in allowed:
            raise PermissionDenied
        submitted = submit_upload(
            tenant_of(portal_request(request)),
            spec.code,
            data["file"],
            on_error=data["on_error"],
            source=RecordImportBatch.Source.API,
            actor=self.actor(),
        )
        answer = status.HTTP_202_ACCEPTED if submitted.queued else status.HTTP_201_CREATED
        return Response(RecordImportBatchSerializer(submitted.batch).data, status=answer)

    @extend_schema(
        summary="The data sets this unit may import, with their columns", responses=ImportDatasetSerializer(many=True)
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def datasets(self, request: Request) -> Response:
        offered = imports_for(programmes_run_by(tenant_of(portal_request(request))))
        allowed = self.allowed_programmes()
        specs = [spec for spec in offered if allowed is None or spec.programme in allowed]
        return Response(ImportDatasetSerializer([dataset_payload(spec) for spec in specs], many=True).data)

    @extend_schema(
        summary="The error report of an import (CSV, UTF-8 with BOM): row, column, value, reason",
        responses={(200, "text/csv"): OpenApiTypes.BINARY, 403: None, 404: None},
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def report(self, request: Request, pk: str | None = None) -> FileResponse:
        batch = self.get_object()  # another tenant's batch: 404, before the 403 below
        if Capability.SEE_PERSONAL_DATA not in getattr(request, "capabilities", frozenset()):
            raise PermissionDenied
        if not batch.report_file:
            raise Http404("This import has no error report.")
        record_personal_read(
            tenant_of(portal_request(request)),
            RecordImportBatch,
            [batch.pk],
            ["report_file"],
            actor=self.actor(),
            channel=PersonalDataAccess.Channel.API,
            masked=False,
            path=request.get_full_path(),
        )
        return FileResponse(batch.report_file.open("rb"), as_attachment=True, filename=f"import-{batch.pk}-errors.csv")


router.register("imports", RecordImportViewSet, basename="record-import")
