"""Writing a ticket's history. Every service that changes a ticket calls ``record_event``."""

from __future__ import annotations

from typing import Any, TypeGuard

from portal.accounts.models import User
from portal.core.types import Actor, person
from portal.tickets.models import Ticket, TicketEvent


def is_user(actor: Actor) -> TypeGuard[User]:
    return person(actor) is not None


def actor_columns(actor: Actor, *, user_field: str = "actor", label_field: str = "actor_label") -> dict[str, Any]:
    """A User goes in the foreign key; an API key, a job or ``None`` (the system) become a label."""
    if is_user(actor):
        return {user_field: actor, label_field: ""}
    if actor is None:
        return {user_field: None, label_field: "system"}
    if isinstance(actor, str):
        return {user_field: None, label_field: actor[:120]}
    return {user_field: None, label_field: str(getattr(actor, "name", actor))[:120]}


def record_event(
    ticket: Ticket,
    kind: str,
    actor: Actor,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    public: bool = True,
) -> TicketEvent:
    return TicketEvent.objects.create(
        tenant_id=ticket.tenant_id,
        ticket=ticket,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note,
        public=public,
        **actor_columns(actor),
    )
