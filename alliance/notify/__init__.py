"""Telling requesters how their request goes: one package, one backend per channel.

``ALLIANCE_NOTIFY_BACKENDS`` maps a channel (sms, wechat, email) to a dotted backend class; every
channel uses ``LoggingBackend`` unless configured. ``send_update`` records a ``Notification`` row in
the caller's transaction and hands it to the backend after commit, so a rolled-back change tells
nobody anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from alliance.models import DeskRequest, Notification
from alliance.notify.base import Backend, DeliveryError, Message

DEFAULT_BACKEND = "alliance.notify.logging.LoggingBackend"


def backend_for(channel: str) -> Backend:
    configured: dict[str, str] = getattr(settings, "ALLIANCE_NOTIFY_BACKENDS", {})
    backend: Backend = import_string(configured.get(channel, DEFAULT_BACKEND))()
    return backend


def send_update(request: DeskRequest, subject: str, body: str) -> Notification | None:
    """Queue an update for the requester if they asked for updates; ``None`` when they did not."""
    if not request.notify_channel or not request.notify_address:
        return None
    notification = Notification.objects.create(
        tenant_id=request.tenant_id,
        request=request,
        channel=request.notify_channel,
        address=request.notify_address,
        body=body[:1000],
    )
    message = Message(request.notify_channel, request.notify_address, subject, body)
    transaction.on_commit(lambda: deliver(notification, message))
    return notification


def deliver(notification: Notification, message: Message) -> None:
    backend = backend_for(message.channel)
    error = ""
    try:
        backend.send(message)
    except DeliveryError as exc:
        error = str(exc)[:300]
    Notification.objects.all_tenants().filter(pk=notification.pk).update(
        backend=backend.name, sent_at=None if error else timezone.now(), error=error
    )
