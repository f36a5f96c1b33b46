"""The relative side: accept an invitation, the one mobile page for their person, "I have contacted them"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from careband.forms import JoinForm
from careband.models import CareCode, CareSubject
from careband.services import invitations
from careband.services.access import relative_subjects
from portal.core.types import PortalRequest, tenant_of


def _mine(request: PortalRequest) -> Any:
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        raise Http404
    return relative_subjects(tenant, request.user)


class MyPersonView(LoginRequiredMixin, View):
    def get(self, request: PortalRequest) -> HttpResponse:
        people = list(_mine(request))
        codes = {c.subject_id: c for c in CareCode.objects.for_tenant(tenant_of(request)).filter(subject__in=people)}
        rows = [{"subject": p, "code": codes.get(p.pk)} for p in people]
        return render(request, "careband/relative.html", {"rows": rows})


class ContactedView(LoginRequiredMixin, View):
    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        subject: CareSubject = get_object_or_404(_mine(request), pk=pk)
        invitations.confirm_contacted(subject, request.user)
        messages.success(request, _("Thank you: we noted that you have contacted them."))
        return redirect("careband:mine")


class JoinView(LoginRequiredMixin, View):
    def get(self, request: PortalRequest, code: str = "") -> HttpResponse:
        return render(request, "careband/join.html", {"form": JoinForm(initial={"code": code})})

    def post(self, request: PortalRequest, code: str = "") -> HttpResponse:
        form = JoinForm(request.POST)
        if form.is_valid():
            try:
                invitations.accept(form.cleaned_data["code"], request.user)
            except ValidationError as exc:
                form.add_error("code", exc.message_dict.get("code", exc.messages))
            else:
                return redirect("careband:mine")
        return render(request, "careband/join.html", {"form": form}, status=400)
