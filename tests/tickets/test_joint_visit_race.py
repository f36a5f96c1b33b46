"""Two joint visits of one request at the same moment, on two real PostgreSQL connections.

The first visit creates its child tasks and holds its transaction open; the second starts meanwhile.
Without a lock the second reads "no children yet" (the first's rows are not committed) and inserts
its own: four tasks for two members. With the parent's row locked the second waits for the first to
commit, then finds both members served and creates nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from portal.stakeholders.models import Organisation
from portal.tickets import services
from portal.tickets.models import Kind, Ticket
from tests.personas import World

pytestmark = pytest.mark.django_db(transaction=True)
WAIT_SECONDS = 20


def _in_thread(work: Callable[[], None], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _sessions_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        (count,) = cursor.fetchone()
    return int(count)


def test_two_joint_visits_at_once_open_one_task_per_member_not_two(world: World) -> None:
    parent = services.create_ticket(world.binhai, world.alice, title="联合上门：丹东里停水停电")
    water = Organisation.objects.create(tenant=world.binhai, name="滨海水务公司", kind="utility_member")
    power = Organisation.objects.create(tenant=world.binhai, name="滨海供电公司", kind="utility_member")
    first_created, may_commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    created: dict[str, int] = {}

    def first_visit() -> None:
        with transaction.atomic():
            created["first"] = len(services.create_child_tickets(parent, [water, power], world.alice))
            first_created.set()
            may_commit.wait(WAIT_SECONDS)

    def second_visit() -> None:
        created["second"] = len(services.create_child_tickets(parent, [water, power], world.bob))

    first = _in_thread(first_visit, errors)
    assert first_created.wait(WAIT_SECONDS)
    second = _in_thread(second_visit, errors)
    # Let the first commit only once the second is blocked behind it (on the parent's lock, or —
    # without one — on the reference counter after it has read the children).
    deadline = time.monotonic() + WAIT_SECONDS
    while _sessions_waiting_for_a_lock() == 0 and second.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    may_commit.set()
    first.join(WAIT_SECONDS)
    second.join(WAIT_SECONDS)

    assert errors == []
    assert created == {"first": 2, "second": 0}
    children = Ticket.objects.filter(parent=parent, kind=Kind.TASK)
    assert sorted(children.values_list("assignee_org__name", flat=True)) == ["滨海供电公司", "滨海水务公司"]
