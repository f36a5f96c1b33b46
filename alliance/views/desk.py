"""The request desk for staff: the queue, entry on a caller's behalf, and the actions on a request."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

from alliance import actions
from alliance.forms import DeskEntryForm, JointVisitForm, NotOursForm, StatusForm
from alliance.intake import Intake, duplicates_of, file_request, plus_one
from alliance.models import DeskRequest
from portal.core.types import PortalRequest
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.tenancy.roles import Capability
from portal.tickets.models import Ticket
from portal.tickets.services import allowed_transitions
from portal.tickets.workflow import OPEN_STATUSES


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class DeskListView(TenantObjectMixin, ListView):
    """The queue, overdue first when asked; an overdue request shows a badge."""

    model = DeskRequest
    paginate_by = 25
    template_name = "alliance/desk_list.html"

    def get_queryset(self) -> QuerySet[DeskRequest]:
        rows = super().get_queryset().select_related("ticket__assignee_org", "service_type", "place")
        if self.request.GET.get("overdue") == "true":
            overdue = Ticket.objects.for_tenant(self.tenant).overdue(timezone.now()).values("pk")
            rows = rows.filter(ticket_id__in=overdue)
        if self.request.GET.get("open") == "true":
            rows = rows.filter(ticket__status__in=OPEN_STATUSES)
        return rows.order_by("-ticket__created_at")


class DeskEntryView(TenantRequiredMixin, View):
    """A request taken by phone or from a WeChat group; the desk suggests duplicates before filing."""

    required_capability = Capability.CREATE_TICKETS
    template_name = "alliance/desk_entry.html"

    def get(self, request: PortalRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": DeskEntryForm(tenant=self.tenant)})

    def post(self, request: PortalRequest) -> HttpResponse:
        form = DeskEntryForm(request.POST, tenant=self.tenant)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        intake = Intake(
            service_type=data["service_type"],
            description=data["description"],
            channel=data["channel"],
            place=data["place"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            life_risk=data["life_risk"],
            requester_name=data["requester_name"],
            requester_phone=data["requester_phone"],
            notify_channel="sms" if data["sms_updates"] and data["requester_phone"] else "",
            notify_address=data["requester_phone"] if data["sms_updates"] else "",
        )
        if "file_anyway" not in request.POST:
            duplicates = duplicates_of(self.tenant, intake)
            if duplicates:
                return render(request, self.template_name, {"form": form, "duplicates": duplicates})
        try:
            filed = file_request(self.tenant, self.user, intake)
        except ValidationError as exc:
            form.add_error(None, exc)
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(request, _("Request %(ref)s filed.") % {"ref": filed.ticket.reference})
        return redirect("alliance:desk-detail", pk=filed.pk)


class DeskPlusOneView(TenantObjectMixin, View):
    model = DeskRequest
    required_capability = Capability.CREATE_TICKETS

    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        found = get_object_or_404(self.get_queryset(), pk=pk)
        count = plus_one(found, request.POST.get("channel", "hotline"))
        messages.success(request, _("Counted: %(n)d others reported the same.") % {"n": count})
        return redirect("alliance:desk-detail", pk=found.pk)


class DeskDetailView(TenantObjectMixin, DetailView):
    model = DeskRequest
    template_name = "alliance/desk_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("ticket__assignee_org", "service_type", "place", "lead_member")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        found: DeskRequest = self.object
        context.update(
            ticket=found.ticket,
            status_form=_status_form(found, self.capabilities),
            not_ours_form=NotOursForm(tenant=self.tenant),
            joint_form=JointVisitForm(tenant=self.tenant),
            events=found.ticket.events.all(),
            children=found.ticket.children.select_related("assignee_org"),
            can_work=self.can(Capability.WORK_TICKETS),
            notifications=found.notifications.select_related("delivery"),
        )
        return context


def _status_form(found: DeskRequest, capabilities: frozenset[str], data: Any = None) -> StatusForm:
    choices = [(t.target, str(t.label)) for t in allowed_transitions(found.ticket, capabilities)]
    form = StatusForm(data, tenant=found.tenant, choices=choices)
    form.fields["canned"].queryset = form.fields["canned"].queryset.filter(  # type: ignore[attr-defined]
        service_type__in=[found.service_type]
    ) | form.fields["canned"].queryset.filter(service_type__isnull=True)  # type: ignore[attr-defined]
    return form


class _DeskAction(TenantObjectMixin, View):
    """A POST on one request (another tenant's request is a 404 before the capability is looked at)."""

    model = DeskRequest
    required_capability = Capability.WORK_TICKETS

    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        found = get_object_or_404(self.get_queryset().select_related("ticket", "service_type"), pk=pk)
        try:
            self.act(request, found)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect("alliance:desk-detail", pk=found.pk)

    def act(self, request: PortalRequest, found: DeskRequest) -> None:
        raise NotImplementedError


class DeskStatusView(_DeskAction):
    def act(self, request: PortalRequest, found: DeskRequest) -> None:
        capabilities = request.capabilities
        form = _status_form(found, capabilities, request.POST)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        actions.change_status(
            found,
            form.cleaned_data["to_status"],
            self.user,
            form.note_text(),
            capabilities=capabilities,
            one_visit=form.cleaned_data["one_visit"],
        )
        messages.success(request, _("Status changed; the requester can see the note."))


class DeskNotOursView(_DeskAction):
    def act(self, request: PortalRequest, found: DeskRequest) -> None:
        form = NotOursForm(request.POST, tenant=found.tenant)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        actions.not_ours(found, self.user, form.cleaned_data["reason"], form.cleaned_data["to_member"])
        messages.success(request, _("Passed on to %(member)s.") % {"member": form.cleaned_data["to_member"]})


class DeskJointVisitView(_DeskAction):
    def act(self, request: PortalRequest, found: DeskRequest) -> None:
        form = JointVisitForm(request.POST, tenant=found.tenant)
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        children = actions.joint_visit(found, self.user, list(form.cleaned_data["members"]), form.cleaned_data["lead"])
        messages.success(request, _("Joint visit: %(n)d member tasks opened.") % {"n": len(children)})
