"""Ticket pages. Thin: scoping and capability checks come from the base mixins, every change from
``services``. Another tenant's ticket is simply not in the queryset (404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View

from portal.audit.actions import record_personal_read
from portal.audit.masking import mask
from portal.audit.models import PersonalDataAccess
from portal.core.types import PortalRequest
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.jobs.runner import enqueue
from portal.tenancy.roles import Capability
from portal.tickets import services
from portal.tickets.filters import SORTS, TicketFilterSet, sort_tickets
from portal.tickets.forms import (
    AttachmentForm,
    ChildTicketsForm,
    CommentForm,
    TicketCreateForm,
    TicketEditForm,
    TransitionForm,
)
from portal.tickets.models import Attachment, Ticket

EXPORT_FORMATS = ("csv", "xlsx")


class TicketListView(TenantObjectMixin, ListView):
    model = Ticket
    paginate_by = 25
    template_name = "tickets/ticket_list.html"

    def get_queryset(self) -> Any:
        queryset = super().get_queryset().select_related("assignee_user", "assignee_org")
        self.filterset = TicketFilterSet(self.request.GET or None, queryset=queryset, request=self.request)
        return sort_tickets(self.filterset.qs, self.request.GET.get("sort"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.filterset.form,
            sorts=[(key, label) for key, (label, _order) in SORTS.items()],
            sort=self.request.GET.get("sort", ""),
            can_create=self.can(Capability.CREATE_TICKETS),
            can_export=self.can(Capability.RUN_JOBS),
        )
        return context


class TicketCreateView(TenantObjectMixin, CreateView):
    model = Ticket
    form_class = TicketCreateForm
    template_name = "tickets/ticket_form.html"
    required_capability = Capability.CREATE_TICKETS

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            ticket = services.create_ticket(self.tenant, self.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Ticket %(reference)s was created.") % {"reference": ticket.reference})
        return redirect(ticket)


class TicketEditView(TenantObjectMixin, UpdateView):
    model = Ticket
    form_class = TicketEditForm
    template_name = "tickets/ticket_form.html"
    required_capability = Capability.WORK_TICKETS

    def form_valid(self, form: Any) -> HttpResponse:
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            ticket = services.update_ticket(self.object, self.user, changes)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The ticket was saved."))
        return redirect(ticket)


# --- the detail page and the actions posted from it ----------------------------------------------


class TicketDetailView(TenantObjectMixin, DetailView):
    model = Ticket
    template_name = "tickets/ticket_detail.html"
    object: Ticket

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("owner", "assignee_user", "assignee_org", "parent")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        self._log_personal_read()
        return response

    def _log_personal_read(self) -> None:
        shown = [name for name in Ticket.personal_fields if getattr(self.object, name)]
        record_personal_read(
            self.tenant,
            Ticket,
            [self.object.pk] if shown else [],
            shown,
            actor=self.user,
            channel=PersonalDataAccess.Channel.WEB,
            masked=not self.can(Capability.SEE_PERSONAL_DATA),
            path=self.request.get_full_path(),
        )

    def requester(self) -> list[tuple[str, str]]:
        show = self.can(Capability.SEE_PERSONAL_DATA)
        rows = []
        for name, kind in Ticket.personal_fields.items():
            value = getattr(self.object, name)
            label = services.field_label(name)
            rows.append((label, value if show else (mask(kind, value) or "")))
        return rows

    def panel_context(self, **overrides: Any) -> dict[str, Any]:
        """What the status panel and the timeline need (also rendered alone for htmx)."""
        ticket = self.object
        staff = self.can(Capability.WORK_TICKETS)
        events = ticket.events.select_related("actor")
        return {
            "ticket": ticket,
            "transitions": services.allowed_transitions(ticket, self.capabilities),
            "transition_form": overrides.pop("transition_form", None) or TransitionForm(),
            "sla": ticket.sla_state,
            "events": events if staff else events.filter(public=True),
            **overrides,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ticket = self.object
        staff = self.can(Capability.WORK_TICKETS)
        context = super().get_context_data(**kwargs)
        comments = ticket.comments.select_related("author")
        context.update(
            self.panel_context(transition_form=kwargs.get("transition_form")),
            requester=self.requester(),
            comments=comments if staff else comments.filter(internal=False),
            attachments=ticket.attachments.all(),
            children=ticket.children.select_related("assignee_user", "assignee_org"),
            subject=self.subject(),
            can_work=staff,
            comment_form=kwargs.get("comment_form") or CommentForm(),
            attachment_form=kwargs.get("attachment_form") or AttachmentForm(),
            children_form=kwargs.get("children_form") or ChildTicketsForm(tenant=self.tenant),
        )
        return context

    def subject(self) -> Any:
        """The programme record the ticket is about, if it still exists and is in this tenant."""
        if not self.object.subject_type_id:
            return None
        subject = self.object.subject
        if subject is None or getattr(subject, "tenant_id", self.tenant.pk) != self.tenant.pk:
            return None
        return subject

    def invalid(self, status: int = 400, **forms: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**forms), status=status)


class _TicketActionView(TicketDetailView):
    """A POST from the detail page. Success redirects back; bad input re-renders the page with the error."""

    required_capability = Capability.WORK_TICKETS
    http_method_names = ["post"]

    def post(self, request: PortalRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.act(request)

    def act(self, request: PortalRequest) -> HttpResponse:
        raise NotImplementedError


class TicketTransitionView(_TicketActionView):
    def act(self, request: PortalRequest) -> HttpResponse:
        form = TransitionForm(request.POST)
        if form.is_valid():
            try:
                services.transition(
                    self.object,
                    form.cleaned_data["to_status"],
                    self.user,
                    form.cleaned_data["note"],
                    public=form.cleaned_data["public"],
                    capabilities=request.capabilities,
                )
            except ValidationError as exc:
                form.add_error(None, exc)  # a note error lands on the note field, the rest above the buttons
        if request.htmx:
            # htmx swaps only 2xx answers; the fragment carries the error when there is one.
            panel = self.panel_context(transition_form=form if form.errors else None, oob=True)
            return render(request, "tickets/_status_panel.html", panel)
        if form.errors:
            return self.invalid(transition_form=form)
        messages.success(request, _("The status is now “%(status)s”.") % {"status": self.object.get_status_display()})
        return redirect(self.object)


class TicketCommentView(_TicketActionView):
    def act(self, request: PortalRequest) -> HttpResponse:
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.add_comment(
                    self.object, request.user, form.cleaned_data["body"], internal=form.cleaned_data["internal"]
                )
            except ValidationError as exc:
                form.add_error("body", exc.messages)
        if form.errors:
            return self.invalid(comment_form=form)
        messages.success(request, _("Your comment was added."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#comments")


class TicketAttachmentUploadView(_TicketActionView):
    def act(self, request: PortalRequest) -> HttpResponse:
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_attachment(self.object, request.user, form.cleaned_data["file"])
            except ValidationError as exc:
                form.add_error("file", exc.messages)
        if form.errors:
            return self.invalid(attachment_form=form)
        messages.success(request, _("The file was attached."))
        return HttpResponseRedirect(self.object.get_absolute_url() + "#attachments")


class TicketChildrenView(_TicketActionView):
    def act(self, request: PortalRequest) -> HttpResponse:
        form = ChildTicketsForm(request.POST, tenant=self.tenant)
        if form.is_valid():
            try:
                created = services.create_child_tickets(self.object, form.cleaned_data["organisations"], self.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
        if form.errors:
            return self.invalid(children_form=form)
        messages.success(request, _("%(n)d child tickets were created.") % {"n": len(created)})
        return HttpResponseRedirect(self.object.get_absolute_url() + "#children")


class AttachmentDownloadView(TenantRequiredMixin, View):
    """The only way to an attachment: found through the tenant's ticket, never a public media URL."""

    url_objects = {"pk": Ticket, "attachment_pk": Attachment}

    def get(self, request: PortalRequest, pk: int, attachment_pk: int) -> FileResponse:
        attachment = get_object_or_404(
            Attachment.objects.for_tenant(self.tenant).filter(ticket_id=pk), pk=attachment_pk
        )
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class TicketExportView(TenantRequiredMixin, View):
    """Queue ``tickets.export`` for the list's current filters and answer with its progress bar."""

    required_capability = Capability.RUN_JOBS

    def post(self, request: PortalRequest) -> HttpResponse:
        filterset = TicketFilterSet(request.POST, queryset=Ticket.objects.none(), request=request)
        fmt = request.POST.get("format", "csv")
        if not filterset.is_valid() or fmt not in EXPORT_FORMATS:
            messages.error(request, _("The export could not start: check the filters."))
            return redirect("tickets:list")
        params = {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "")}
        with transaction.atomic():
            run = enqueue(
                "tickets.export",
                self.tenant,
                requested_by=request.user,
                filters={k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()},
                format=fmt,
                language=get_language(),
            )
        if request.htmx:
            return render(request, "jobs/_progress.html", {"object": run})
        return redirect("jobs:detail", run.pk)
