"""Open the demo's tickets through the ticket services, so references, SLA due times, status history
and audit records are made exactly as for a ticket opened in the portal.

A ticket is found by its title within the tenant and skipped when it exists.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from portal.accounts.models import User
from portal.demo.data.schema import TicketSpec, UnitSpec
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from portal.tickets.models import Ticket, TicketEvent
from portal.tickets.services import create_ticket, transition


def _coordinate(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def opened_at(spec: TicketSpec, now: datetime) -> datetime:
    """A fixed historical time, or a fixed offset before ``now`` for the tickets that keep the dashboard alive."""
    if spec.opened is not None:
        return spec.opened
    assert spec.days_ago is not None  # TicketSpec guarantees one of the two
    return now - timedelta(days=spec.days_ago)


def _fields(
    spec: TicketSpec, unit: UnitSpec, opened: datetime, people: dict[str, User], orgs: dict[str, Organisation]
) -> dict[str, Any]:
    latitude, longitude = spec.point or (None, None)
    return {
        "programme": unit.programme,
        "kind": spec.kind,
        "category": spec.category,
        "description": spec.description,
        "priority": spec.priority,
        "channel": spec.channel,
        "requester_name": spec.requester_name,
        "requester_phone": spec.requester_phone,
        "address": spec.address,
        "latitude": _coordinate(latitude) if latitude is not None else None,
        "longitude": _coordinate(longitude) if longitude is not None else None,
        "assignee_user": people[spec.assignee] if spec.assignee else None,
        "assignee_org": orgs[spec.assignee_org] if spec.assignee_org else None,
        "due_at": opened + timedelta(hours=spec.due_hours) if spec.due_hours is not None else None,
    }


def _backdate(ticket: Ticket, opened: datetime, step_times: list[datetime]) -> None:
    """Give the ticket and its history the times the data module says they happened.

    ``created_at`` is stamped with the wall clock on insert (``auto_now_add``), whatever ``now`` the
    services were given; a ticket opened in 2021 must also say so, or its history and resolution times
    make no sense. The audit trail's change records keep their real time: they record when the demo
    loader wrote the rows.
    """
    if not step_times:
        Ticket.objects.for_tenant(ticket.tenant).filter(pk=ticket.pk).update(created_at=opened, updated_at=opened)
    else:
        Ticket.objects.for_tenant(ticket.tenant).filter(pk=ticket.pk).update(created_at=opened)
    status_times = iter(step_times)
    for event_id, kind in ticket.events.order_by("id").values_list("id", "kind"):
        at = next(status_times) if kind == TicketEvent.Kind.STATUS else opened
        TicketEvent.objects.for_tenant(ticket.tenant).filter(pk=event_id).update(created_at=at)


def load_ticket(
    tenant: Tenant,
    unit: UnitSpec,
    spec: TicketSpec,
    people: dict[str, User],
    orgs: dict[str, Organisation],
    now: datetime,
) -> Ticket:
    opened = opened_at(spec, now)
    ticket = create_ticket(
        tenant, people[spec.opened_by], title=spec.title, now=opened, **_fields(spec, unit, opened, people, orgs)
    )
    step_times: list[datetime] = []
    for step in spec.steps:
        at = opened + timedelta(hours=step.after_hours)
        transition(ticket, step.status, people[step.actor], step.note, now=at)
        step_times.append(at)
    _backdate(ticket, opened, step_times)
    return ticket


def load_tickets(
    tenant: Tenant,
    unit: UnitSpec,
    people: dict[str, User],
    orgs: dict[str, Organisation],
    now: datetime,
    tally: Counter[str],
) -> None:
    titles = set(Ticket.objects.for_tenant(tenant).values_list("title", flat=True))
    # In the order they were opened, so the monthly reference numbers count up with time.
    for spec in sorted(unit.tickets, key=lambda t: opened_at(t, now)):
        if spec.title in titles:
            continue
        load_ticket(tenant, unit, spec, people, orgs, now)
        tally["tickets.Ticket"] += 1
