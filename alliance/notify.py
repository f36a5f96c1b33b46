"""Telling requesters how their request goes, through the core notifications package.

``send_update`` records the alliance's ``Notification`` (request, status event) and its core
``Delivery`` in the caller's transaction; the delivery goes out as a background job after commit and
is retried until it does (``portal.notifications``). A rolled-back change tells nobody anything.

Every public status change of an alliance request is an update for its requester, whichever page or
endpoint made it: ``send_pending`` finds the public status events no update was made for yet (the
``Notification.event`` key, and the delivery's idempotency key ``alliance.update.<event>``, make
each one go out once) and sends them. The desk calls it as it changes a status; a periodic task
catches the changes made elsewhere (the core ticket pages, the API).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.models import DeskRequest, Notification
from portal.notifications import services as notifications
from portal.notifications.base import Message
from portal.tenancy.models import Tenant
from portal.tickets.models import TicketEvent

PROGRAMME = "alliance"
# Changes older than this are history, not news: a first run never sends a backlog.
PENDING_WINDOW = timedelta(days=1)


def update_key(event: TicketEvent) -> str:
    return f"alliance.update.{event.pk}"


def send_update(request: DeskRequest, subject: str, body: str, *, event: TicketEvent) -> Notification | None:
    """Queue the update about ``event`` for the requester if they asked for updates; ``None`` when
    they did not, or when this event's update was already made."""
    if not request.notify_channel or not request.notify_address:
        return None
    message = Message(
        request.notify_channel,
        request.notify_address,
        subject,
        body,
        recipient_name=request.ticket.requester_name,
    )
    try:
        with transaction.atomic():
            delivery = notifications.send(request.tenant, message, key=update_key(event), programme=PROGRAMME)
            return Notification.objects.create(
                tenant_id=request.tenant_id, request=request, event=event, delivery=delivery
            )
    except IntegrityError:  # another run made this event's update a moment ago
        return None


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
