"""The grid worker's phone page for one alert: acknowledge, then record the visit (closes the alert)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from careband.forms import VisitForm
from careband.models import CareAlert
from careband.services import alerts
from careband.views.common import CareMixin
from portal.tenancy.roles import Capability


class AlertVisitView(CareMixin, View):
    required_capability = Capability.WORK_TICKETS
    url_objects = {"pk": CareAlert}
    template_name = "careband/alert_visit.html"

    def alert(self, pk: int) -> CareAlert:
        found = CareAlert.objects.for_tenant(self.tenant).filter(subject__in=self.subjects())
        return get_object_or_404(found.select_related("subject", "ticket"), pk=pk)

    def show(self, alert: CareAlert, form: VisitForm, status: int = 200) -> HttpResponse:
        context: dict[str, Any] = {"alert": alert, "form": form, "sla": alert.ticket.sla_state}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.show(self.alert(pk), VisitForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        alert = self.alert(pk)
        if "acknowledge" in request.POST:
            try:
                alerts.acknowledge(alert, self.user, self.capabilities)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("careband:alert-visit", pk=alert.pk)
        form = VisitForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.show(alert, form, status=400)
        try:
            alerts.record_visit(
                alert,
                self.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                photo=form.cleaned_data.get("photo"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.show(alert, form, status=400)
        messages.success(request, _("Visit recorded; the alert is closed."))
        return redirect("careband:alerts")
