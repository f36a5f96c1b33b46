"""Routing, joint visits, not-ours, duplicates and +1, notes the requester sees, satisfaction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from alliance import actions
from alliance.intake import Intake, file_request, find_duplicates, plus_one, route
from alliance.models import DeskRequest, Notification
from portal.tickets.models import Ticket
from tests.alliance.conftest import Alliance
from tests.personas import World

pytestmark = pytest.mark.django_db


def _file(world: World, kind: object, **extra: object) -> DeskRequest:
    fields: dict[str, object] = {"description": "楼里没水", "channel": "hotline", "address": "丹东里3号楼"}
    fields.update(extra)
    return file_request(world.binhai, world.alice, Intake(service_type=kind, **fields))  # type: ignore[arg-type]


def test_a_request_goes_to_the_member_answering_for_its_type(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.power_outage)
    assert filed.ticket.assignee_org == alliance.power.organisation
    assert filed.ticket.programme == "alliance"
    assert filed.ticket.category == "power-outage"


def test_a_place_with_its_own_water_company_routes_water_there(world: World, alliance: Alliance) -> None:
    assert route(alliance.water_outage, alliance.park) == alliance.park_water
    assert route(alliance.water_outage, alliance.dandong) == alliance.water
    filed = _file(world, alliance.water_outage, place=alliance.park)
    assert filed.ticket.assignee_org == alliance.park_water.organisation


def test_a_joint_visit_opens_one_task_per_member_under_a_lead(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.power_outage)
    children = actions.joint_visit(filed, world.alice, [alliance.power, alliance.water], alliance.water)
    assert sorted(str(c.assignee_org) for c in children) == ["滨海供电公司", "滨海水务公司"]
    assert all(c.parent_id == filed.ticket.pk for c in children)
    filed.refresh_from_db()
    assert filed.lead_member == alliance.water
    assert filed.ticket.assignee_org == alliance.water.organisation
    assert actions.joint_visit(filed, world.alice, [alliance.power, alliance.water], alliance.water) == []


def test_a_joint_visit_needs_its_lead_among_the_members(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.power_outage)
    with pytest.raises(ValidationError):
        actions.joint_visit(filed, world.alice, [alliance.power, alliance.water], alliance.gas)
    with pytest.raises(ValidationError):
        actions.joint_visit(filed, world.alice, [alliance.power], alliance.power)
    assert filed.ticket.children.count() == 0


def test_not_ours_needs_a_reason_and_passes_the_request_on(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.water_outage)
    with pytest.raises(ValidationError):
        actions.not_ours(filed, world.bob, "  ", alliance.power)
    actions.not_ours(filed, world.bob, "是小区二次供水泵房停电。", alliance.power)
    ticket = Ticket.objects.for_tenant(world.binhai).get(pk=filed.ticket.pk)
    assert ticket.assignee_org == alliance.power.organisation
    assert "二次供水泵房停电" in ticket.comments.get().body


def test_same_type_nearby_and_recent_is_suggested_as_duplicate(world: World, alliance: Alliance) -> None:
    first = _file(world, alliance.water_outage, place=alliance.dandong)
    assert find_duplicates(world.binhai, alliance.water_outage, alliance.dandong) == [first]
    # 39.021, 117.65 is ~111 m north of the first request's point (the place's): near enough.
    assert find_duplicates(world.binhai, alliance.water_outage, None, (39.021, 117.65)) == [first]
    assert find_duplicates(world.binhai, alliance.water_outage, None, (39.03, 117.65)) == []
    assert find_duplicates(world.binhai, alliance.power_outage, alliance.dandong) == []


def test_plus_one_counts_instead_of_a_new_request(world: World, alliance: Alliance) -> None:
    first = _file(world, alliance.water_outage, place=alliance.dandong)
    assert plus_one(first, "card_qr") == 1
    assert plus_one(first, "hotline") == 2
    assert DeskRequest.objects.for_tenant(world.binhai).count() == 1


def test_every_status_change_carries_a_public_note_sent_to_the_requester(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.water_outage, notify_channel="sms", notify_address="13800000001")
    actions.change_status(filed, "acknowledged", world.bob)
    actions.change_status(filed, "resolved", world.bob, "已更换阀门，恢复供水。", one_visit=True)
    notes = list(filed.ticket.events.filter(kind="status").values_list("note", "public"))
    assert filed.ticket.reference in notes[0][0]  # no note typed, no canned reply: the default sentence
    assert notes[0][1] is True
    assert notes[1] == ("已更换阀门，恢复供水。", True)
    assert [n.delivery.body for n in Notification.objects.for_tenant(world.binhai)][-1] == "已更换阀门，恢复供水。"
    filed.refresh_from_db()
    assert filed.one_visit is True


def test_satisfaction_is_asked_once_after_resolution(world: World, alliance: Alliance) -> None:
    filed = _file(world, alliance.water_outage)
    with pytest.raises(ValidationError):
        actions.rate(filed, 5)
    actions.change_status(filed, "acknowledged", world.bob)
    actions.change_status(filed, "resolved", world.bob, "好了")
    filed.ticket.refresh_from_db()
    actions.rate(filed, 4, "师傅很快")
    with pytest.raises(ValidationError):
        actions.rate(filed, 1)
    filed.refresh_from_db()
    assert (filed.satisfaction, filed.satisfaction_comment) == (4, "师傅很快")


def test_a_request_without_any_location_is_refused(world: World, alliance: Alliance) -> None:
    with pytest.raises(ValidationError) as caught:
        file_request(
            world.binhai,
            world.alice,
            Intake(service_type=alliance.water_outage, description="没水", channel="hotline"),
        )
    assert "address" in caught.value.message_dict
    assert Ticket.objects.for_tenant(world.binhai).count() == 0


def test_another_tenants_service_type_is_refused(world: World, alliance: Alliance) -> None:
    intake = Intake(
        service_type=alliance.water_outage,
        description="没水",
        channel="hotline",
        latitude=Decimal(1),
        longitude=Decimal(1),
    )
    with pytest.raises(ValidationError):
        file_request(world.wuqing, world.charlie, intake)
    assert Ticket.objects.all_tenants().count() == 0


def test_a_status_change_made_on_the_core_ticket_page_still_reaches_the_requester_once(
    world: World, alliance: Alliance
) -> None:
    from alliance import notify
    from alliance.tasks import send_requester_updates
    from portal.tickets import services as tickets

    filed = _file(world, alliance.water_outage, notify_channel="sms", notify_address="13800000001")
    tickets.transition(filed.ticket, "acknowledged", world.bob, "已受理，维修人员正在赶来。", public=True)
    tickets.transition(filed.ticket, "in_progress", world.bob, "内部备注：先查阀门", public=False)
    assert Notification.objects.for_tenant(world.binhai).count() == 0

    assert send_requester_updates() == 1
    sent = Notification.objects.for_tenant(world.binhai).get()
    assert (sent.delivery.body, sent.delivery.address, sent.event.to_status) == (
        "已受理，维修人员正在赶来。",
        "13800000001",
        "acknowledged",
    )
    assert notify.send_pending(world.binhai) == 0  # once only


def test_the_desk_sends_one_update_per_status_change_not_two(world: World, alliance: Alliance) -> None:
    from alliance import notify

    filed = _file(world, alliance.water_outage, notify_channel="sms", notify_address="13800000001")
    actions.change_status(filed, "acknowledged", world.bob, "已受理。")
    actions.change_status(filed, "resolved", world.bob, "已修复。", one_visit=True)
    assert notify.send_pending(world.binhai) == 0
    assert list(Notification.objects.for_tenant(world.binhai).values_list("delivery__body", flat=True)) == [
        "已受理。",
        "已修复。",
    ]
