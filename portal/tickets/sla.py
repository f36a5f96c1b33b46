"""Service levels: how soon a ticket must be acknowledged and resolved, and the sweep that escalates breaches.

A tenant sets ``SlaPolicy`` rows per programme and ticket type, optionally narrowed to a category
and/or a priority. The most specific matching policy wins: one naming the category beats one naming
only the priority, which beats one naming neither. When no policy matches, the code defaults below
apply. A policy's clock runs around the clock (24 × 7) or only on the working days of a named
calendar (``portal.calendars``: mainland China's public holidays and make-up working days), from the
moment the ticket is created; clocks do not pause while a ticket waits on the requester.

A programme with its own service promises (the alliance's 12345 clocks) passes ``SlaTerms`` to
``services.create_ticket`` instead; either way creation computes both due times once, and a ticket
is never due for resolution before it is due for acknowledgement.

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
from portal.calendars import loader
from portal.calendars.working import MINUTES_PER_DAY, WorkingCalendar, add_working_minutes
from portal.tenancy.models import Tenant
from portal.tickets.events import record_event
from portal.tickets.models import AROUND_THE_CLOCK, Priority, SlaPolicy, Ticket, TicketEvent

DEFAULT_MINUTES: dict[str, tuple[int, int]] = {
    Priority.URGENT: (15, 4 * 60),
    Priority.HIGH: (30, 24 * 60),
    Priority.NORMAL: (2 * 60, 72 * 60),
    Priority.LOW: (24 * 60, 7 * 24 * 60),
}

SWEEP_ACTOR = "SLA sweep"


@dataclass(frozen=True)
class Span:
    """A stretch of time on one clock: minutes around the clock, or minutes of the working days of the
    named calendar (1440 of them are one working day)."""

    minutes: int
    clock: str = AROUND_THE_CLOCK

    @classmethod
    def working_days(cls, days: int, calendar: str) -> Span:
        return cls(days * MINUTES_PER_DAY, calendar)

    def end(self, start: datetime, calendars: dict[str, WorkingCalendar]) -> datetime:
        if self.clock == AROUND_THE_CLOCK:
            return start + timedelta(minutes=self.minutes)
        if self.clock not in calendars:
            calendars[self.clock] = loader.load(self.clock)
        return add_working_minutes(start, self.minutes, calendars[self.clock])


@dataclass(frozen=True)
class SlaTerms:
    acknowledge: Span
    resolve: Span
    policy: SlaPolicy | None = None

    def due_times(self, start: datetime) -> tuple[datetime, datetime]:
        """(acknowledge by, resolve by); resolution is never due before acknowledgement."""
        calendars: dict[str, WorkingCalendar] = {}  # each calendar loaded once
        acknowledge = self.acknowledge.end(start, calendars)
        return acknowledge, max(self.resolve.end(start, calendars), acknowledge)


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
        return SlaTerms(
            Span(policy.acknowledge_minutes, policy.clock), Span(policy.resolve_minutes, policy.clock), policy
        )
    acknowledge, resolve = DEFAULT_MINUTES[priority]
    return SlaTerms(Span(acknowledge), Span(resolve))


def apply_terms(ticket: Ticket, start: datetime, terms: SlaTerms | None = None) -> SlaTerms:
    """Set the ticket's acknowledge and resolve due times, counted from ``start``, from ``terms`` or
    else from its policy. Sets the fields only; the caller saves."""
    if terms is None:
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
