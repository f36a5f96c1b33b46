"""Celery beat entry point of the nightly drop-folder import: one job run per tenant with files."""

from __future__ import annotations

from celery import shared_task

from portal.jobs.runner import enqueue_scheduled
from portal.meters.services import dropped_files
from portal.tenancy.models import Tenant


@shared_task(name="portal.meters.tasks.enqueue_drop_folder_imports")
def enqueue_drop_folder_imports() -> int:
    queued = 0
    for tenant in Tenant.objects.filter(is_active=True):
        files, _unknown = dropped_files(tenant)
        if files:
            enqueue_scheduled("meters.import_drop_folder", tenant)
            queued += 1
    return queued
