"""Meter-data pages: upload a reading file, follow its import, read its report; meters and areas.

Every page finds its rows through the active tenant, so another tenant's batch (and its report and
original file) is a 404. Uploading needs RUN_JOBS.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView, View

from portal.audit.actions import record_personal_read
from portal.audit.masking import mask
from portal.audit.models import PersonalDataAccess
from portal.core.types import PortalRequest, tenant_of, user_of
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.meters import formats, services
from portal.meters.forms import ImportForm
from portal.meters.models import Dataset, ImportBatch, Meter, TransformerArea
from portal.tenancy.roles import Capability


class ImportListView(TenantObjectMixin, ListView):
    model = ImportBatch
    paginate_by = 25
    template_name = "meters/import_list.html"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().select_related("created_by")
        dataset = self.request.GET.get("dataset", "")
        return queryset.filter(dataset=dataset) if dataset in Dataset.values else queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_upload"] = self.can(Capability.RUN_JOBS)
        context["datasets"] = Dataset.choices
        context["dataset"] = self.request.GET.get("dataset", "")
        return context


class ImportCreateView(TenantRequiredMixin, View):
    required_capability = Capability.RUN_JOBS
    template_name = "meters/import_form.html"

    def get(self, request: PortalRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ImportForm(), "formats": formats.dataset_formats()})

    def post(self, request: PortalRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            context = {"form": form, "formats": formats.dataset_formats()}
            return render(request, self.template_name, context, status=400)
        batch, _run = services.start_upload_import(
            self.tenant,
            form.cleaned_data["dataset"],
            form.cleaned_data["file"],
            on_error=form.cleaned_data["on_error"],
            source=ImportBatch.Source.UPLOAD,
            actor=self.user,
        )
        return redirect("meters:import-detail", pk=batch.pk)


class ImportFormatsView(TenantRequiredMixin, View):
    """What each data set's file looks like: columns, accepted headers, a sample to download."""

    def get(self, request: PortalRequest) -> HttpResponse:
        return render(request, "meters/import_formats.html", {"formats": formats.dataset_formats()})


class ImportSampleView(TenantRequiredMixin, View):
    """``?dataset=register_meters``: the data set's sample file (no tenant data in it)."""

    def get(self, request: PortalRequest) -> FileResponse:
        dataset = request.GET.get("dataset", "")
        path = formats.sample_path(dataset)
        if path is None:
            raise Http404("No sample for this data set.")
        return FileResponse(path.open("rb"), as_attachment=True, filename=f"{dataset}-sample.csv")


class ImportDetailView(TenantObjectMixin, DetailView):
    model = ImportBatch
    template_name = "meters/import_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("created_by", "job_run")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch: ImportBatch = self.object
        earlier = ImportBatch.objects.for_tenant(self.tenant).in_bulk([int(k) for k in batch.replaced])
        context["replaced_rows"] = [(earlier.get(int(k)), int(k), n) for k, n in batch.replaced.items()]
        context["finished"] = batch.status not in (ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING)
        return context


class _BatchFileView(TenantObjectMixin, View):
    model = ImportBatch
    field = "file"

    def filename(self, batch: ImportBatch) -> str:
        return batch.original_name

    def get(self, request: PortalRequest, pk: int) -> FileResponse:
        batch = get_object_or_404(self.get_queryset(), pk=pk)
        stored = getattr(batch, self.field)
        if not stored:
            raise Http404("This batch has no such file.")
        return FileResponse(stored.open("rb"), as_attachment=True, filename=self.filename(batch))


class ImportFileDownloadView(_BatchFileView):
    field = "file"


class ImportReportDownloadView(_BatchFileView):
    field = "report_file"

    def filename(self, batch: ImportBatch) -> str:
        return f"import-{batch.pk}-errors.csv"


# --- meters and areas ---------------------------------------------------------------------------


def _personal(request: PortalRequest, meters: list[Meter]) -> bool:
    """Mask personal fields in place unless the user may see them; log the read either way."""
    shown = Capability.SEE_PERSONAL_DATA in request.capabilities
    if not shown:
        for meter in meters:
            for name, kind in Meter.personal_fields.items():
                setattr(meter, name, mask(kind, getattr(meter, name)) or "")
    record_personal_read(
        tenant_of(request),
        Meter,
        [m.pk for m in meters],
        sorted(Meter.personal_fields),
        actor=user_of(request),
        channel=PersonalDataAccess.Channel.WEB,
        masked=not shown,
        path=request.get_full_path(),
    )
    return shown


class MeterListView(TenantObjectMixin, ListView):
    model = Meter
    paginate_by = 50
    template_name = "meters/meter_list.html"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().select_related("area", "village")
        query = self.request.GET.get("q", "").strip()[:40]
        return queryset.filter(meter_no__startswith=query) if query else queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["show_personal"] = _personal(self.portal_request, list(context["object_list"]))
        return context


class MeterDetailView(TenantObjectMixin, DetailView):
    model = Meter
    template_name = "meters/meter_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["show_personal"] = _personal(self.portal_request, [self.object])
        context["moves"] = list(self.object.moves.select_related("from_area", "to_area").order_by("-moved_on", "-id"))
        return context


class AreaListView(TenantObjectMixin, ListView):
    model = TransformerArea
    paginate_by = 50
    template_name = "meters/area_list.html"

    def get_queryset(self) -> Any:
        # A grouped query drops the model's default ordering: say it again, or pages would shuffle.
        counted = super().get_queryset().select_related("feeder", "village").annotate(meter_count=Count("meters"))
        return counted.order_by("code")


class AreaDetailView(TenantObjectMixin, DetailView):
    model = TransformerArea
    template_name = "meters/area_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("feeder", "village").annotate(meter_count=Count("meters"))
