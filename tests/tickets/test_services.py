"""Services other programmes call: the generic subject link, assignment, the beat task."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import ChangeRecord
from portal.jobs.models import JobRun
from portal.stakeholders.models import Meeting, Organisation
from portal.tickets import services
from portal.tickets.models import Ticket
from portal.tickets.tasks import enqueue_sla_sweeps
from tests.personas import World


def _meeting(tenant: object, title: str) -> Meeting:
    return Meeting.objects.create(
        tenant=tenant, title=title, kind=Meeting.Kind.JOINT, held_at=datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    )


def test_a_follow_up_task_links_to_its_meeting_and_the_page_shows_it(world: World, bob_client: Client) -> None:
    meeting = _meeting(world.binhai, "十一月联席会")
    ticket = services.create_ticket(world.binhai, world.alice, title="落实路灯维修", kind="task", subject=meeting)
    stored = Ticket.objects.get(pk=ticket.pk)
    assert stored.subject == meeting
    assert "十一月联席会" in bob_client.get(reverse("tickets:detail", args=[ticket.pk])).content.decode()


def test_a_subject_of_another_tenant_is_refused(world: World) -> None:
    meeting = _meeting(world.wuqing, "武清例会")
    with pytest.raises(ValidationError) as caught:
        services.create_ticket(world.binhai, world.alice, title="越界", subject=meeting)
    assert list(caught.value.message_dict) == ["subject_id"]
    assert not Ticket.objects.exists()


def test_creating_in_code_refuses_another_tenants_organisation(world: World, wuqing_org: Organisation) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_ticket(
            world.binhai, world.alice, title="越界", assignee_org=wuqing_org, assignee_user=world.charlie
        )
    assert sorted(caught.value.message_dict) == ["assignee_org", "assignee_user"]
    assert not Ticket.objects.exists()


def test_assigning_writes_an_event_and_an_audit_record(
    world: World, alice_ticket: Ticket, binhai_org: Organisation
) -> None:
    ticket = services.assign(alice_ticket, world.alice, user=world.bob, org=binhai_org)
    assert (ticket.assignee_user, ticket.assignee_org) == (world.bob, binhai_org)
    assert ticket.events.latest("created_at", "id").note == "已分派给Bob、新港街道办事处。"
    update = ChangeRecord.objects.filter(object_id=str(ticket.pk), action="update").get()
    assert (update.before["assignee_user_id"], update.after["assignee_user_id"]) == (None, world.bob.pk)
    services.assign(ticket, world.alice)
    assert ticket.events.latest("created_at", "id").note == "已取消分派。"


def test_the_beat_task_queues_a_sweep_only_where_a_breach_waits(world: World) -> None:
    # Filed ten days ago at normal priority: 2 h to acknowledge, 72 h to resolve — both passed.
    ten_days_ago = timezone.now() - timedelta(days=10)
    for tenant in (world.binhai, world.wuqing, world.sgcc):
        services.create_ticket(tenant, world.alice, title="路灯不亮", now=ten_days_ago)
    services.create_ticket(world.tianjin, world.alice, title="刚提交")  # not due yet
    world.sgcc.is_active = False
    world.sgcc.save()

    assert enqueue_sla_sweeps() == 2

    runs = JobRun.objects.all_tenants().filter(name="tickets.sla_sweep")
    assert sorted(runs.values_list("tenant__slug", "trigger")) == [("binhai", "schedule"), ("wuqing", "schedule")]
