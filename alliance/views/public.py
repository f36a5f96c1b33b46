"""Pages for residents, without login: the card's request form, "+1", and the status page.

A place is found by the unguessable key printed in its card's QR code, a request by its token; both
are looked up across tenants on purpose (the key decides the tenant), and nothing else is shown.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from alliance import actions
from alliance.forms import PublicRequestForm, RatingForm
from alliance.intake import Intake, duplicates_of, file_request, plus_one
from alliance.models import DeskRequest, ServicePlace
from portal.core import ratelimit
from portal.core.client import client_address
from portal.tickets.models import Channel, TicketEvent
from portal.tickets.workflow import Status

RESIDENT = "resident (contact card)"
TOO_MANY = _lazy("Too many requests from this device. Please try again later, or call the number on the card.")


def _resident_allowed(request: HttpRequest, place: ServicePlace) -> bool:
    """One budget per card and device, so a flood from one phone cannot bury a place's desk."""
    ident = f"{place.public_key}:{client_address(request)}"
    return ratelimit.allow("alliance-public", ident, settings.PUBLIC_FORM_RATE)


def _place(key: Any) -> ServicePlace:
    place = ServicePlace.objects.all_tenants().select_related("tenant").filter(public_key=key).first()
    if place is None:
        raise Http404
    return place


def _request(token: Any) -> DeskRequest:
    found = (
        DeskRequest.objects.all_tenants()
        .select_related("ticket", "service_type", "place", "tenant")
        .filter(token=token)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _intake(form: PublicRequestForm, place: ServicePlace) -> Intake:
    data = form.cleaned_data
    return Intake(
        service_type=data["service_type"],
        description=data["description"],
        channel=Channel.CARD_QR,
        place=place,
        address=data["address"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        life_risk=data["life_risk"],
        requester_name=data["requester_name"],
        requester_phone=data["requester_phone"],
        notify_channel="sms" if data["sms_updates"] else "",
        notify_address=data["requester_phone"] if data["sms_updates"] else "",
    )


class PublicRequestView(View):
    template_name = "alliance/public_form.html"

    def get(self, request: HttpRequest, key: Any) -> HttpResponse:
        place = _place(key)
        return self._page(request, place, PublicRequestForm(tenant=place.tenant))

    def post(self, request: HttpRequest, key: Any) -> HttpResponse:
        place = _place(key)
        form = PublicRequestForm(request.POST, tenant=place.tenant)
        if not _resident_allowed(request, place):
            form.add_error(None, TOO_MANY)
            return self._page(request, place, form, status=429)
        if not form.is_valid():
            return self._page(request, place, form, status=400)
        intake = _intake(form, place)
        if "file_anyway" not in request.POST:
            duplicates = duplicates_of(place.tenant, intake)
            if duplicates:
                return self._page(request, place, form, duplicates=duplicates)
        try:
            filed = file_request(place.tenant, RESIDENT, intake)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
            return self._page(request, place, form, status=400)
        return redirect("alliance:public-status", token=filed.token)

    def _page(self, request: HttpRequest, place: ServicePlace, form: Any, status: int = 200, **extra: Any) -> Any:
        return render(request, self.template_name, {"place": place, "form": form, **extra}, status=status)


class PublicPlusOneView(View):
    def post(self, request: HttpRequest, key: Any, token: Any) -> HttpResponse:
        place = _place(key)
        existing = _request(token)
        if existing.tenant_id != place.tenant_id:
            raise Http404
        if not _resident_allowed(request, place):
            return redirect(f"{_status_url(existing)}?too_many=1")
        plus_one(existing, Channel.CARD_QR)
        return redirect(f"{_status_url(existing)}?plus_one=1")


def _status_url(found: DeskRequest) -> str:
    return reverse("alliance:public-status", kwargs={"token": found.token})


class PublicStatusView(View):
    """What the requester may see: the status and every public note; the rating once it is done."""

    template_name = "alliance/public_status.html"

    def get(self, request: HttpRequest, token: Any) -> HttpResponse:
        return self._page(request, _request(token), RatingForm())

    def post(self, request: HttpRequest, token: Any) -> HttpResponse:
        found = _request(token)
        form = RatingForm(request.POST)
        if form.is_valid():
            try:
                actions.rate(found, form.cleaned_data["satisfaction"], form.cleaned_data["comment"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(_status_url(found))
        return self._page(request, found, form, status=400)

    def _page(self, request: HttpRequest, found: DeskRequest, form: RatingForm, status: int = 200) -> HttpResponse:
        notes = found.ticket.events.filter(public=True, kind=TicketEvent.Kind.STATUS).order_by("created_at", "id")
        can_rate = found.satisfaction is None and found.ticket.status in (Status.RESOLVED, Status.CLOSED)
        context = {
            "found": found,
            "ticket": found.ticket,
            "notes": notes,
            "form": form,
            "can_rate": can_rate,
            "plus_one": "plus_one" in request.GET,
            "too_many": "too_many" in request.GET,
        }
        return render(request, self.template_name, context, status=status)
