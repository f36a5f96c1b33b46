"""Celery beat entry points: one job run per active tenant that has care subjects."""

from __future__ import annotations

from celery import shared_task

from careband.models import CareSubject
from portal.jobs.runner import enqueue
from portal.tenancy.models import Tenant


def _tenants_with_subjects() -> list[Tenant]:
    ids = set(CareSubject.objects.all_tenants().values_list("tenant_id", flat=True).distinct())
    return [t for t in Tenant.objects.filter(is_active=True).order_by("pk") if t.pk in ids]


@shared_task(name="careband.tasks.enqueue_nightly")
def enqueue_nightly() -> int:
    tenants = _tenants_with_subjects()
    for tenant in tenants:
        enqueue("careband.nightly", tenant)
    return len(tenants)


@shared_task(name="careband.tasks.enqueue_escalation")
def enqueue_escalation() -> int:
    tenants = _tenants_with_subjects()
    for tenant in tenants:
        enqueue("careband.escalate", tenant)
    return len(tenants)
