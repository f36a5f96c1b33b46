"""Park hookups: the enterprise profile (read only by authorised members, every read logged), hookup
templates, and projects tracked step by step."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from alliance import parks
from alliance.models import EnterpriseProfile, Hookup, HookupStep, HookupTemplate, Project
from portal.core.views import TenantObjectMixin
from portal.tenancy.roles import Capability


class HookupOverviewView(TenantObjectMixin, ListView):
    model = Project
    template_name = "alliance/hookups.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("enterprise__organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["templates"] = (
            HookupTemplate.objects.for_tenant(self.tenant).prefetch_related("steps").order_by("utility", "process")
        )
        context["savings"] = parks.savings([self.tenant])
        context["enterprises"] = EnterpriseProfile.objects.for_tenant(self.tenant).select_related("organisation")
        return context


class ProjectDetailView(TenantObjectMixin, DetailView):
    model = Project
    template_name = "alliance/project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = []
        for hookup in self.object.hookups.select_related("template").prefetch_related("progress", "template__steps"):
            done = {p.step_id: p.done_on for p in hookup.progress.all()}
            rows.append((hookup, [(step, done.get(step.pk)) for step in hookup.template.steps.all()]))
        context["hookups"] = rows
        context["can_work"] = self.can(Capability.WORK_TICKETS)
        return context


class StepDoneView(TenantObjectMixin, View):
    model = Project
    required_capability = Capability.WORK_TICKETS

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = get_object_or_404(self.get_queryset(), pk=pk)
        hookup_id, step_id = request.POST.get("hookup", ""), request.POST.get("step", "")
        if not (hookup_id.isdigit() and step_id.isdigit()):
            raise Http404
        hookup = get_object_or_404(Hookup.objects.for_tenant(self.tenant), pk=hookup_id, project=project)
        step = get_object_or_404(HookupStep.objects.for_tenant(self.tenant), pk=step_id)
        try:
            done_on = _date(request.POST.get("done_on", ""))
            if done_on is None:
                raise ValidationError(_("Enter the date as YYYY-MM-DD."))
            parks.complete_step(hookup, step, done_on)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("alliance:project-detail", pk=project.pk)


def _date(text: str) -> date | None:
    if not text:
        return date.today()
    try:
        return parse_date(text)
    except ValueError:
        return None


class EnterpriseDetailView(TenantObjectMixin, DetailView):
    """Shown only to staff of an authorised member (or managers); the read is logged first."""

    model = EnterpriseProfile
    template_name = "alliance/enterprise_detail.html"

    def get_object(self, queryset: Any = None) -> EnterpriseProfile:
        profile: EnterpriseProfile = super().get_object(queryset)
        parks.read_profile(profile, self.request.user, self.capabilities)
        return profile

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["authorised"] = self.object.authorised_members.select_related("organisation")
        context["reads"] = self.object.reads.select_related("user", "member__organisation")[:20]
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        return context
