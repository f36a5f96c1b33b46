"""GeoReport v2 field names for our rows: services, definitions and service requests."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from alliance.clocks import SHANGHAI
from alliance.models import DeskRequest, ServiceAttribute, ServiceType
from portal.audit.masking import mask
from portal.tickets.models import TicketEvent
from portal.tickets.workflow import OPEN_STATUSES


def iso(value: datetime | None) -> str | None:
    """W3C date and time with the offset, in China Standard Time."""
    return timezone.localtime(value, SHANGHAI).isoformat(timespec="seconds") if value else None


def service(kind: ServiceType) -> dict[str, Any]:
    return {
        "service_code": kind.code,
        "service_name": kind.name,
        "description": kind.description,
        "metadata": kind.attributes.exists(),
        "type": "realtime",
        "keywords": kind.keywords,
        "group": kind.get_utility_display(),
    }


def attribute(row: ServiceAttribute) -> dict[str, Any]:
    return {
        "variable": True,
        "code": row.code,
        "datatype": row.datatype,
        "required": row.required,
        "datatype_description": "",
        "order": row.order,
        "description": row.description,
        "values": [{"key": v.get("key", ""), "name": v.get("name", "")} for v in row.values if isinstance(v, dict)],
    }


def definition(kind: ServiceType) -> dict[str, Any]:
    return {"service_code": kind.code, "attributes": [attribute(a) for a in kind.attributes.all()]}


def open311_status(status: str) -> str:
    """The desk's eight statuses fold into GeoReport's two: anything still being worked on is open."""
    return "open" if status in OPEN_STATUSES else "closed"


def _rounded(value: Decimal | None) -> float | None:
    # Three decimals (~100 m): enough to show where, not which door.
    return float(value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)) if value is not None else None


def status_notes(request: DeskRequest) -> str:
    last = (
        TicketEvent.objects.for_tenant(request.tenant)
        .filter(ticket_id=request.ticket_id, public=True, kind=TicketEvent.Kind.STATUS)
        .exclude(note="")
        .order_by("-created_at", "-id")
        .values_list("note", flat=True)
        .first()
    )
    return last or ""


def service_request(request: DeskRequest) -> dict[str, Any]:
    ticket = request.ticket
    return {
        "service_request_id": ticket.reference,
        "status": open311_status(ticket.status),
        "status_notes": status_notes(request),
        "service_name": request.service_type.name,
        "service_code": request.service_type.code,
        "description": ticket.description,
        "agency_responsible": str(ticket.assignee_org) if ticket.assignee_org_id else "",
        "service_notice": "",
        "requested_datetime": iso(ticket.created_at),
        "updated_datetime": iso(ticket.updated_at),
        "expected_datetime": iso(ticket.due_at),
        # The public list shows where, masked like any partner view of personal data.
        "address": mask("address", ticket.address) or "",
        "address_id": str(request.place.public_key) if request.place_id and request.place else "",
        "zipcode": "",
        "lat": _rounded(ticket.latitude),
        "long": _rounded(ticket.longitude),
        "media_url": "",
    }
