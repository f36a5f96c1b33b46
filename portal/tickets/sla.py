"""Service levels: how soon a ticket must be acknowledged and resolved, and the sweep that escalates breaches.

A tenant sets ``SlaPolicy`` rows per programme and ticket type, optionally narrowed to a category
and/or a priority. The most specific matching policy wins: one naming the category beats one naming
only the priority, which beats one naming neither. When no policy matches, the code defaults below
apply. Clocks run around the clock (24 × 7) from the moment the ticket is created; they do not
pause while a ticket waits on the requester.

Code defaults (acknowledge / resolve):

    urgent  15 minutes / 4 hours
    high    30 minutes / 24 hours
    normal  2 hours    / 72 hours
    low     1 day      / 7 days

The sweep marks each breach once (``acknowledge_escalated_at`` / ``resolve_escalated_at``), writes
an "escalated" event and raises the priority one step. It leaves the due times alone: being late
does not move the promise made to the requester.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.actions import record_change
from portal.audit.models import ChangeRecord
from portal.tenancy.models import Tenant
from portal.tickets.events import record_event
from portal.tickets.models import Priority, SlaPolicy, Ticket, TicketEvent

DEFAULT_MINUTES: dict[str, tuple[int, int]] = {
    Priority.URGENT: (15, 4 * 60),
    Priority.HIGH: (30, 24 * 60),
    Priority.NORMAL: (2 * 60, 72 * 60),
    Priority.LOW: (24 * 60, 7 * 24 * 60),
}

SWEEP_ACTOR = "SLA sweep"


@dataclass(frozen=True)
class SlaTerms:
    acknowledge_minutes: int
    resolve_minutes: int
    policy: SlaPolicy | None = None

    def due_times(self, start: datetime) -> tuple[datetime, datetime]:
        return start + timedelta(minutes=self.acknowledge_minutes), start + timedelta(minutes=self.resolve_minutes)


def _specificity(policy: SlaPolicy) -> tuple[bool, bool]:
    return bool(policy.category), bool(policy.priority)


def matching_policy(tenant: Tenant, programme: str, kind: str, category: str, priority: str) -> SlaPolicy | None:
    candidates = SlaPolicy.objects.for_tenant(tenant).filter(
        programme=programme, kind=kind, category__in={category, ""}, priority__in={priority, ""}
    )
    return max(candidates, key=_specificity, default=None)


def terms_for(tenant: Tenant, programme: str, kind: str, category: str, priority: str) -> SlaTerms:
    policy = matching_policy(tenant, programme, kind, category, priority)
    if policy is not None:
        return SlaTerms(policy.acknowledge_minutes, policy.resolve_minutes, policy)
    acknowledge, resolve = DEFAULT_MINUTES[priority]
    return SlaTerms(acknowledge, resolve)


def apply_terms(ticket: Ticket, start: datetime) -> SlaTerms:
    """Set the ticket's acknowledge and resolve due times from its policy, counted from ``start``."""
    terms = terms_for(ticket.tenant, ticket.programme, ticket.kind, ticket.category, ticket.priority)
    ticket.acknowledge_due_at, ticket.due_at = terms.due_times(start)
    return terms


# --- the sweep -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clock:
    marker: str  # the field that records the escalation
    due: str
    breach_filter: dict[str, Any]
    message: str


def _clocks(now: datetime) -> tuple[_Clock, ...]:
    return (
        _Clock(
            "acknowledge_escalated_at",
            "acknowledge_due_at",
            {"acknowledged_at__isnull": True, "acknowledge_due_at__lt": now},
            _("Not acknowledged by %(due)s."),
        ),
        _Clock("resolve_escalated_at", "due_at", {"due_at__lt": now}, _("Not resolved by %(due)s.")),
    )


def breached(tenant: Tenant, now: datetime) -> list[tuple[int, _Clock]]:
    """The (ticket id, clock) pairs that are past due and not escalated yet."""
    found: list[tuple[int, _Clock]] = []
    for clock in _clocks(now):
        ids = (
            Ticket.objects.for_tenant(tenant)
            .open()
            .filter(**clock.breach_filter, **{f"{clock.marker}__isnull": True})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        found.extend((pk, clock) for pk in ids)
    return found


def escalate(tenant: Tenant, ticket_id: int, clock: _Clock, now: datetime) -> bool:
    """Escalate one breach; False when it was escalated already (by a concurrent run) or is no longer late."""
    with transaction.atomic():
        # The row lock plus the marker condition make a second sweep skip this breach.
        ticket = (
            Ticket.objects.for_tenant(tenant)
            .open()
            .select_for_update()
            .filter(pk=ticket_id, **clock.breach_filter, **{f"{clock.marker}__isnull": True})
            .first()
        )
        if ticket is None:
            return False
        before = ticket.audit_snapshot()
        old_priority = ticket.priority
        ticket.priority = Priority.raised(old_priority)
        setattr(ticket, clock.marker, now)
        ticket.save(update_fields=["priority", clock.marker, "updated_at"])
        record_change(ticket, SWEEP_ACTOR, ChangeRecord.Action.UPDATE, before, ticket.audit_snapshot())
        due = timezone.localtime(getattr(ticket, clock.due)).strftime("%Y-%m-%d %H:%M")
        note = clock.message % {"due": due}
        if ticket.priority != old_priority:
            note = _("%(reason)s Priority raised from “%(old)s” to “%(new)s”.") % {
                "reason": note,
                "old": Priority(old_priority).label,
                "new": Priority(ticket.priority).label,
            }
        record_event(ticket, TicketEvent.Kind.ESCALATED, SWEEP_ACTOR, note=note, public=False)
    return True


def sweep(tenant: Tenant, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    escalated = sum(escalate(tenant, pk, clock, now) for pk, clock in breached(tenant, now))
    return {"escalated": escalated}
