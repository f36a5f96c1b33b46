"""Meeting pages (座谈会, 联席会, 圆桌会议 …), their decisions and their follow-up tasks."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView

from portal.core.types import PortalRequest, tenant_of
from portal.core.views import AuditedCreateView, AuditedUpdateView, FilteredListView, TenantObjectMixin
from portal.stakeholders import selectors, services
from portal.stakeholders.filters import MeetingFilter
from portal.stakeholders.forms import DecisionForm, MeetingForm
from portal.stakeholders.models import Meeting
from portal.stakeholders.personal import log_page_read
from portal.tenancy.roles import Capability


class MeetingListView(FilteredListView):
    model = Meeting
    filterset_class = MeetingFilter
    template_name = "stakeholders/meeting_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("organisations")


def meeting_queryset(tenant: Any) -> Any:
    return Meeting.objects.for_tenant(tenant).prefetch_related("organisations", "attendees", "decisions")


def decisions_context(meeting: Meeting, *, can_manage: bool, form: DecisionForm | None = None) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "decisions": list(meeting.decisions.all()),
        "decision_form": form or DecisionForm(tenant=meeting.tenant),
        "can_manage": can_manage,
    }


def detail_context(request: PortalRequest, meeting: Meeting, form: DecisionForm | None = None) -> dict[str, Any]:
    can_manage = Capability.MANAGE_RECORDS in request.capabilities
    context = decisions_context(meeting, can_manage=can_manage, form=form)
    context["object"] = meeting
    context["attendees"] = list(meeting.attendees.all())
    tickets = selectors.follow_up_tickets(meeting, tenant_of(request))
    context["tickets_available"] = tickets is not None
    context["tickets"] = list(tickets) if tickets is not None else []
    context["follow_up_url"] = selectors.follow_up_create_url(meeting)
    log_page_read(request, context["attendees"], ("name",))
    return context


class MeetingDetailView(TenantObjectMixin, DetailView):
    model = Meeting
    template_name = "stakeholders/meeting_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("organisations", "attendees", "decisions")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(detail_context(self.portal_request, self.object))
        return context


class MeetingCreateView(AuditedCreateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "stakeholders/meeting_form.html"
    relation_fields = ("organisations", "attendees")

    def get_success_url(self) -> str:
        return reverse("stakeholders:meeting-detail", args=[self.object.pk])


class MeetingUpdateView(MeetingCreateView, AuditedUpdateView):
    pass


class DecisionAddView(TenantObjectMixin, View):
    """POST a decision; htmx gets the decisions fragment back, a plain post the meeting page."""

    model = Meeting
    required_capability = Capability.MANAGE_RECORDS
    http_method_names = ["post"]

    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        meeting = get_object_or_404(meeting_queryset(self.tenant), pk=pk)
        form = DecisionForm(request.POST, tenant=self.tenant)
        valid = form.is_valid()
        if valid:
            services.add_decision(meeting, self.user, text=form.cleaned_data["text"])
            meeting = get_object_or_404(meeting_queryset(self.tenant), pk=pk)  # the prefetched decisions changed
        if request.htmx:
            # htmx swaps only 2xx answers, so errors come back as a 200 fragment.
            context = decisions_context(meeting, can_manage=True, form=None if valid else form)
            return render(request, "stakeholders/_decisions.html", context)
        if not valid:
            context = detail_context(request, meeting, form)
            return render(request, "stakeholders/meeting_detail.html", context, status=400)
        return HttpResponseRedirect(reverse("stakeholders:meeting-detail", args=[pk]) + "#decisions")
