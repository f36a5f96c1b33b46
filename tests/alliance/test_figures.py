"""The alliance's figures: hand-worked values on a handful of requests, and a programme page (and a
dashboard) whose database work does not grow with the number of rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliance import figures
from alliance.intake import Intake, file_request
from alliance.models import DeskRequest
from portal.activities.models import Activity
from portal.indicators.aggregates import median_seconds_in_database, median_seconds_in_python
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from portal.tickets.models import Ticket
from portal.tickets.workflow import Status
from tests.alliance.conftest import Alliance
from tests.personas import World

pytestmark = pytest.mark.django_db

T = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def hours(n: float) -> datetime:
    return T + timedelta(hours=n)


def request_with(
    world: World,
    alliance: Alliance,
    status: str,
    *,
    acknowledged: float | None = None,
    resolved: float | None = None,
    closed: float | None = None,
    acknowledge_due: float = 2,
    due: float = 24,
) -> DeskRequest:
    """A request filed at T whose ticket's times are the given hours after T."""
    desk = file_request(
        world.binhai,
        None,
        Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x"),
        now=T,
    )
    Ticket.objects.for_tenant(world.binhai).filter(pk=desk.ticket_id).update(
        status=status,
        created_at=T,
        acknowledged_at=hours(acknowledged) if acknowledged is not None else None,
        resolved_at=hours(resolved) if resolved is not None else None,
        closed_at=hours(closed) if closed is not None else None,
        acknowledge_due_at=hours(acknowledge_due),
        due_at=hours(due),
    )
    return desk


@pytest.fixture
def five_requests(world: World, alliance: Alliance) -> None:
    # receipt (h)   resolution (h)   on both targets (receipt by 2 h, resolution by 24 h unless said)
    request_with(world, alliance, Status.RESOLVED, acknowledged=1, resolved=10)  # A: 1, 10: yes
    request_with(world, alliance, Status.RESOLVED, acknowledged=3, resolved=20)  # B: 3 (late), 20: no
    request_with(world, alliance, Status.CLOSED, acknowledged=2, closed=30)  # C: 2 (just), closed at 30: no
    request_with(world, alliance, Status.NEW)  # D: open, no times
    request_with(world, alliance, Status.RESOLVED, acknowledged=0.5, resolved=40, due=48)  # E: 0.5, 40 by 48: yes


def test_the_figures_on_five_hand_worked_requests(world: World, five_requests: None) -> None:
    tenants = [world.binhai]
    # receipt spans 0.5, 1, 2, 3 → median (1 + 2) / 2 = 1.5 h; D was never acknowledged
    assert figures.median_hours_to_receipt(tenants) == 1.5
    # resolution spans 10, 20, 40 (C closed without a resolution, D open) → 20 h
    assert figures.median_hours_to_resolution(tenants) == 20.0
    # finished: A, B, C, E; on both targets: A and E → 2 / 4 = 50 %
    assert figures.sla_compliance_percent(tenants) == 50.0
    # resolved by their resolution target: A (10 ≤ 24), B (20 ≤ 24), E (40 ≤ 48) → 3
    assert figures.complaints_avoided(tenants) == 3
    # by status: 3 resolved, then closed and new with one each (ties by name)
    assert figures.breakdown(tenants, "ticket__status") == [("resolved", 3), ("closed", 1), ("new", 1)]
    assert figures.breakdown(tenants, "ticket__assignee_org__name") == [("滨海水务公司", 5)]


def test_another_tenants_requests_do_not_count(world: World, five_requests: None) -> None:
    assert figures.median_hours_to_receipt([world.wuqing]) is None
    assert figures.sla_compliance_percent([world.wuqing]) is None
    assert figures.complaints_avoided([world.wuqing]) == 0
    assert figures.breakdown([world.wuqing], "ticket__status") == []


