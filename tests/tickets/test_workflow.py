"""The workflow table, applied by ``services.transition``: every pair of statuses, allowed or refused."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from portal.audit.models import ChangeRecord
from portal.tenancy.roles import CAPABILITIES, Role
from portal.tickets import services
from portal.tickets.models import Ticket, TicketEvent
from portal.tickets.workflow import Status
from tests.personas import World

NOW = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)

# Written out by hand from the brief: (from, to) → note required.
ALLOWED: dict[tuple[str, str], bool] = {
    ("new", "acknowledged"): False,
    ("new", "in_progress"): False,
    ("new", "rejected"): True,
    ("new", "cancelled"): True,
    ("acknowledged", "in_progress"): False,
    ("acknowledged", "waiting"): False,
    ("acknowledged", "resolved"): False,
    ("acknowledged", "rejected"): True,
    ("acknowledged", "cancelled"): True,
    ("in_progress", "waiting"): False,
    ("in_progress", "resolved"): False,
    ("in_progress", "cancelled"): True,
    ("waiting", "in_progress"): False,
    ("waiting", "resolved"): False,
    ("waiting", "cancelled"): True,
    ("resolved", "closed"): False,
    ("resolved", "in_progress"): True,
    ("closed", "in_progress"): True,
    ("rejected", "new"): True,
}
REFUSED = [pair for pair in itertools.product(Status.values, repeat=2) if pair not in ALLOWED]


def _in_status(ticket: Ticket, status: str) -> Ticket:
    Ticket.objects.filter(pk=ticket.pk).update(status=status)
    ticket.refresh_from_db()
    return ticket


@pytest.mark.parametrize(("source", "target"), list(ALLOWED))
def test_every_allowed_transition_moves_the_ticket_and_records_it(
    world: World, alice_ticket: Ticket, source: str, target: str
) -> None:
    ticket = _in_status(alice_ticket, source)
    events_before = ticket.events.count()
    services.transition(ticket, target, world.alice, note="原因说明", now=NOW)
    ticket.refresh_from_db()
    assert ticket.status == target
    event = ticket.events.latest("created_at", "id")
    assert ticket.events.count() == events_before + 1
    assert (event.kind, event.from_status, event.to_status, event.note, event.actor) == (
        TicketEvent.Kind.STATUS,
        source,
        target,
        "原因说明",
        world.alice,
    )
    record = ChangeRecord.objects.filter(object_id=str(ticket.pk), action="transition").get()
    assert (record.before["status"], record.after["status"], record.actor) == (source, target, world.alice)


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_transition_is_refused_and_writes_nothing(
    world: World, alice_ticket: Ticket, source: str, target: str
) -> None:
    ticket = _in_status(alice_ticket, source)
    with pytest.raises(services.InvalidTransition):
        services.transition(ticket, target, world.alice, note="试试")
    ticket.refresh_from_db()
    assert ticket.status == source
    assert ticket.events.filter(kind=TicketEvent.Kind.STATUS).count() == 0
    assert not ChangeRecord.objects.filter(action="transition").exists()


def test_the_refusal_names_both_statuses_in_chinese(world: World, alice_ticket: Ticket) -> None:
    ticket = _in_status(alice_ticket, Status.CLOSED)
    with pytest.raises(services.InvalidTransition) as caught:
        services.transition(ticket, Status.WAITING, world.alice)
    assert caught.value.messages == ["不能从“已关闭”变为“等待中”。"]


@pytest.mark.parametrize(("source", "target"), [pair for pair, needs_note in ALLOWED.items() if needs_note])
def test_rejecting_reopening_and_cancelling_need_a_note(
    world: World, alice_ticket: Ticket, source: str, target: str
) -> None:
    ticket = _in_status(alice_ticket, source)
    with pytest.raises(ValidationError) as caught:
        services.transition(ticket, target, world.alice, note="   ")
    assert "note" in caught.value.message_dict
    ticket.refresh_from_db()
    assert ticket.status == source


def test_bob_may_not_reopen_a_closed_ticket_but_alice_may(world: World, alice_ticket: Ticket) -> None:
    ticket = _in_status(alice_ticket, Status.CLOSED)
    with pytest.raises(services.TransitionForbidden):
        services.transition(
            ticket, Status.IN_PROGRESS, world.bob, note="居民反映仍未修好", capabilities=CAPABILITIES[Role.FIELD_STAFF]
        )
    services.transition(
        ticket, Status.IN_PROGRESS, world.alice, note="居民反映仍未修好", capabilities=CAPABILITIES[Role.TENANT_ADMIN]
    )
    assert ticket.status == Status.IN_PROGRESS


def test_stamps_follow_the_ticket_through_its_life(world: World, alice_ticket: Ticket) -> None:
    t1, t2, t3, t4 = (datetime(2026, 11, 3, h, 0, tzinfo=UTC) for h in (9, 10, 11, 12))
    ticket = services.transition(alice_ticket, Status.IN_PROGRESS, world.alice, now=t1)
    assert (ticket.acknowledged_at, ticket.resolved_at, ticket.closed_at) == (t1, None, None)
    services.transition(ticket, Status.RESOLVED, world.alice, now=t2)
    services.transition(ticket, Status.CLOSED, world.alice, now=t3)
    ticket.refresh_from_db()
    assert (ticket.acknowledged_at, ticket.resolved_at, ticket.closed_at) == (t1, t2, t3)
    services.transition(ticket, Status.IN_PROGRESS, world.alice, note="复发", now=t4)
    ticket.refresh_from_db()
    assert (ticket.acknowledged_at, ticket.resolved_at, ticket.closed_at) == (t1, None, None)


def test_of_two_people_clicking_at_once_only_the_first_wins(world: World, alice_ticket: Ticket) -> None:
    alices_copy = Ticket.objects.get(pk=alice_ticket.pk)
    bobs_copy = Ticket.objects.get(pk=alice_ticket.pk)
    services.transition(alices_copy, Status.ACKNOWLEDGED, world.alice)
    # Bob's page still shows "new"; his UPDATE expects "new" and finds "acknowledged".
    with pytest.raises(services.InvalidTransition) as caught:
        services.transition(bobs_copy, Status.REJECTED, world.bob, note="不归我们管")
    assert caught.value.code == "stale"
    assert "已受理" in caught.value.messages[0]
    stored = Ticket.objects.get(pk=alice_ticket.pk)
    assert stored.status == Status.ACKNOWLEDGED
    assert list(stored.events.filter(kind="status").values_list("actor__username", "to_status")) == [
        ("alice", "acknowledged")
    ]
