"""Celery beat entry point of the SLA sweep: a ``tickets.sla_sweep`` run for each active tenant that
has a breach to escalate (the sweep runs every ten minutes; a run per unit each time, most of them
finding nothing, would bury the units' job lists)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from portal.jobs.runner import enqueue_scheduled
from portal.tenancy.models import Tenant
from portal.tickets import sla


@shared_task(name="portal.tickets.tasks.enqueue_sla_sweeps")
def enqueue_sla_sweeps() -> int:
    now = timezone.now()
    # The sweep itself escalates each breach under a row lock, so one found here and escalated by
    # then is just skipped; one that appears after this look waits for the next ten minutes.
    tenants = [tenant for tenant in Tenant.objects.filter(is_active=True).order_by("pk") if sla.breached(tenant, now)]
    for tenant in tenants:
        enqueue_scheduled("tickets.sla_sweep", tenant)
    return len(tenants)