@pytest.mark.parametrize("median", [median_seconds_in_database, median_seconds_in_python])
def test_both_medians_agree_on_the_hand_worked_spans(
    world: World, five_requests: None, median: Callable[..., float | None]
) -> None:
    rows = DeskRequest.objects.for_tenant(world.binhai)

    # 0.5, 1, 2, 3 h → 1.5 h = 5400 s (PostgreSQL's percentile_cont interpolates like statistics.median)
    assert median(rows, "ticket__created_at", "ticket__acknowledged_at") == 5400.0
    # 10, 20, 40 h → 20 h = 72000 s
    assert median(rows, "ticket__created_at", "ticket__resolved_at") == 72000.0
    assert median(rows.none(), "ticket__created_at", "ticket__resolved_at") is None


def test_cables_removed_sums_the_campaigns_figure(world: World) -> None:
    def campaign(title: str, programme: str, metrics: dict[str, int]) -> None:
        Activity.objects.create(
            tenant=world.binhai,
            title=title,
            kind="campaign",
            programme=programme,
            start_date=date(2026, 5, 1),
            metrics=metrics,
        )

    campaign("清理一", "alliance", {"cables_removed": 78})
    campaign("清理二", "alliance", {"cables_removed": 12, "people": 40})
    campaign("宣传", "alliance", {})  # no such figure: adds nothing
    campaign("别的项目", "careband", {"cables_removed": 100})  # another programme: not counted

    assert figures.cables_removed([world.binhai]) == 90  # 78 + 12


# --- database work that does not grow with the rows ----------------------------------------------


@dataclass
class Reads:
    queries: int = 0
    rows: int = 0


@contextmanager
def counting_reads() -> Iterator[Reads]:
    """Counts the SELECT statements and the rows they returned (a figure computed in Python reads
    every row; an aggregate reads one)."""
    reads = Reads()

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("SELECT"):
            reads.queries += 1
            reads.rows += max(context["cursor"].rowcount, 0)
        return result

    with connection.execute_wrapper(wrapper):
        yield reads


def page_reads(client: Client, url: str) -> Reads:
    client.get(url)  # warm the session, the tenant and the registries once
    with counting_reads() as reads:
        assert client.get(url).status_code == 200
    return reads


def file_requests(world: World, alliance: Alliance, n: int) -> None:
    for i in range(n):
        request_with(world, alliance, Status.RESOLVED, acknowledged=1 + i % 3, resolved=5 + i)


def resolved_tickets(tenant: Tenant, n: int) -> None:
    """``n`` tickets resolved an hour ago after 5, 6, 7 … hours."""
    resolved_at = timezone.now() - timedelta(hours=1)
    for i in range(n):
        ticket = tickets.create_ticket(tenant, "test", title="已办结")
        Ticket.objects.for_tenant(tenant).filter(pk=ticket.pk).update(
            status=Status.RESOLVED, created_at=resolved_at - timedelta(hours=5 + i), resolved_at=resolved_at
        )


def test_the_programme_page_reads_the_same_for_30_requests_as_for_3(
    world: World, alliance: Alliance, alice_client: Client
) -> None:
    url = reverse("alliance:index")
    file_requests(world, alliance, 3)
    few = page_reads(alice_client, url)
    file_requests(world, alliance, 27)
    many = page_reads(alice_client, url)

    assert DeskRequest.objects.for_tenant(world.binhai).count() == 30
    assert (many.queries, many.rows) == (few.queries, few.rows)


def test_the_dashboard_reads_the_same_for_30_tickets_as_for_3(world: World, alice_client: Client) -> None:
    url = reverse("web:dashboard")
    resolved_tickets(world.binhai, 3)
    few = page_reads(alice_client, url)
    resolved_tickets(world.binhai, 27)
    many = page_reads(alice_client, url)

    assert Ticket.objects.for_tenant(world.binhai).count() == 30
    assert (many.queries, many.rows) == (few.queries, few.rows)
