"""Telling requesters how their request goes: one package, one backend per channel.

``ALLIANCE_NOTIFY_BACKENDS`` maps a channel (sms, wechat, email) to a dotted backend class; every
channel uses ``LoggingBackend`` unless configured. ``send_update`` records a ``Notification`` row in
the caller's transaction and hands it to the backend after commit, so a rolled-back change tells
nobody anything.

Every public status change of an alliance request is an update for its requester, whichever page or
endpoint made it: ``send_pending`` finds the public status events no update was made for yet (the
``Notification.event`` key makes each one go out once) and sends them. The desk calls it as it
changes a status; a periodic task catches the changes made elsewhere (the core ticket pages, the API).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from alliance.models import DeskRequest, Notification
from alliance.notify.base import Backend, DeliveryError, Message
from portal.tenancy.models import Tenant
from portal.tickets.models import TicketEvent

# Changes older than this are history, not news: a first run never sends a backlog.
PENDING_WINDOW = timedelta(days=1)

DEFAULT_BACKEND = "alliance.notify.logging.LoggingBackend"


def backend_for(channel: str) -> Backend:
    configured: dict[str, str] = getattr(settings, "ALLIANCE_NOTIFY_BACKENDS", {})
    backend: Backend = import_string(configured.get(channel, DEFAULT_BACKEND))()
    return backend


def send_update(
    request: DeskRequest, subject: str, body: str, *, event: TicketEvent | None = None
) -> Notification | None:
    """Queue an update for the requester if they asked for updates; ``None`` when they did not, or
    when this event's update was already made."""
    if not request.notify_channel or not request.notify_address:
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                tenant_id=request.tenant_id,
                request=request,
                event=event,
                channel=request.notify_channel,
                address=request.notify_address,
                body=body[:1000],
            )
    except IntegrityError:  # another run made this event's update a moment ago
        return None
    message = Message(request.notify_channel, request.notify_address, subject, body)
    transaction.on_commit(lambda: deliver(notification, message))
    return notification


def send_pending(tenant: Tenant) -> int:
    """Send the updates of the tenant's recent public status changes that have none yet."""
    since = timezone.now() - PENDING_WINDOW
    told = Notification.objects.for_tenant(tenant).filter(event__isnull=False).values("event_id")
    events = (
        TicketEvent.objects.for_tenant(tenant)
        .filter(
            kind=TicketEvent.Kind.STATUS,
            public=True,
            created_at__gte=since,
            ticket__alliance_request__isnull=False,
        )
        .exclude(ticket__alliance_request__notify_channel="")
        .exclude(pk__in=told)
        .select_related("ticket__alliance_request")
        .order_by("pk")
    )
    sent = 0
    for event in events:
        request = event.ticket.alliance_request
        subject = _("Request %(reference)s") % {"reference": event.ticket.reference}
        sent += send_update(request, subject, event.note, event=event) is not None
    return sent


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
