"""Taking a request in: routing, the clocks, duplicate suggestion and "+1".

Every intake (the card's mobile form, staff entry on a caller's behalf, Open311) calls
``file_request``; it validates, routes, opens the core ticket with the alliance's clocks (both due
times written with the ticket) and writes the desk row, all in one transaction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance import clocks
from alliance.models import DeskRequest, Member, PlaceContact, PlusOne, ServicePlace, ServiceType
from portal.audit.actions import save_audited
from portal.core.types import Actor
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from portal.tickets.models import Kind, Priority
from portal.tickets.workflow import OPEN_STATUSES

PROGRAMME = "alliance"
DESCRIPTION_MAX_LENGTH = 1000
DUPLICATE_RADIUS_METRES = 300
DUPLICATE_WINDOW = timedelta(days=7)


@dataclass
class Intake:
    """What a requester told us, from whichever channel."""

    service_type: ServiceType
    description: str
    channel: str
    place: ServicePlace | None = None
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    life_risk: bool = False
    requester_name: str = ""
    requester_phone: str = ""
    notify_channel: str = ""
    notify_address: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)


def route(service_type: ServiceType, place: ServicePlace | None) -> Member:
    """The member who answers for this type at this place: the place's contact for the type's utility
    when there is one (a park may be served by another company than the town), else the type's member."""
    if place is not None:
        contact = (
            PlaceContact.objects.for_tenant(service_type.tenant)
            .filter(place=place, member__utility=service_type.utility)
            .select_related("member__organisation")
            .first()
        )
        if contact is not None:
            return contact.member
    return service_type.member


def _check(tenant: Tenant, intake: Intake) -> None:
    errors: dict[str, str] = {}
    description = intake.description.strip()
    if not description:
        errors["description"] = _("Describe the problem.")
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("The description is too long (at most %(n)d characters).") % {
            "n": DESCRIPTION_MAX_LENGTH
        }
    if intake.service_type.tenant_id != tenant.pk or not intake.service_type.active:
        errors["service_type"] = _("Choose one of the listed service types.")
    if intake.place is not None and intake.place.tenant_id != tenant.pk:
        errors["place"] = _("Choose one of the listed places.")
    has_point = intake.latitude is not None and intake.longitude is not None
    if intake.place is None and not intake.address.strip() and not has_point:
        errors["address"] = _("Say where the problem is: an address or a point on the map.")
    if errors:
        raise ValidationError(errors)


def _title(intake: Intake) -> str:
    where = intake.place.name if intake.place is not None else intake.address.strip()
    return f"{intake.service_type.name} · {where}"[:200] if where else intake.service_type.name


def file_request(tenant: Tenant, actor: Actor, intake: Intake, *, now: datetime | None = None) -> DeskRequest:
    """Open the ticket (routed, with the type's clocks) and its desk row; raises ``ValidationError``."""
    _check(tenant, intake)
    now = now or timezone.now()
    kind = intake.service_type
    life_risk = intake.life_risk or kind.life_risk
    member = route(kind, intake.place)
    place = intake.place
    with transaction.atomic():
        ticket = tickets.create_ticket(
            tenant,
            actor,
            title=_title(intake),
            now=now,
            description=intake.description.strip(),
            programme=PROGRAMME,
            kind=Kind.REQUEST,
            category=kind.code,
            priority=Priority.URGENT if life_risk else Priority.NORMAL,
            channel=intake.channel,
            assignee_org=member.organisation,
            requester_name=intake.requester_name.strip(),
            requester_phone=intake.requester_phone.strip(),
            address=(intake.address.strip() or (place.address if place else ""))[:200],
            latitude=intake.latitude if intake.latitude is not None else (place.latitude if place else None),
            longitude=intake.longitude if intake.longitude is not None else (place.longitude if place else None),
            terms=clocks.terms(kind, life_risk),
        )
        request = DeskRequest(
            tenant=tenant,
            ticket=ticket,
            service_type=kind,
            place=place,
            lead_member=member,
            life_risk=life_risk,
            attributes=intake.attributes,
            notify_channel=intake.notify_channel if intake.notify_address.strip() else "",
            notify_address=intake.notify_address.strip() if intake.notify_channel else "",
        )
        request.full_clean(exclude=["ticket"])
        save_audited(request, actor)
    return request


# --- duplicates and "+1" ---------------------------------------------------------------------------


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); plenty precise over a few hundred metres."""
    radius = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def _near(request: DeskRequest, place: ServicePlace | None, point: tuple[float, float] | None) -> bool:
    if place is not None and request.place_id == place.pk:
        return True
    ticket = request.ticket
    if point is None or ticket.latitude is None or ticket.longitude is None:
        return False
    distance = distance_metres(point[0], point[1], float(ticket.latitude), float(ticket.longitude))
    return distance <= DUPLICATE_RADIUS_METRES


def find_duplicates(
    tenant: Tenant,
    service_type: ServiceType,
    place: ServicePlace | None = None,
    point: tuple[float, float] | None = None,
    *,
    now: datetime | None = None,
) -> list[DeskRequest]:
    """Open requests of the same type, filed in the last 7 days, at the same place or within 300 m."""
    now = now or timezone.now()
    candidates = (
        DeskRequest.objects.for_tenant(tenant)
        .filter(service_type=service_type, ticket__created_at__gte=now - DUPLICATE_WINDOW, ticket__parent__isnull=True)
        .filter(ticket__status__in=OPEN_STATUSES)
        .select_related("ticket", "place")
        .order_by("-ticket__created_at")
    )
    return [r for r in candidates if _near(r, place, point)]


def duplicates_of(tenant: Tenant, intake: Intake) -> list[DeskRequest]:
    """The requests a new intake may repeat: what the desk and the card form offer "+1" on."""
    point = None
    if intake.latitude is not None and intake.longitude is not None:
        point = (float(intake.latitude), float(intake.longitude))
    return find_duplicates(tenant, intake.service_type, intake.place, point)


def plus_one(request: DeskRequest, channel: str) -> int:
    """Count another report of the same problem; returns the new count. One atomic increment."""
    with transaction.atomic():
        DeskRequest.objects.for_tenant(request.tenant).filter(pk=request.pk).update(supporters=F("supporters") + 1)
        PlusOne.objects.create(tenant_id=request.tenant_id, request=request, channel=channel[:10])
        count: int = (
            DeskRequest.objects.for_tenant(request.tenant).values_list("supporters", flat=True).get(pk=request.pk)
        )
    return count
