"""Activity pages: the list with its totals row, detail, create and edit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.views.generic import DetailView

from portal.activities.filters import ActivityFilter
from portal.activities.forms import ActivityForm
from portal.activities.models import Activity
from portal.activities.services import totals
from portal.core.views import AuditedCreateView, AuditedUpdateView, FilteredListView, TenantObjectMixin
from portal.tenancy.roles import Capability


class ActivityListView(FilteredListView):
    model = Activity
    filterset_class = ActivityFilter
    template_name = "activities/activity_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("organiser")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Over every matching activity, not just this page.
        context["totals"] = totals(self.filterset.qs)
        return context


class ActivityDetailView(TenantObjectMixin, DetailView):
    model = Activity
    template_name = "activities/activity_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("organiser").prefetch_related("partners")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        return context


class ActivityCreateView(AuditedCreateView):
    model = Activity
    form_class = ActivityForm
    template_name = "activities/activity_form.html"
    relation_fields = ("partners",)

    def get_success_url(self) -> str:
        return reverse("activities:detail", args=[self.object.pk])


class ActivityUpdateView(ActivityCreateView, AuditedUpdateView):
    pass
