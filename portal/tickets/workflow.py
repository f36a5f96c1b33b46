"""The ticket workflow as data: the statuses, and the one table of allowed moves between them.

Each ``Transition`` says which capability it needs and whether a note is required (a refusal, a
reopening or a cancellation must say why). ``services.transition`` is the only code that applies
them; views and the API read ``transitions_from`` to offer the buttons.

    new ──► acknowledged ──► in_progress ◄──► waiting
     │            │               │              │
     └────────────┴──► resolved ◄─┴──────────────┘
                         │  ▲
                         ▼  │ reopen (note)
                       closed
    new / acknowledged ──► rejected (note)       any open status ──► cancelled (note)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.tenancy.roles import Capability


class Status(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Someone still has to act on these; the SLA clocks run and the sweep looks at them.
OPEN_STATUSES: frozenset[str] = frozenset({Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.WAITING})
# The work is over (done, refused or withdrawn): the resolution clock has stopped.
FINISHED_STATUSES: frozenset[str] = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.CANCELLED})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str | Promise  # the verb on the button
    capability: Capability = Capability.WORK_TICKETS
    note_required: bool = False


_WORK = Capability.WORK_TICKETS
# Reopening a closed or refused ticket undoes a decision: that is for managers, not field staff.
_MANAGE = Capability.MANAGE_RECORDS

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.NEW, Status.ACKNOWLEDGED, _("Acknowledge")),
    Transition(Status.NEW, Status.IN_PROGRESS, _("Start work")),
    Transition(Status.NEW, Status.REJECTED, _("Reject"), note_required=True),
    Transition(Status.NEW, Status.CANCELLED, _("Cancel"), note_required=True),
    Transition(Status.ACKNOWLEDGED, Status.IN_PROGRESS, _("Start work")),
    Transition(Status.ACKNOWLEDGED, Status.WAITING, _("Wait for others")),
    Transition(Status.ACKNOWLEDGED, Status.RESOLVED, _("Resolve")),
    Transition(Status.ACKNOWLEDGED, Status.REJECTED, _("Reject"), note_required=True),
    Transition(Status.ACKNOWLEDGED, Status.CANCELLED, _("Cancel"), note_required=True),
    Transition(Status.IN_PROGRESS, Status.WAITING, _("Wait for others")),
    Transition(Status.IN_PROGRESS, Status.RESOLVED, _("Resolve")),
    Transition(Status.IN_PROGRESS, Status.CANCELLED, _("Cancel"), note_required=True),
    Transition(Status.WAITING, Status.IN_PROGRESS, _("Resume work")),
    Transition(Status.WAITING, Status.RESOLVED, _("Resolve")),
    Transition(Status.WAITING, Status.CANCELLED, _("Cancel"), note_required=True),
    Transition(Status.RESOLVED, Status.CLOSED, _("Close")),
    Transition(Status.RESOLVED, Status.IN_PROGRESS, _("Reopen"), note_required=True),
    Transition(Status.CLOSED, Status.IN_PROGRESS, _("Reopen"), capability=_MANAGE, note_required=True),
    Transition(Status.REJECTED, Status.NEW, _("Reopen"), capability=_MANAGE, note_required=True),
)

_BY_PAIR: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def find_transition(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return value
