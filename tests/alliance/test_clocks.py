"""Every clock of the desk at a fixed moment (times in Asia/Shanghai, worked out by hand)."""

from __future__ import annotations

from datetime import datetime

import pytest

from alliance import clocks
from alliance.intake import Intake, file_request
from portal.tickets import sla
from portal.tickets.models import Priority, Ticket
from tests.alliance.conftest import Alliance
from tests.personas import World

SH = clocks.SHANGHAI
# 2021-06-04 was a Friday.
FRIDAY_4PM = datetime(2021, 6, 4, 16, 0, tzinfo=SH)
TUESDAY_10AM = datetime(2021, 6, 1, 10, 0, tzinfo=SH)
SATURDAY_10AM = datetime(2021, 6, 5, 10, 0, tzinfo=SH)


def test_defaults_follow_tianjin_12345_practice() -> None:
    assert clocks.default_receipt("gas", life_risk=True) == clocks.Receipt(minutes=15)
    assert clocks.default_receipt("telecom", life_risk=True) == clocks.Receipt(minutes=15)
    for utility in ("water", "power", "gas", "heating"):
        assert clocks.default_receipt(utility, life_risk=False) == clocks.Receipt(minutes=30)
    assert clocks.default_receipt("telecom", life_risk=False) == clocks.Receipt(working_days=1)
    assert clocks.default_receipt("sewage", life_risk=False) == clocks.Receipt(working_days=1)


def test_one_working_day_from_a_tuesday_is_wednesday_same_time() -> None:
    assert clocks.add_working_days(TUESDAY_10AM, 1) == datetime(2021, 6, 2, 10, 0, tzinfo=SH)


def test_one_working_day_from_friday_afternoon_is_monday_afternoon() -> None:
    assert clocks.add_working_days(FRIDAY_4PM, 1) == datetime(2021, 6, 7, 16, 0, tzinfo=SH)


def test_a_saturday_request_counts_monday_as_its_working_day() -> None:
    assert clocks.add_working_days(SATURDAY_10AM, 1) == datetime(2021, 6, 8, 0, 0, tzinfo=SH)


def test_a_callers_life_risk_shortens_any_clock_to_15_minutes() -> None:
    due = clocks.receipt_due(FRIDAY_4PM, clocks.Receipt(working_days=1), life_risk=True)
    assert due == datetime(2021, 6, 4, 16, 15, tzinfo=SH)


def _file(world: World, kind: object, now: datetime, life_risk: bool = False) -> Ticket:
    intake = Intake(service_type=kind, description="x", channel="hotline", address="丹东里3号楼", life_risk=life_risk)  # type: ignore[arg-type]
    return file_request(world.binhai, world.alice, intake, now=now).ticket


@pytest.mark.django_db
def test_water_request_must_be_received_in_30_minutes(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.water_outage, TUESDAY_10AM)
    ticket.refresh_from_db()
    assert ticket.acknowledge_due_at == datetime(2021, 6, 1, 10, 30, tzinfo=SH)
    assert ticket.due_at == datetime(2021, 6, 2, 10, 0, tzinfo=SH)
    assert ticket.priority == Priority.NORMAL


@pytest.mark.django_db
def test_gas_leak_is_urgent_with_a_15_minute_clock(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.gas_leak, TUESDAY_10AM)
    ticket.refresh_from_db()
    assert ticket.acknowledge_due_at == datetime(2021, 6, 1, 10, 15, tzinfo=SH)
    assert ticket.due_at == datetime(2021, 6, 1, 14, 0, tzinfo=SH)
    assert ticket.priority == Priority.URGENT


@pytest.mark.django_db
def test_cable_request_on_friday_must_be_received_by_monday(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.telecom_cable, FRIDAY_4PM)
    ticket.refresh_from_db()
    assert ticket.acknowledge_due_at == datetime(2021, 6, 7, 16, 0, tzinfo=SH)
    assert ticket.due_at == datetime(2021, 6, 9, 16, 0, tzinfo=SH)


@pytest.mark.django_db
def test_a_unit_changes_a_types_clock(world: World, alliance: Alliance) -> None:
    alliance.water_outage.receipt_minutes = 60
    alliance.water_outage.save()
    ticket = _file(world, alliance.water_outage, TUESDAY_10AM)
    ticket.refresh_from_db()
    assert ticket.acknowledge_due_at == datetime(2021, 6, 1, 11, 0, tzinfo=SH)


@pytest.mark.django_db
def test_an_unreceived_request_escalates_once_its_clock_runs_out(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.water_outage, TUESDAY_10AM)
    assert sla.sweep(world.binhai, now=datetime(2021, 6, 1, 10, 29, tzinfo=SH)) == {"escalated": 0}
    assert sla.sweep(world.binhai, now=datetime(2021, 6, 1, 10, 31, tzinfo=SH)) == {"escalated": 1}
    ticket.refresh_from_db()
    assert ticket.priority == Priority.HIGH
    assert Ticket.objects.for_tenant(world.binhai).overdue(datetime(2021, 6, 1, 10, 31, tzinfo=SH)).count() == 1
