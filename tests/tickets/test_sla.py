"""SLA policies, due-time arithmetic (worked out by hand, Asia/Shanghai) and the escalation sweep."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from portal.audit.models import ChangeRecord
from portal.jobs.runner import enqueue, execute
from portal.tickets import services, sla
from portal.tickets.models import SlaPolicy, Ticket, TicketEvent
from portal.tickets.workflow import Status
from tests.personas import World

SH = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2026, 11, 3, 16, 50, tzinfo=SH)


def _at(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def _ticket(world: World, **fields: Any) -> Ticket:
    ticket = services.create_ticket(world.binhai, world.alice, title="路灯不亮", now=CREATED, **fields)
    # Start the clocks' window where the due times were counted from.
    Ticket.objects.filter(pk=ticket.pk).update(created_at=CREATED)
    ticket.refresh_from_db()
    return ticket


@pytest.mark.parametrize(
    ("priority", "acknowledge_by", "resolve_by"),
    [
        ("urgent", _at(11, 3, 17, 5), _at(11, 3, 20, 50)),
        ("high", _at(11, 3, 17, 20), _at(11, 4, 16, 50)),
        ("normal", _at(11, 3, 18, 50), _at(11, 6, 16, 50)),
        ("low", _at(11, 4, 16, 50), _at(11, 10, 16, 50)),
    ],
)
def test_code_defaults_apply_when_no_policy_matches(
    world: World, priority: str, acknowledge_by: datetime, resolve_by: datetime
) -> None:
    ticket = _ticket(world, priority=priority)
    assert (ticket.acknowledge_due_at, ticket.due_at) == (acknowledge_by, resolve_by)


def _policy(world: World, category: str = "", priority: str = "", ack: int = 60, resolve: int = 480) -> SlaPolicy:
    return SlaPolicy.objects.create(
        tenant=world.binhai,
        programme="alliance",
        kind="request",
        category=category,
        priority=priority,
        acknowledge_minutes=ack,
        resolve_minutes=resolve,
    )


def test_the_most_specific_policy_wins(world: World) -> None:
    general = _policy(world, ack=60, resolve=480)
    by_priority = _policy(world, priority="high", ack=45, resolve=360)
    by_category = _policy(world, category="streetlight", ack=30, resolve=240)
    exact = _policy(world, category="streetlight", priority="high", ack=20, resolve=120)
    _policy(world, category="meter", ack=5, resolve=10)  # another category: never matches
    match = sla.matching_policy
    assert match(world.binhai, "alliance", "request", "other", "normal") == general
    assert match(world.binhai, "alliance", "request", "other", "high") == by_priority
    assert match(world.binhai, "alliance", "request", "streetlight", "normal") == by_category
    assert match(world.binhai, "alliance", "request", "streetlight", "high") == exact
    assert match(world.binhai, "alliance", "alert", "streetlight", "high") is None
    assert match(world.wuqing, "alliance", "request", "streetlight", "high") is None


def test_a_policy_sets_the_due_times_across_midnight(world: World) -> None:
    _policy(world, ack=60, resolve=480)
    ticket = _ticket(world, programme="alliance", kind="request", category="streetlight")
    # 16:50 + 1 h = 17:50; 16:50 + 8 h = 00:50 the next day.
    assert (ticket.acknowledge_due_at, ticket.due_at) == (_at(11, 3, 17, 50), _at(11, 4, 0, 50))


def test_a_working_day_policy_skips_the_national_day_holiday(world: World) -> None:
    SlaPolicy.objects.create(
        tenant=world.binhai,
        programme="alliance",
        kind="request",
        acknowledge_minutes=120,
        resolve_minutes=3 * 1440,
        clock="CN",
    )
    created = datetime(2025, 9, 30, 16, 0, tzinfo=SH)
    ticket = services.create_ticket(world.binhai, world.alice, title="路灯不亮", now=created, programme="alliance")
    # 2025 (国办发明电〔2024〕12号): 1–8 Oct off, Sat 11 Oct worked. 16:00 + 120 working min = 18:00 the
    # same day. Three working days: 30 Sep's last 8 h + 9 Oct + 10 Oct + 16 h of Sat 11 Oct → 11 Oct 16:00.
    assert (ticket.acknowledge_due_at, ticket.due_at) == (
        datetime(2025, 9, 30, 18, 0, tzinfo=SH),
        datetime(2025, 10, 11, 16, 0, tzinfo=SH),
    )


def test_caller_terms_replace_the_policy_and_resolution_is_never_due_first(world: World) -> None:
    _policy(world, ack=5, resolve=10)
    terms = sla.SlaTerms(acknowledge=sla.Span.working_days(1, "CN"), resolve=sla.Span(60))
    created = datetime(2025, 9, 30, 16, 0, tzinfo=SH)
    ticket = services.create_ticket(
        world.binhai, world.alice, title="路灯不亮", now=created, programme="alliance", terms=terms
    )
    # One working day → 9 Oct 16:00; 60 min around the clock (17:00 on 30 Sep) is earlier, so it moves too.
    nine_october = datetime(2025, 10, 9, 16, 0, tzinfo=SH)
    assert (ticket.acknowledge_due_at, ticket.due_at) == (nine_october, nine_october)


def test_another_tenants_policy_does_not_apply(world: World) -> None:
    SlaPolicy.objects.create(
        tenant=world.wuqing, programme="core", kind="request", acknowledge_minutes=5, resolve_minutes=10
    )
    ticket = _ticket(world)
    assert ticket.due_at == _at(11, 6, 16, 50)


def test_a_new_priority_recomputes_both_due_times_from_creation(world: World) -> None:
    ticket = _ticket(world)
    ticket = services.update_ticket(ticket, world.alice, {"priority": "urgent"})
    assert (ticket.acknowledge_due_at, ticket.due_at) == (_at(11, 3, 17, 5), _at(11, 3, 20, 50))
    event = ticket.events.filter(kind=TicketEvent.Kind.UPDATED).get()
    assert "普通 → 紧急" in event.note


def test_an_explicit_due_time_wins_over_the_recomputation(world: World) -> None:
    ticket = _ticket(world)
    chosen = _at(11, 5, 12, 0)
    ticket = services.update_ticket(ticket, world.alice, {"priority": "urgent", "due_at": chosen})
    assert ticket.due_at == chosen


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (_at(11, 3, 18, 0), "ok"),  # 50 minutes left of 120
        (_at(11, 3, 18, 20), "due_soon"),  # exactly a quarter (30 min) left
        (_at(11, 3, 18, 50), "due_soon"),  # on the dot is not late yet
        (_at(11, 3, 18, 51), "breached"),
    ],
)
def test_the_acknowledge_clock_state(world: World, now: datetime, expected: str) -> None:
    assert _ticket(world).sla_state_at(now).acknowledge == expected


def test_a_clock_stopped_in_time_stays_ok_and_one_stopped_late_stays_breached(world: World) -> None:
    ticket = _ticket(world)
    services.transition(ticket, Status.ACKNOWLEDGED, world.alice, now=_at(11, 3, 18, 40))
    assert ticket.sla_state_at(_at(11, 9, 0, 0)).acknowledge == "ok"
    services.transition(ticket, Status.RESOLVED, world.alice, now=_at(11, 6, 17, 0))
    assert ticket.sla_state_at(_at(11, 9, 0, 0)).resolve == "breached"


def test_the_sweep_escalates_each_breach_once(world: World) -> None:
    ticket = _ticket(world)  # normal: acknowledge by 18:50, resolve by 6 Nov 16:50
    assert sla.sweep(world.binhai, now=_at(11, 3, 18, 0)) == {"escalated": 0}
    assert sla.sweep(world.binhai, now=_at(11, 3, 19, 0)) == {"escalated": 1}
    assert sla.sweep(world.binhai, now=_at(11, 3, 19, 10)) == {"escalated": 0}
    ticket.refresh_from_db()
    assert ticket.priority == "high"
    assert ticket.acknowledge_escalated_at == _at(11, 3, 19, 0)
    # The promise to the requester does not move.
    assert ticket.due_at == _at(11, 6, 16, 50)

    assert sla.sweep(world.binhai, now=_at(11, 6, 17, 0)) == {"escalated": 1}
    assert sla.sweep(world.binhai, now=_at(11, 6, 17, 10)) == {"escalated": 0}
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    notes = list(ticket.events.filter(kind=TicketEvent.Kind.ESCALATED).values_list("note", flat=True))
    assert notes == [
        "未在 2026-11-03 18:50 前受理。优先级由“普通”升为“高”。",
        "未在 2026-11-06 16:50 前解决。优先级由“高”升为“紧急”。",
    ]
    assert ChangeRecord.objects.filter(object_id=str(ticket.pk), actor_label="SLA sweep").count() == 2


def test_the_sweep_leaves_finished_and_acknowledged_tickets_alone(world: World) -> None:
    acknowledged = _ticket(world)
    services.transition(acknowledged, Status.ACKNOWLEDGED, world.alice, now=_at(11, 3, 17, 0))
    cancelled = _ticket(world)
    services.transition(cancelled, Status.CANCELLED, world.alice, note="居民撤回", now=_at(11, 3, 17, 0))
    assert sla.sweep(world.binhai, now=_at(11, 3, 19, 0)) == {"escalated": 0}
    assert sla.sweep(world.wuqing, now=_at(11, 30, 0, 0)) == {"escalated": 0}


def test_the_sweep_job_runs_through_the_job_runner(world: World) -> None:
    ticket = _ticket(world)
    now = timezone.now()
    Ticket.objects.filter(pk=ticket.pk).update(
        acknowledge_due_at=now - timedelta(hours=1), due_at=now + timedelta(days=1)
    )
    run = enqueue("tickets.sla_sweep", world.binhai)
    finished = execute(run.pk)
    assert finished is not None
    assert (finished.status, finished.result) == ("succeeded", {"escalated": 1})
    rerun = execute(enqueue("tickets.sla_sweep", world.binhai).pk)
    assert rerun is not None
    assert rerun.result == {"escalated": 0}
