"""The audit log pages for tenant administrators: changes (with their diff) and personal-data reads."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from portal.audit.actions import record_personal_read
from portal.audit.diff import diff_rows, personal_fields_for
from portal.audit.forms import AuditFilterForm, PurgeForm
from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.jobs.runner import enqueue
from portal.tenancy.roles import Capability


class FilteredLogMixin(TenantObjectMixin):
    """A tenant's log, narrowed by ``AuditFilterForm`` from the query string."""

    required_capability = Capability.ADMIN_TENANT
    actor_label: Any = None
    filter_form: AuditFilterForm

    def get_queryset(self) -> Any:
        logged = super().get_queryset()
        self.filter_form = AuditFilterForm(
            self.request.GET or None, tenant=self.tenant, logged=logged, actor_label=self.actor_label
        )
        self.filter_form.is_valid()
        return self.filter_form.apply(logged).select_related("actor", "content_type")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["filter_form"] = self.filter_form
        return context


class ChangeRecordListView(FilteredLogMixin, ListView):
    model = ChangeRecord
    paginate_by = 50
    template_name = "audit/changerecord_list.html"


class PersonalDataAccessListView(FilteredLogMixin, ListView):
    model = PersonalDataAccess
    paginate_by = 50
    actor_label = _("Read by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["purge_form"] = PurgeForm()
        return context


class PurgeAccessLogView(TenantRequiredMixin, FormView):
    """Start the ``audit.purge_access_log`` job for the active tenant and follow it on its page."""

    required_capability = Capability.ADMIN_TENANT
    form_class = PurgeForm
    template_name = "audit/purge_form.html"
    http_method_names = ["get", "post"]

    def form_valid(self, form: PurgeForm) -> HttpResponse:
        run = enqueue(
            "audit.purge_access_log", self.tenant, requested_by=self.request.user, days=form.cleaned_data["days"]
        )
        return HttpResponseRedirect(reverse("jobs:detail", args=[run.pk]))


class ChangeRecordDetailView(TenantObjectMixin, DetailView):
    required_capability = Capability.ADMIN_TENANT
    model = ChangeRecord
    template_name = "audit/changerecord_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("actor", "content_type")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record: ChangeRecord = self.object
        masked = not self.can(Capability.SEE_PERSONAL_DATA)
        context["rows"] = diff_rows(record, masked=masked)
        context["masked"] = masked
        self._log_personal_read(record, masked)
        return context

    def _log_personal_read(self, record: ChangeRecord, masked: bool) -> None:
        """Showing a diff of personal fields is a read of personal data, logged like any other."""
        fields = sorted(personal_fields_for(record).keys() & (set(record.before) | set(record.after)))
        model = record.content_type.model_class()
        if not fields or model is None:
            return
        record_personal_read(
            self.tenant,
            model,
            [record.object_id],
            fields,
            actor=self.user,
            channel=PersonalDataAccess.Channel.WEB,
            masked=masked,
            path=self.request.get_full_path(),
        )
