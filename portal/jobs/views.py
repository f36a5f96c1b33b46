from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.views import View
from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from portal.core.views import TenantObjectMixin
from portal.jobs.models import JobRun


class JobRunListView(TenantObjectMixin, ListView):  # type: ignore[type-arg]
    model = JobRun
    paginate_by = 30
    template_name = "jobs/jobrun_list.html"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().select_related("requested_by")
        status = self.request.GET.get("status")
        if status in JobRun.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statuses"] = JobRun.Status.choices
        context["status"] = self.request.GET.get("status", "")
        return context


class JobRunDetailView(TenantObjectMixin, DetailView):  # type: ignore[type-arg]
    model = JobRun
    template_name = "jobs/jobrun_detail.html"


class JobRunProgressView(JobRunDetailView):
    """The htmx fragment polled by the progress bar; it stops polling once the run is finished."""

    template_name = "jobs/_progress.html"


class JobRunDownloadView(TenantObjectMixin, SingleObjectMixin, View):  # type: ignore[type-arg]
    model = JobRun

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        run = self.get_object()
        if not run.result_file:
            raise Http404("This run produced no file.")
        return FileResponse(
            run.result_file.open("rb"), as_attachment=True, filename=run.result_file.name.rsplit("/", 1)[-1]
        )
