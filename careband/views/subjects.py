"""The subject page (a year of codes and consumption), enrolment (one or from a list), consent, pause, invitations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from careband import charts, history
from careband.enrolment import enrol_file
from careband.forms import EnrolUploadForm, InviteForm, PauseForm, SubjectForm
from careband.models import CareCode, CareSubject
from careband.services import invitations, subjects
from careband.views.common import CareMixin
from portal.audit.actions import record_personal_read
from portal.tenancy.roles import Capability


class SubjectDetailView(CareMixin, TemplateView):
    url_objects = {"pk": CareSubject}
    template_name = "careband/subject_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        subject = get_object_or_404(self.subjects().select_related("grid"), pk=kwargs["pk"])
        record_personal_read(
            self.tenant,
            CareSubject,
            [subject.pk],
            ["name", "phone", "address", "id_number"],
            actor=self.user,
            channel="web",
            masked=False,
            path=self.request.path,
        )
        code = CareCode.objects.for_tenant(self.tenant).filter(subject=subject).first()
        context.update(subject=subject, code=code, can_manage=self.can(Capability.MANAGE_RECORDS))
        context["pause_form"] = PauseForm(initial={"paused_until": subject.paused_until})
        context["invite_form"] = InviteForm()
        context["alerts"] = subject.alerts.select_related("ticket").order_by("-created_at")[:10]
        if subject.consenting:  # withdrawal hides the history
            end = code.day if code else timezone.localdate() - timedelta(days=1)
            days = history.read_subject(self.tenant.pk, subject.pk, end, charts.HISTORY_DAYS)
            context["calendar"] = charts.subject_calendar(days)
            context["consumption"] = charts.subject_consumption(days)
        return context


class SubjectCreateView(CareMixin, FormView):
    required_capability = Capability.MANAGE_RECORDS
    template_name = "careband/subject_form.html"
    form_class = SubjectForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "tenant": self.tenant}

    def form_valid(self, form: SubjectForm) -> HttpResponse:
        try:
            subject = subjects.enrol(self.tenant, self.user, form.save(commit=False), form.cleaned_data["meters"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return redirect("careband:subject", pk=subject.pk)


class EnrolUploadView(CareMixin, FormView):
    required_capability = Capability.MANAGE_RECORDS
    template_name = "careband/enrol.html"
    form_class = EnrolUploadForm

    def form_valid(self, form: EnrolUploadForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        result = enrol_file(self.tenant, self.user, upload.name, upload.read())
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, problems=result.problems), status=400)
        messages.success(self.request, _("%(n)d subjects enrolled.") % {"n": result.created})
        return redirect("careband:board")


class SubjectActionView(CareMixin, View):
    required_capability = Capability.MANAGE_RECORDS
    url_objects = {"pk": CareSubject}

    def subject(self, pk: int) -> CareSubject:
        return get_object_or_404(self.subjects(), pk=pk)

    def back(self, subject: CareSubject) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("careband:subject", args=[subject.pk]))


class WithdrawConsentView(SubjectActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subject = self.subject(pk)
        subjects.withdraw_consent(subject, self.user)
        messages.success(request, _("Consent withdrawn: scoring stopped and the history is hidden."))
        return self.back(subject)


class PauseView(SubjectActionView):
    required_capability = Capability.WORK_TICKETS

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subject = self.subject(pk)
        form = PauseForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            subjects.pause(subject, self.user, form.cleaned_data["paused_until"], form.cleaned_data["pause_reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponse(" ".join(exc.messages), status=400)
        return self.back(subject)


class InviteView(SubjectActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subject = self.subject(pk)
        form = InviteForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors.as_text())
            invitation = invitations.invite(subject, self.user, form.cleaned_data["relationship"])
        except ValidationError as exc:
            return HttpResponse(" ".join(exc.messages), status=400)
        link = request.build_absolute_uri(reverse("careband:join-code", args=[invitation.code]))
        messages.success(
            request, _("Invitation code %(code)s (link: %(link)s)") % {"code": invitation.code, "link": link}
        )
        return self.back(subject)
