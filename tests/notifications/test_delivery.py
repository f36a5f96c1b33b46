"""Delivering messages: attempts against a real local HTTP gateway, retries with doubling waits, the
final failure, idempotency keys and masked logs. Attempts are made in the test process with a fixed
``now`` so every wait can be checked to the second; tests/notifications/test_worker.py does the same
through the real Celery worker."""

from __future__ import annotations

import logging
import socket
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from portal.notifications import checks, services
from portal.notifications.base import Message
from portal.notifications.models import Delivery
from tests.notifications.gateway import LocalGateway
from tests.personas import World

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 3, 9, 0, tzinfo=SH)
TOKEN = "in-process-token"
SMS = Message("sms", "13812345678", "工单 BH-202612-0001", "已受理，维修人员正在赶来。", recipient_name="张三丰")


@pytest.fixture
def gateway(notify_gateway: LocalGateway, settings: Any) -> LocalGateway:
    notify_gateway.reset()
    settings.NOTIFY_GATEWAYS = {
        "sms": {"url": f"{notify_gateway.url}/sms", "token": TOKEN, "timeout": 5},
        "wechat": {"url": f"{notify_gateway.url}/wechat", "token": TOKEN, "timeout": 5},
    }
    settings.NOTIFY_RETRY_SECONDS = 60
    settings.NOTIFY_MAX_ATTEMPTS = 8
    return notify_gateway


def _reload(delivery: Delivery) -> Delivery:
    return Delivery.objects.all_tenants().get(pk=delivery.pk)


def test_a_failing_gateway_is_retried_with_doubling_waits_until_the_sms_goes_out(
    world: World, gateway: LocalGateway
) -> None:
    gateway.reset(fail_next=2)
    delivery = services.send(world.binhai, SMS, key="test.update.1", now=T0)

    first = services.deliver(delivery.pk, now=T0)
    assert first is not None
    # Failed once: wait the base, 60 s.
    assert (first.status, first.attempts, first.next_attempt_at) == ("retrying", 1, T0 + timedelta(seconds=60))
    assert first.last_error == "the sms gateway answered 503"

    assert services.deliver(delivery.pk, now=T0 + timedelta(seconds=59)) is None  # not due yet: no attempt
    assert len(gateway.requests_to("/sms")) == 1

    second = services.deliver(delivery.pk, now=T0 + timedelta(seconds=60))
    assert second is not None
    # Failed twice: wait twice the base, 120 s from the second attempt (T0 + 60 s) → T0 + 180 s.
    assert (second.status, second.attempts, second.next_attempt_at) == ("retrying", 2, T0 + timedelta(seconds=180))

    third = services.deliver(delivery.pk, now=T0 + timedelta(seconds=180))
    assert third is not None
    assert (third.status, third.attempts, third.last_error, third.backend) == ("sent", 3, "", "sms")
    assert [r.status for r in gateway.requests_to("/sms")] == [503, 503, 200]


def test_the_gateway_gets_the_message_with_the_token_and_our_key(world: World, gateway: LocalGateway) -> None:
    sms = services.send(world.binhai, SMS, key="test.update.2", now=T0)
    wechat = services.send(world.binhai, Message("wechat", "oWx-1234abcd", "工单进度", "已办结。"), now=T0)
    services.deliver(sms.pk, now=T0)
    services.deliver(wechat.pk, now=T0)
    (sent_sms,) = gateway.requests_to("/sms")
    (sent_wechat,) = gateway.requests_to("/wechat")
    assert sent_sms.authorization == f"Bearer {TOKEN}"
    assert sent_sms.payload == {"id": "test.update.2", "to": "13812345678", "text": "已受理，维修人员正在赶来。"}
    assert sent_wechat.payload == {
        "id": f"delivery-{wechat.pk}",  # no key given: the delivery's own id
        "touser": "oWx-1234abcd",
        "title": "工单进度",
        "content": "已办结。",
    }


def test_after_the_last_attempt_the_message_stays_failed_until_staff_send_it_again(
    world: World, gateway: LocalGateway, settings: Any
) -> None:
    settings.NOTIFY_MAX_ATTEMPTS = 3
    gateway.reset(fail_next=3)
    delivery = services.send(world.binhai, SMS, now=T0)
    # Attempts at T0, T0 + 60 s and T0 + 60 + 120 s; the third failure is the last.
    for offset in (0, 60, 180):
        services.deliver(delivery.pk, now=T0 + timedelta(seconds=offset))
    failed = _reload(delivery)
    assert (failed.status, failed.attempts, failed.next_attempt_at) == ("failed", 3, None)
    assert failed.last_error == "the sms gateway answered 503"
    assert services.deliver(delivery.pk, now=T0 + timedelta(days=1)) is None
    assert services.due(T0 + timedelta(days=1)) == []

    assert services.send_again(failed, now=T0 + timedelta(days=1)) is True
    assert services.send_again(failed, now=T0 + timedelta(days=1)) is False  # queued now, not failed
    again = services.deliver(delivery.pk, now=T0 + timedelta(days=1))
    assert again is not None
    assert (again.status, again.attempts) == ("sent", 1)


