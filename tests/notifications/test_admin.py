"""Staff see their unit's messages in the admin, masked; a failed one can be sent again; another unit's is a 404."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from portal.accounts.models import User
from portal.notifications import services
from portal.notifications.base import Message
from portal.notifications.models import Delivery
from tests.personas import World

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _staff(user: User) -> Client:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="notifications"))
    client = Client()
    client.force_login(user)
    return client


def _failed(world: World) -> Delivery:
    delivery = services.send(world.binhai, Message("sms", "13812345678", "工单", "已受理。"), now=T0)
    Delivery.objects.all_tenants().filter(pk=delivery.pk).update(
        status="failed", attempts=8, last_error="the sms gateway answered 503"
    )
    return delivery


def test_alice_sees_binhais_failed_message_with_the_number_masked(world: World) -> None:
    delivery = _failed(world)
    page = _staff(world.alice).get(reverse("admin:notifications_delivery_changelist")).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    assert "发送失败" in page
    detail = _staff(world.alice).get(reverse("admin:notifications_delivery_change", args=[delivery.pk]))
    assert "the sms gateway answered 503" in detail.content.decode()


def test_alice_sends_a_failed_message_again(world: World) -> None:
    delivery = _failed(world)
    response = _staff(world.alice).post(
        reverse("admin:notifications_delivery_changelist"),
        {"action": "send_again", "_selected_action": [str(delivery.pk)]},
    )
    assert response.status_code == 302
    again = Delivery.objects.all_tenants().get(pk=delivery.pk)
    assert (again.status, again.attempts) == ("queued", 0)


def test_charlie_gets_404_for_binhais_message(world: World) -> None:
    delivery = _failed(world)
    client = _staff(world.charlie)
    assert client.get(reverse("admin:notifications_delivery_change", args=[delivery.pk])).status_code == 404
    assert "138****5678" not in client.get(reverse("admin:notifications_delivery_changelist")).content.decode()
