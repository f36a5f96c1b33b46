"""The browser door: the data sets and their format pages, sample files, uploads, batches, reports.

Batches are found through the active tenant (another tenant's batch, report or file is a 404).
Reading needs VIEW; importing needs MANAGE_RECORDS — the capability of every other page that writes
stakeholder and programme records. A batch's original file and its error report may hold personal
data (the cells as written, and any column the data set ignores), so downloading them needs
SEE_PERSONAL_DATA and is logged as a read of personal data.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView, TemplateView, View
from django_htmx.http import HttpResponseClientRefresh

from portal.audit.actions import record_personal_read
from portal.audit.models import PersonalDataAccess
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.imports.formats import describe, programme_label, sample_csv, sample_filename
from portal.imports.forms import UploadForm
from portal.imports.models import RecordImportBatch
from portal.imports.registry import all_imports, find_import, imports_for
from portal.imports.services import submit_upload
from portal.imports.spec import RecordImport
from portal.tenancy.models import programmes_run_by
from portal.tenancy.roles import Capability

IMPORT_CAPABILITY = Capability.MANAGE_RECORDS


class ImportIndexView(TenantObjectMixin, ListView):
    """The data sets this unit's programmes (and the core) offer, and every import so far."""

    model = RecordImportBatch
    paginate_by = 25
    template_name = "imports/index.html"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().select_related("created_by")
        dataset = self.request.GET.get("dataset", "")
        if find_import(dataset) is not None:
            queryset = queryset.filter(dataset=dataset)
        status = self.request.GET.get("status", "")
        if status in RecordImportBatch.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        offered = imports_for(programmes_run_by(self.tenant))
        context["datasets"] = [(spec, programme_label(spec)) for spec in offered]
        context["all_datasets"] = all_imports()
        context["statuses"] = RecordImportBatch.Status.choices
        context["dataset"] = self.request.GET.get("dataset", "")
        context["status"] = self.request.GET.get("status", "")
        context["can_import"] = self.can(IMPORT_CAPABILITY)
        return context


class DatasetMixin:
    """Pages of one data set, named by its code in the URL: a code names no tenant's object."""

    url_values: ClassVar[tuple[str, ...]] = ("code",)
    kwargs: dict[str, Any]

    @property
    def spec(self) -> RecordImport:
        spec = find_import(self.kwargs["code"])
        if spec is None:
            raise Http404("No such data set.")
        return spec


class DatasetFormatView(DatasetMixin, TenantRequiredMixin, TemplateView):
    """What a file of this data set holds, generated from its declaration."""

    template_name = "imports/dataset.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        spec = self.spec
        context.update(
            spec=spec,
            programme=programme_label(spec),
            columns=describe(spec),
            key_headers=[str(spec.column(name).label) for name in spec.key],
            can_import=self.can(IMPORT_CAPABILITY),
            recent=RecordImportBatch.objects.for_tenant(self.tenant).filter(dataset=spec.code)[:5],
        )
        return context


class SampleDownloadView(DatasetMixin, TenantRequiredMixin, View):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        spec = self.spec
        response = HttpResponse(sample_csv(spec), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{sample_filename(spec)}"'
        return response


class UploadView(DatasetMixin, TenantRequiredMixin, View):
    required_capability = IMPORT_CAPABILITY
    template_name = "imports/upload.html"

    def _page(self, request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
        spec = self.spec
        context = {"spec": spec, "form": form, "columns": describe(spec)}
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return self._page(request, UploadForm())

    def post(self, request: HttpRequest, code: str) -> HttpResponse:
        spec = self.spec
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, form, status=400)
        submitted = submit_upload(
            self.tenant,
            spec.code,
            form.cleaned_data["file"],
            on_error=form.cleaned_data["on_error"],
            source=RecordImportBatch.Source.UPLOAD,
            actor=self.user,
        )
        return redirect("imports:batch", pk=submitted.batch.pk)


class BatchDetailView(TenantObjectMixin, DetailView):
    model = RecordImportBatch
    template_name = "imports/batch_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("created_by", "job_run")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request, "htmx", False):
            # The page polls while a queued import runs; once it is done, the page reloads itself.
            batch = self.get_object()
            return HttpResponseClientRefresh() if batch.is_finished else HttpResponse(status=204)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["spec"] = find_import(self.object.dataset)
        context["can_download"] = self.can(Capability.SEE_PERSONAL_DATA)
        context["can_import"] = self.can(IMPORT_CAPABILITY)
        return context


class _BatchFileView(TenantObjectMixin, View):
    # The cells as written may be personal data: another tenant's batch is a 404, a user of this
    # one without the capability a 403 (the base mixin decides, in that order).
    required_capability = Capability.SEE_PERSONAL_DATA
    model = RecordImportBatch
    field = "file"

    def filename(self, batch: RecordImportBatch) -> str:
        return batch.original_name

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        batch = get_object_or_404(self.get_queryset(), pk=pk)
        stored = getattr(batch, self.field)
        if not stored:
            raise Http404("This batch has no such file.")
        record_personal_read(
            self.tenant,
            RecordImportBatch,
            [batch.pk],
            [self.field],
            actor=self.user,
            channel=PersonalDataAccess.Channel.WEB,
            masked=False,
            path=request.get_full_path(),
        )
        return FileResponse(stored.open("rb"), as_attachment=True, filename=self.filename(batch))


class BatchFileView(_BatchFileView):
    field = "file"


class BatchReportView(_BatchFileView):
    field = "report_file"

    def filename(self, batch: RecordImportBatch) -> str:
        return f"import-{batch.pk}-errors.csv"
