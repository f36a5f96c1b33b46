"""Celery beat entry points: the nightly run per active tenant with care subjects, the escalation run
per active tenant with an alert waiting for acknowledgement."""

from __future__ import annotations

from celery import shared_task

from careband.models import CareAlert, CareSubject
from careband.services.alerts import unacknowledged
from portal.jobs.runner import enqueue_scheduled
from portal.tenancy.models import Tenant


def _tenants_with_subjects() -> list[Tenant]:
    ids = set(CareSubject.objects.all_tenants().values_list("tenant_id", flat=True).distinct())
    return [t for t in Tenant.objects.filter(is_active=True).order_by("pk") if t.pk in ids]


@shared_task(name="careband.tasks.enqueue_nightly")
def enqueue_nightly() -> int:
    tenants = _tenants_with_subjects()
    for tenant in tenants:
        enqueue_scheduled("careband.nightly", tenant)
    return len(tenants)


@shared_task(name="careband.tasks.enqueue_escalation")
def enqueue_escalation() -> int:
    # Every ten minutes: only where an alert waits, or each unit's job list fills with empty runs.
    waiting = unacknowledged(CareAlert.objects.all_tenants()).values("tenant_id")
    tenants = list(Tenant.objects.filter(is_active=True, pk__in=waiting).order_by("pk"))
    for tenant in tenants:
        enqueue_scheduled("careband.escalate", tenant)
    return len(tenants)
