"""Celery beat entry point of the SLA sweep: one ``tickets.sla_sweep`` job run per active tenant."""

from __future__ import annotations

from celery import shared_task

from portal.jobs.runner import enqueue
from portal.tenancy.models import Tenant


@shared_task(name="portal.tickets.tasks.enqueue_sla_sweeps")
def enqueue_sla_sweeps() -> int:
    tenants = list(Tenant.objects.filter(is_active=True))
    for tenant in tenants:
        enqueue("tickets.sla_sweep", tenant)
    return len(tenants)
