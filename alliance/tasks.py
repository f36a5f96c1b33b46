"""Periodic work of the alliance: requester updates for status changes made outside the desk."""

from __future__ import annotations

from celery import shared_task

from alliance import notify
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope


@shared_task(name="alliance.tasks.send_requester_updates")
def send_requester_updates() -> int:
    """Light enough to run inline every minute: a query per tenant, and sends only for new changes."""
    sent = 0
    with strict_scope():
        for tenant in Tenant.objects.filter(is_active=True):
            sent += notify.send_pending(tenant)
    return sent
