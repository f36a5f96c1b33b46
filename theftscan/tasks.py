"""Celery beat entry point: one nightly screening job per active tenant that has transformer areas."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from portal.jobs.runner import enqueue_scheduled
from portal.meters.models import TransformerArea
from portal.tenancy.models import Tenant
from theftscan.services import default_window, rules_for


@shared_task(name="theftscan.tasks.enqueue_nightly_screens")
def enqueue_nightly_screens() -> int:
    queued = 0
    for tenant in Tenant.objects.filter(is_active=True):
        if not TransformerArea.objects.for_tenant(tenant).exists():
            continue
        start, end = default_window(rules_for(tenant), timezone.localdate())
        enqueue_scheduled("theftscan.screen", tenant, start=start.isoformat(), end=end.isoformat())
        queued += 1
    return queued
