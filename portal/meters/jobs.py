"""Background jobs of the meters package: one upload's import, and the nightly drop folder."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.jobs.registry import register_job
from portal.jobs.runner import JobContext
from portal.meters import services
from portal.meters.imports import run_import
from portal.meters.models import ImportBatch


class ImportFailed(RuntimeError):
    """The batch ended ``failed``: the JobRun must say so too."""


@register_job("meters.import", _("Import meter readings"))
def import_readings(ctx: JobContext, batch_id: int) -> dict[str, Any]:
    batch = ImportBatch.objects.for_tenant(ctx.tenant).get(pk=batch_id)
    batch = run_import(batch, progress=ctx.progress)
    if batch.status == ImportBatch.Status.FAILED:
        raise ImportFailed(batch.message)
    return {
        "batch": batch.pk,
        "status": batch.status,
        "rows_accepted": batch.rows_accepted,
        "rows_rejected": batch.rows_rejected,
        "rows_replaced": batch.rows_replaced,
    }


@register_job("meters.import_drop_folder", _("Import the meter-data drop folder"))
def import_drop_folder(ctx: JobContext) -> dict[str, Any]:
    return services.import_drop_folder(ctx.tenant, progress=ctx.progress, log=ctx.log)
