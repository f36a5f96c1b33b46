"""Celery beat entry points: the nightly drop-folder import (one job run per tenant with files) and the
store's reconcile sweep."""

from __future__ import annotations

from celery import shared_task

from portal.jobs.runner import enqueue_scheduled
from portal.meters.imports.reconcile import reconcile_store
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


@shared_task(name="portal.meters.tasks.reconcile_meter_store")
def reconcile_meter_store() -> dict[str, str]:
    """Settle batches a dead worker left pending in the store (see ``imports.reconcile``)."""
    return reconcile_store()
