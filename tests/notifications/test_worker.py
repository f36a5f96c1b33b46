"""Delivery as a job, end to end: the real Celery worker sends an SMS to the local gateway, which
refuses the first two attempts; the beat task hands the retries over once their waits are over.
The worker's waits are 1 s and 2 s (``PORTAL_NOTIFY_RETRY_SECONDS=1`` in its environment)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction

from portal.notifications import services
from portal.notifications.base import Message
from portal.notifications.models import Delivery
from tests.conftest import WORKER_GATEWAY_TOKEN, WORKER_RETRY_SECONDS
from tests.notifications.gateway import LocalGateway
from tests.personas import World

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
TIMEOUT_SECONDS = 30


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _delivery(pk: int) -> Delivery:
    return Delivery.objects.all_tenants().get(pk=pk)


def test_the_worker_retries_a_refusing_gateway_with_doubling_waits_until_the_sms_goes_out(
    world: World, celery_worker: Any, notify_gateway: LocalGateway
) -> None:
    notify_gateway.reset(fail_next=2)
    with transaction.atomic():
        pk = services.send(world.binhai, Message("sms", "13812345678", "工单", "已受理。"), key="worker.retry").pk
    # The commit handed it to the worker: attempt 1 is refused, the next one waits 1 s.
    _wait_for(lambda: _delivery(pk).status == "retrying", "the first attempt")
    first = _delivery(pk)
    assert first.attempts == 1
    assert first.next_attempt_at is not None
    assert first.attempted_at is not None
    assert first.next_attempt_at - first.attempted_at == timedelta(seconds=WORKER_RETRY_SECONDS)
    assert services.due(first.attempted_at) == []  # not due during its wait

    _wait_for(lambda: services.due() == [pk], "the first wait to end")
    assert services.send_due() == 1
    _wait_for(lambda: _delivery(pk).attempts == 2 and _delivery(pk).status == "retrying", "the second attempt")
    second = _delivery(pk)
    assert second.next_attempt_at is not None
    assert second.attempted_at is not None
    assert second.next_attempt_at - second.attempted_at == timedelta(seconds=2 * WORKER_RETRY_SECONDS)

    _wait_for(lambda: services.due() == [pk], "the second wait to end")
    assert services.send_due() == 1
    _wait_for(lambda: _delivery(pk).status == "sent", "the third attempt")
    assert (_delivery(pk).attempts, _delivery(pk).backend) == (3, "sms")

    received = notify_gateway.requests_to("/sms")
    assert [r.status for r in received] == [503, 503, 200]
    assert {r.authorization for r in received} == {f"Bearer {WORKER_GATEWAY_TOKEN}"}
    assert received[-1].payload == {"id": "worker.retry", "to": "13812345678", "text": "已受理。"}
    # No retry reached the gateway before its wait was over.
    assert received[1].at >= first.next_attempt_at.timestamp()
    assert received[2].at >= second.next_attempt_at.timestamp()


def test_in_the_embedded_mode_a_thread_of_the_web_process_delivers(
    world: World, notify_gateway: LocalGateway, settings: Any
) -> None:
    notify_gateway.reset()
    settings.JOBS_BACKEND = "inprocess"
    settings.NOTIFY_GATEWAYS = {"sms": {"url": f"{notify_gateway.url}/embedded-sms", "token": "t", "timeout": 5}}
    with transaction.atomic():
        pk = services.send(world.binhai, Message("sms", "13812345678", "工单", "已办结。")).pk
    _wait_for(lambda: _delivery(pk).status == "sent", "the in-process delivery")
    assert [r.payload["text"] for r in notify_gateway.requests_to("/embedded-sms")] == ["已办结。"]
