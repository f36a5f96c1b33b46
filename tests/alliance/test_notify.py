"""Requester updates go through the core notifications package: one delivery per public status change,
keyed on the change, and its fate (sent, waiting to retry, failed) shown to staff on the desk page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alliance import actions
from alliance.intake import Intake, file_request
from alliance.models import DeskRequest, Notification
from portal.notifications import services as notifications
from portal.notifications.models import Delivery
from tests.alliance.conftest import Alliance
from tests.notifications.gateway import LocalGateway
from tests.personas import World

pytestmark = pytest.mark.django_db


def _file_with_sms(world: World, alliance: Alliance) -> DeskRequest:
    intake = Intake(
        service_type=alliance.water_outage,
        description="楼里没水",
        channel="hotline",
        address="丹东里3号楼",
        requester_name="李四",
        requester_phone="13800000001",
        notify_channel="sms",
        notify_address="13800000001",
    )
    return file_request(world.binhai, world.alice, intake)


def test_a_status_change_queues_one_sms_keyed_on_its_event(world: World, alliance: Alliance) -> None:
    filed = _file_with_sms(world, alliance)
    actions.change_status(filed, "acknowledged", world.bob, "已受理。")
    event = filed.ticket.events.get(kind="status")
    delivery = Notification.objects.for_tenant(world.binhai).get(event=event).delivery
    assert (delivery.key, delivery.programme, delivery.channel, delivery.address, delivery.body) == (
        f"alliance.update.{event.pk}",
        "alliance",
        "sms",
        "13800000001",
        "已受理。",
    )
    assert (delivery.status, delivery.recipient_name) == ("queued", "李四")


def test_staff_see_on_the_desk_page_that_an_update_could_not_be_delivered(
    world: World, alliance: Alliance, bob_client: Client, notify_gateway: LocalGateway, settings: Any
) -> None:
    settings.NOTIFY_GATEWAYS = {"sms": {"url": f"{notify_gateway.url}/sms", "token": "t", "timeout": 5}}
    settings.NOTIFY_MAX_ATTEMPTS = 1
    notify_gateway.reset(fail_next=1)
    filed = _file_with_sms(world, alliance)
    actions.change_status(filed, "acknowledged", world.bob, "已受理。")
    delivery = Delivery.objects.for_tenant(world.binhai).get()
    notifications.deliver(delivery.pk)
    page = bob_client.get(reverse("alliance:desk-detail", args=[filed.pk])).content.decode()
    assert "发送失败" in page
    assert "the sms gateway answered 503" in page


def test_charlie_does_not_see_binhais_desk_page(world: World, alliance: Alliance, charlie_client: Client) -> None:
    filed = _file_with_sms(world, alliance)
    assert charlie_client.get(reverse("alliance:desk-detail", args=[filed.pk])).status_code == 404
