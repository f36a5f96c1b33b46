"""GeoReport v2 endpoints. The format is the path suffix (``.json`` / ``.xml``); every error is a
list of ``{code, description}``: 404 for an unknown jurisdiction, service or request, 403 for a
missing or bad ``api_key``, 400 for everything else."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alliance.intake import DESCRIPTION_MAX_LENGTH, Intake, file_request
from alliance.models import DeskRequest, ServicePlace, ServiceType
from alliance.open311 import params, serialise
from alliance.open311.params import Open311Error
from alliance.open311.render import error, respond
from portal.api.authentication import ApiClient
from portal.tickets.models import Channel
from portal.tickets.workflow import OPEN_STATUSES

View = Callable[..., HttpResponse]


def open311(view: View) -> View:
    """Turn ``Open311Error`` and validation errors into the spec's error list, in the asked format."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, fmt: str = "json", **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, *exc.descriptions)
        except ValidationError as exc:
            return error(fmt, 400, *exc.messages)

    return wrapped


@require_http_methods(["GET"])
@open311
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": "2021-12-31T00:00:00+08:00",
        "contact": _("Public-service alliance desk; ask your unit for an api_key to post requests."),
        "key_service": _("Partner API keys are issued by each unit's administrator."),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2021-12-31T00:00:00+08:00",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return respond(fmt, "discovery", data)


@require_http_methods(["GET"])
@open311
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    tenant = params.jurisdiction(request.GET)
    assert tenant is not None
    kinds = ServiceType.objects.for_tenant(tenant).filter(active=True).prefetch_related("attributes")
    return respond(fmt, "services", [serialise.service(k) for k in kinds])


@require_http_methods(["GET"])
@open311
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    tenant = params.jurisdiction(request.GET)
    assert tenant is not None
    return respond(fmt, "service_definition", serialise.definition(params.service_type(tenant, code)))


def _requests(tenant: Any) -> Any:
    return DeskRequest.objects.for_tenant(tenant).select_related(
        "ticket__assignee_org", "service_type", "place", "tenant"
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post_request(request, fmt)
    tenant = params.jurisdiction(request.GET)
    found = _requests(tenant)
    search = params.search(request.GET, timezone.now())
    if search.ids:
        found = found.filter(ticket__reference__in=search.ids)  # the ids override every other filter
    else:
        found = found.filter(ticket__created_at__gte=search.start, ticket__created_at__lte=search.end)
        if search.codes:
            found = found.filter(service_type__code__in=search.codes)
        if search.statuses == ["open"]:
            found = found.filter(ticket__status__in=OPEN_STATUSES)
        elif search.statuses == ["closed"]:
            found = found.filter(~Q(ticket__status__in=OPEN_STATUSES))
    rows = found.order_by("-ticket__created_at")[: params.MAX_RESULTS]
    return respond(fmt, "service_requests", [serialise.service_request(r) for r in rows])


@require_http_methods(["GET"])
@open311
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    tenant = params.jurisdiction(request.GET)
    found = _requests(tenant).filter(ticket__reference=request_id).first()
    if found is None:
        raise Open311Error(404, _("service_request_id not found."))
    return respond(fmt, "service_requests", [serialise.service_request(found)])


@require_http_methods(["GET"])
@open311
def token(request: HttpRequest, token_id: str, fmt: str) -> HttpResponse:
    tenant = params.jurisdiction(request.GET)
    found = _requests(tenant).filter(token=token_id).first() if _is_uuid(token_id) else None
    if found is None:
        raise Open311Error(404, _("token not found."))
    return respond(fmt, "service_requests", [{"service_request_id": found.ticket.reference, "token": str(found.token)}])


def _place(tenant: Any, address_id: str) -> ServicePlace | None:
    if not address_id:
        return None
    place = (
        ServicePlace.objects.for_tenant(tenant).filter(public_key=address_id).first() if _is_uuid(address_id) else None
    )
    if place is None:
        raise Open311Error(400, _("address_id is not one of this jurisdiction's places."))
    return place


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _intake(data: Any, tenant: Any) -> Intake:
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code was not provided."))
    kind = params.service_type(tenant, code)
    lat, lon = params.coordinate(data, "lat", 90), params.coordinate(data, "long", 180)
    address = data.get("address_string", "").strip()
    place = _place(tenant, data.get("address_id", "").strip())
    if (lat is None) != (lon is None):
        raise Open311Error(400, _("lat and long must be given together."))
    if lat is None and not address and place is None:
        raise Open311Error(400, _("A location was not provided: give lat and long, address_string or address_id."))
    if len(address) > 200:
        raise Open311Error(400, _("address_string is too long (at most 200 characters)."))
    description = data.get("description", "").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise Open311Error(
            400, _("description is too long (at most %(n)d characters).") % {"n": DESCRIPTION_MAX_LENGTH}
        )
    name = f"{data.get('last_name', '').strip()}{data.get('first_name', '').strip()}"[:60]
    email, phone = data.get("email", "").strip()[:120], data.get("phone", "").strip()[:30]
    return Intake(
        service_type=kind,
        description=description or kind.name,
        channel=Channel.OPEN311,
        place=place,
        address=address,
        latitude=lat,
        longitude=lon,
        requester_name=name,
        requester_phone=phone,
        notify_channel="email" if email else ("sms" if phone else ""),
        notify_address=email or phone,
        attributes=params.attributes(kind, data),
    )


def _post_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    key = params.api_key(data)
    tenant = params.jurisdiction(data, required=False) or key.tenant
    if tenant.pk != key.tenant_id:
        raise Open311Error(403, _("api_key is not valid for this jurisdiction_id."))
    desk_request = file_request(tenant, ApiClient(key), _intake(data, tenant))
    answer = {
        "service_request_id": desk_request.ticket.reference,
        "token": str(desk_request.token),
        "service_notice": "",
        "account_id": data.get("account_id", "")[:60],
    }
    return respond(fmt, "service_requests", [answer], status=201)


@open311
def not_found(request: HttpRequest, path: str = "", fmt: str = "json") -> HttpResponse:
    fmt = "xml" if path.endswith(".xml") else "json"
    return error(fmt, 404, _("There is no such GeoReport v2 resource."))
