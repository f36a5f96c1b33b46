from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.views import View
from django.views.generic import DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from portal.core.views import TenantObjectMixin
from portal.jobs.filters import PEOPLE, JobRunFilterSet
from portal.jobs.models import JobRun


class JobRunListView(TenantObjectMixin, ListView):
    """The unit's runs, the reader's own first; the schedule's runs only when asked for."""

    model = JobRun
    paginate_by = 30
    template_name = "jobs/jobrun_list.html"

    def get_queryset(self) -> Any:
        runs = super().get_queryset()
        self.filterset = JobRunFilterSet(self.request.GET, queryset=runs, request=self.request)
        if not self.filterset.is_valid():  # the form shows what was wrong; no rows for a bad filter
            self.scheduled_hidden = 0
            return runs.none()
        hides_scheduled = self.filterset.form.cleaned_data["origin"] == PEOPLE
        self.scheduled_hidden = runs.filter(trigger=JobRun.Trigger.SCHEDULE).count() if hides_scheduled else 0
        mine = Case(
            When(requested_by=self.request.user.pk, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return self.filterset.qs.select_related("requested_by").order_by(mine, "-created_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["scheduled_hidden"] = self.scheduled_hidden
        return context


class JobRunDetailView(TenantObjectMixin, DetailView):
    model = JobRun
    template_name = "jobs/jobrun_detail.html"


class JobRunProgressView(JobRunDetailView):
    """The htmx fragment polled by the progress bar; it stops polling once the run is finished."""

    template_name = "jobs/_progress.html"


class JobRunDownloadView(TenantObjectMixin, SingleObjectMixin, View):
    model = JobRun

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        run = self.get_object()
        if not run.result_file:
            raise Http404("This run produced no file.")
        return FileResponse(
            run.result_file.open("rb"), as_attachment=True, filename=run.result_file.name.rsplit("/", 1)[-1]
        )