def test_an_unreachable_gateway_is_a_failed_attempt(world: World, settings: Any) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.NOTIFY_GATEWAYS = {"sms": {"url": f"http://127.0.0.1:{port}/sms", "token": "", "timeout": 2}}
    settings.NOTIFY_RETRY_SECONDS = 60
    delivery = services.send(world.binhai, SMS, now=T0)
    attempted = services.deliver(delivery.pk, now=T0)
    assert attempted is not None
    assert attempted.status == "retrying"
    assert attempted.last_error.startswith("the sms gateway could not be reached")


def test_the_same_key_never_makes_a_second_message(world: World, gateway: LocalGateway) -> None:
    first = services.send(world.binhai, SMS, key="alliance.update.7", now=T0)
    second = services.send(world.binhai, SMS, key="alliance.update.7", now=T0)
    assert second.pk == first.pk
    assert Delivery.objects.for_tenant(world.binhai).count() == 1
    # Another unit may use the same key for its own message.
    assert services.send(world.wuqing, SMS, key="alliance.update.7", now=T0).pk != first.pk


def test_a_message_leaves_only_after_its_change_commits(
    world: World, gateway: LocalGateway, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as handed_over:
        services.send(world.binhai, SMS, now=T0)
    assert len(handed_over) == 1
    with django_capture_on_commit_callbacks() as handed_over_after_rollback:
        _send_then_fail(world)
    assert handed_over_after_rollback == []
    assert Delivery.objects.for_tenant(world.binhai).count() == 1


def _send_then_fail(world: World) -> None:
    try:
        with transaction.atomic():
            services.send(world.binhai, SMS, now=T0)
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass


def test_the_beat_hands_over_due_retries_lost_first_attempts_and_stalled_ones(
    world: World, gateway: LocalGateway
) -> None:
    retrying = services.send(world.binhai, SMS, now=T0)
    gateway.reset(fail_next=1)
    services.deliver(retrying.pk, now=T0)  # next attempt at T0 + 60 s
    lost = services.send(world.binhai, SMS, now=T0)  # its commit-time hand-over never ran
    stalled = services.send(world.binhai, SMS, now=T0)
    Delivery.objects.all_tenants().filter(pk=stalled.pk).update(status="sending", attempts=1, attempted_at=T0)
    assert services.due(T0 + timedelta(seconds=59)) == []
    # At 60 s the retry's wait is over, and a first attempt not started within a minute counts as lost.
    assert services.due(T0 + timedelta(seconds=60)) == [retrying.pk, lost.pk]
    # A worker that died mid-attempt: after 10 minutes its message may be tried again.
    assert services.due(T0 + timedelta(minutes=10, seconds=1)) == [retrying.pk, lost.pk, stalled.pk]


def test_without_a_gateway_the_log_shows_the_message_masked(
    world: World, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.NOTIFY_GATEWAYS = {"sms": {"url": ""}}
    message = Message("sms", "13812345678", "工单", "请回电 13987654321 联系师傅。", recipient_name="张三丰")
    delivery = services.send(world.binhai, message, now=T0)
    with caplog.at_level(logging.INFO, logger="portal.notifications"):
        sent = services.deliver(delivery.pk, now=T0)
    assert sent is not None
    assert (sent.status, sent.backend) == ("sent", "logging")
    assert "138****5678" in caplog.text
    assert "张**" in caplog.text
    assert "139****4321" in caplog.text
    for secret in ("13812345678", "13987654321", "张三丰"):
        assert secret not in caplog.text


def test_a_failed_attempt_logs_the_reason_but_not_the_number(
    world: World, gateway: LocalGateway, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.reset(fail_next=1)
    delivery = services.send(world.binhai, SMS, now=T0)
    with caplog.at_level(logging.WARNING, logger="portal.notifications.services"):
        services.deliver(delivery.pk, now=T0)
    assert f"delivery {delivery.pk} attempt 1 failed: the sms gateway answered 503" in caplog.text
    assert "13812345678" not in caplog.text


def test_a_malformed_gateway_address_stops_start_up_with_the_variables_name(settings: Any) -> None:
    settings.NOTIFY_GATEWAYS = {"sms": {"url": "sms.example.cn/send"}, "wechat": {"url": "https://wx.example.cn/send"}}
    problems = checks.gateway_urls()
    assert [(p.id, p.msg) for p in problems] == [
        (
            "notifications.E001",
            "PORTAL_SMS_GATEWAY_URL must be an http:// or https:// address, not 'sms.example.cn/send'",
        )
    ]
