"""The demo's tickets are opened through the ticket services, with history and SLA times that fit."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from portal.demo.data import UNITS
from portal.demo.data.schema import when
from portal.tenancy.models import Tenant
from portal.tickets.models import Ticket, TicketEvent


def test_each_unit_has_its_tickets_in_several_statuses(demo: Counter[str]) -> None:
    assert demo["tickets.Ticket"] == sum(len(unit.tickets) for unit in UNITS) == 46
    for unit in UNITS:
        statuses = set(Ticket.objects.for_tenant(Tenant.objects.get(slug=unit.slug)).values_list("status", flat=True))
        assert len(statuses) >= 3, unit.slug


def test_a_historical_ticket_keeps_its_dates_and_its_history(demo: Counter[str]) -> None:
    binhai = Tenant.objects.get(slug="binhai")
    ticket = Ticket.objects.for_tenant(binhai).get(title="丹东里3号楼楼道废旧线缆杂乱")
    opened = when("2020-08-24 10:12")
    assert ticket.reference == "BH-202008-0001"
    assert ticket.created_at == opened
    assert ticket.due_at == opened + timedelta(hours=72)
    assert ticket.acknowledged_at == opened + timedelta(hours=1.5)
    assert ticket.resolved_at == opened + timedelta(hours=600)
    assert ticket.closed_at == opened + timedelta(hours=620)
    assert ticket.status == "closed"
    history = list(ticket.events.values_list("kind", "to_status", "created_at", "actor__username"))
    assert history == [
        ("created", "new", opened, "binhai-staff"),
        ("assigned", "", opened, "binhai-staff"),
        ("status", "acknowledged", opened + timedelta(hours=1.5), "binhai-staff"),
        ("status", "in_progress", opened + timedelta(hours=30), "binhai-staff"),
        ("status", "resolved", opened + timedelta(hours=600), "binhai-staff"),
        ("status", "closed", opened + timedelta(hours=620), "binhai-admin"),
    ]
    assert ticket.sla_state.resolve == "breached"  # folded into the clean-up campaign, long after 72 hours


def test_recent_tickets_are_placed_in_the_last_weeks(demo: Counter[str]) -> None:
    binhai = Tenant.objects.get(slug="binhai")
    ticket = Ticket.objects.for_tenant(binhai).get(title="向阳里12号楼单元停电兼自来水无压")
    age = timezone.now() - ticket.created_at
    assert timedelta(days=2.3) <= age < timedelta(days=2.3, minutes=5)
    assert ticket.channel == "card_qr"
    assert (ticket.assignee_user.username, ticket.assignee_org.name) == ("binhai-grid", "滨海水务公司")
    assert ticket.status == "resolved"
    assert ticket.resolved_at - ticket.created_at == timedelta(hours=2.1)


def test_every_status_change_has_one_event_in_time_order(demo: Counter[str]) -> None:
    for ticket in Ticket.objects.all_tenants().prefetch_related("events"):
        events = list(ticket.events.all())
        assert events[0].kind == TicketEvent.Kind.CREATED
        times = [e.created_at for e in events]
        assert times == sorted(times), ticket.title
        # The loader back-dates its tickets exactly; the care code's alerts are written as they open.
        assert abs((times[0] - ticket.created_at).total_seconds()) < 1, ticket.title
        statuses = [e.to_status for e in events if e.kind == TicketEvent.Kind.STATUS]
        assert statuses[-1:] == [ticket.status] or (not statuses and ticket.status == "new"), ticket.title


def test_only_the_three_tickets_meant_to_be_late_are_overdue(demo: Counter[str]) -> None:
    overdue = set(Ticket.objects.all_tenants().overdue().values_list("title", flat=True))
    assert overdue == {"关爱对象用电明显异动（红码）·福东北里", "解放里社区配变重载告警", "潮宗桥村民宿集中区线路老化"}


def test_reference_numbers_count_up_in_the_order_tickets_were_opened(demo: Counter[str]) -> None:
    binhai = Tenant.objects.get(slug="binhai")
    by_month: dict[str, list[str]] = {}
    for ticket in Ticket.objects.for_tenant(binhai).order_by("created_at"):
        month, number = ticket.reference.rsplit("-", 1)
        by_month.setdefault(month, []).append(number)
    assert sum(len(numbers) for numbers in by_month.values()) == 7
    for numbers in by_month.values():
        assert numbers == [f"{n:04d}" for n in range(1, len(numbers) + 1)]
