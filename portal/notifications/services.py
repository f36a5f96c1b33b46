"""Sending a message: record it with the caller's change, deliver it after commit, retry until it goes out.

Each attempt claims the row with a conditional UPDATE (queued or due for retry → sending), so a
message handed to two workers — the commit hook's and the beat task's — is still tried once at a
time. The backend is called outside any transaction: a slow gateway holds no database lock.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.notifications.backends import backend_for
from portal.notifications.base import DeliveryError, Message
from portal.notifications.models import Delivery
from portal.tenancy.models import Tenant

log = logging.getLogger(__name__)

# A message whose commit-time hand-over did not start within this long is handed over again by the beat.
LOST_AFTER = timedelta(minutes=1)
# An attempt still "sending" after this long died with its worker; the message may be tried again.
STALE_AFTER = timedelta(minutes=10)
# Waits between attempts double from NOTIFY_RETRY_SECONDS up to this.
MAX_RETRY_DELAY = timedelta(hours=1)

_executor: ThreadPoolExecutor | None = None


def retry_delay(failed_attempts: int) -> timedelta:
    """The wait after the ``failed_attempts``-th failure: base, 2 × base, 4 × base … at most an hour."""
    base = timedelta(seconds=settings.NOTIFY_RETRY_SECONDS)
    return min(base * 2 ** (failed_attempts - 1), MAX_RETRY_DELAY)


def send(
    tenant: Tenant, message: Message, *, key: str = "", programme: str = "core", now: datetime | None = None
) -> Delivery:
    """Record ``message`` and deliver it once the caller's transaction commits (nothing goes out for a
    change that was rolled back). A ``key`` already used for this tenant returns that delivery instead
    of making a second one."""
    now = now or timezone.now()
    delivery = Delivery(
        tenant=tenant,
        programme=programme,
        key=key[:120],
        channel=message.channel,
        address=message.address[:120],
        recipient_name=message.recipient_name[:60],
        subject=message.subject[:200],
        body=message.body[:1000],
        next_attempt_at=now,
    )
    try:
        with transaction.atomic():
            delivery.save()
    except IntegrityError:
        if not key:
            raise
        return Delivery.objects.for_tenant(tenant).get(key=key[:120])
    transaction.on_commit(lambda: dispatch(delivery.pk))
    return delivery


def dispatch(delivery_id: int) -> None:
    """Hand one delivery to the worker (Celery), or to a thread of this process in the embedded mode."""
    if settings.JOBS_BACKEND == "inprocess":
        _in_process_executor().submit(_deliver_in_thread, delivery_id)
    else:
        from portal.notifications.tasks import deliver_message

        deliver_message.delay(delivery_id)


def _in_process_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="portal-notify")
    return _executor


def _deliver_in_thread(delivery_id: int) -> None:
    close_old_connections()
    try:
        deliver(delivery_id)
    finally:
        connections.close_all()  # messages are few: a pool thread keeps no connection between them


def _claim(delivery_id: int, now: datetime) -> bool:
    claimable = Q(status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRYING], next_attempt_at__lte=now) | Q(
        status=Delivery.Status.SENDING, attempted_at__lt=now - STALE_AFTER
    )
    claimed = (
        Delivery.objects.all_tenants()
        .filter(claimable, pk=delivery_id)
        .update(status=Delivery.Status.SENDING, attempts=F("attempts") + 1, attempted_at=now, next_attempt_at=None)
    )
    return claimed == 1


def deliver(delivery_id: int, *, now: datetime | None = None) -> Delivery | None:
    """Make one attempt; None when the delivery is not due (sent, failed, waiting, or being sent)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = Delivery.objects.all_tenants().get(pk=delivery_id)
    message = Message(
        delivery.channel,
        delivery.address,
        delivery.subject,
        delivery.body,
        recipient_name=delivery.recipient_name,
        reference=delivery.key or f"delivery-{delivery.pk}",
    )
    backend = backend_for(delivery.channel)
    try:
        backend.send(message)
    except DeliveryError as exc:
        _record_failure(delivery, backend.name, str(exc), now)
    else:
        Delivery.objects.all_tenants().filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.SENT, sent_at=timezone.now(), last_error="", backend=backend.name
        )
    delivery.refresh_from_db()
    return delivery


def _record_failure(delivery: Delivery, backend: str, error: str, now: datetime) -> None:
    final = delivery.attempts >= settings.NOTIFY_MAX_ATTEMPTS
    # Only the id and the reason: the address is personal data and stays out of the log.
    log.warning(
        "delivery %s attempt %s failed%s: %s", delivery.pk, delivery.attempts, " (final)" if final else "", error
    )
    Delivery.objects.all_tenants().filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.FAILED if final else Delivery.Status.RETRYING,
        next_attempt_at=None if final else now + retry_delay(delivery.attempts),
        last_error=error[:300],
        backend=backend,
    )


def due(now: datetime | None = None) -> list[int]:
    """The deliveries to hand to the worker now: retries whose wait is over, first attempts whose
    hand-over was lost, attempts whose worker died."""
    now = now or timezone.now()
    waiting = Q(status=Delivery.Status.RETRYING, next_attempt_at__lte=now)
    lost = Q(status=Delivery.Status.QUEUED, next_attempt_at__lte=now - LOST_AFTER)
    stale = Q(status=Delivery.Status.SENDING, attempted_at__lt=now - STALE_AFTER)
    return list(
        Delivery.objects.all_tenants().filter(waiting | lost | stale).order_by("pk").values_list("pk", flat=True)
    )


def send_due(now: datetime | None = None) -> int:
    """Hand every due delivery over; the claim in ``deliver`` keeps a repeat from sending twice."""
    ids = due(now)
    for delivery_id in ids:
        dispatch(delivery_id)
    return len(ids)


def send_again(delivery: Delivery, *, now: datetime | None = None) -> bool:
    """Staff retry a failed message: it gets a fresh set of attempts. False if it was not failed."""
    now = now or timezone.now()
    with transaction.atomic():
        reset = (
            Delivery.objects.for_tenant(delivery.tenant)
            .filter(pk=delivery.pk, status=Delivery.Status.FAILED)
            .update(status=Delivery.Status.QUEUED, attempts=0, next_attempt_at=now)
        )
        if reset:
            transaction.on_commit(lambda: dispatch(delivery.pk))
    return reset == 1
