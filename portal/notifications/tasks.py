"""Celery entry points. Thin: the work is in ``services``."""

from __future__ import annotations

from celery import shared_task

from portal.notifications import services


@shared_task(name="portal.notifications.tasks.deliver_message", acks_late=True, reject_on_worker_lost=True)
def deliver_message(delivery_id: int) -> str | None:
    delivery = services.deliver(delivery_id)
    return delivery.status if delivery is not None else None


@shared_task(name="portal.notifications.tasks.send_due")
def send_due() -> int:
    """Beat, every minute: hands over the retries whose wait is over (and lost or stalled attempts)."""
    return services.send_due()
