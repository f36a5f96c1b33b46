"""Every clock of the desk at a fixed moment (times in Asia/Shanghai, worked out by hand).

Working days are mainland China's: the 2025 National Day holiday (1–8 October off, Sunday 28
September and Saturday 11 October worked, 国办发明电〔2024〕12号) is where the old Monday-to-Friday
count went wrong.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from alliance import clocks
from alliance.intake import Intake, file_request
from portal.audit.models import ChangeRecord
from portal.tickets import sla
from portal.tickets.models import Priority, Ticket
from portal.tickets.sla import Span
from tests.alliance.conftest import Alliance
from tests.personas import World

SH = clocks.SHANGHAI
# 2021-06-04 was a Friday, an ordinary week.
FRIDAY_4PM = datetime(2021, 6, 4, 16, 0, tzinfo=SH)
TUESDAY_10AM = datetime(2021, 6, 1, 10, 0, tzinfo=SH)


def test_defaults_follow_tianjin_12345_practice() -> None:
    assert clocks.default_receipt("gas", life_risk=True) == clocks.Receipt(minutes=15)
    assert clocks.default_receipt("telecom", life_risk=True) == clocks.Receipt(minutes=15)
    for utility in ("water", "power", "gas", "heating"):
        assert clocks.default_receipt(utility, life_risk=False) == clocks.Receipt(minutes=30)
    assert clocks.default_receipt("telecom", life_risk=False) == clocks.Receipt(working_days=1)
    assert clocks.default_receipt("sewage", life_risk=False) == clocks.Receipt(working_days=1)


def test_a_working_day_receipt_runs_on_mainland_chinas_calendar() -> None:
    # One working day = 1440 minutes of working time on calendar CN.
    assert clocks.receipt_span(clocks.Receipt(working_days=1), life_risk=False) == Span(1440, "CN")
    assert clocks.receipt_span(clocks.Receipt(minutes=30), life_risk=False) == Span(30)


def test_a_callers_life_risk_shortens_any_clock_to_15_minutes() -> None:
    assert clocks.receipt_span(clocks.Receipt(working_days=1), life_risk=True) == Span(15)
    assert clocks.receipt_span(clocks.Receipt(minutes=10), life_risk=True) == Span(10)


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
    # 120 hours around the clock: Friday 4 June 16:00 + 5 days = Wednesday 9 June 16:00.
    assert ticket.due_at == datetime(2021, 6, 9, 16, 0, tzinfo=SH)


@pytest.mark.django_db
def test_a_request_filed_on_30_september_2025_is_due_after_the_national_day_holiday(
    world: World, alliance: Alliance
) -> None:
    ticket = _file(world, alliance.telecom_cable, datetime(2025, 9, 30, 16, 0, tzinfo=SH))
    ticket.refresh_from_db()
    # One working day from Tuesday 30 Sep 16:00: 1–8 Oct are off, Thursday 9 Oct is worked → 9 Oct 16:00.
    assert ticket.acknowledge_due_at == datetime(2025, 10, 9, 16, 0, tzinfo=SH)
    # 120 h around the clock would be 5 Oct 16:00, before receipt is due: resolution moves to 9 Oct 16:00.
    assert ticket.due_at == datetime(2025, 10, 9, 16, 0, tzinfo=SH)


@pytest.mark.django_db
def test_a_make_up_saturday_is_a_working_day_for_the_desk(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.telecom_cable, datetime(2025, 10, 10, 16, 0, tzinfo=SH))
    ticket.refresh_from_db()
    # Friday 10 Oct 16:00 → Saturday 11 Oct is worked (国庆 make-up day) → 11 Oct 16:00.
    assert ticket.acknowledge_due_at == datetime(2025, 10, 11, 16, 0, tzinfo=SH)
    # 10 Oct 16:00 + 120 h = 15 Oct 16:00.
    assert ticket.due_at == datetime(2025, 10, 15, 16, 0, tzinfo=SH)


@pytest.mark.django_db
def test_filing_writes_the_ticket_once_with_both_due_times(world: World, alliance: Alliance) -> None:
    ticket = _file(world, alliance.telecom_cable, datetime(2025, 9, 30, 16, 0, tzinfo=SH))
    trail = ChangeRecord.objects.for_tenant(world.binhai).filter(content_type__model="ticket", object_id=str(ticket.pk))
    assert list(trail.values_list("action", flat=True)) == [ChangeRecord.Action.CREATE]
    created = trail.get().after
    assert (created["acknowledge_due_at"], created["due_at"]) == (
        "2025-10-09 16:00:00+08:00",
        "2025-10-09 16:00:00+08:00",
    )


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
