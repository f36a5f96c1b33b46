"""Celery beat entry point of the nightly access-log purge: one job run per unit with old entries."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from portal.audit.retention import tenants_with_entries_older_than
from portal.jobs.runner import enqueue_scheduled


@shared_task(name="portal.audit.tasks.purge_access_logs")
def purge_access_logs() -> int:
    days = settings.ACCESS_LOG_KEEP_DAYS
    tenants = tenants_with_entries_older_than(days)
    for tenant in tenants:
        enqueue_scheduled("audit.purge_access_log", tenant, days=days)
    return len(tenants)
