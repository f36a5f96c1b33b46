"""The background job of record imports: one batch too big to import while the browser waits."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import run_import
from portal.jobs.registry import register_job
from portal.jobs.runner import JobContext


class ImportFailed(RuntimeError):
    """The batch ended ``failed``: the job run must say so too."""


@register_job("imports.run", _("Import records"))
def import_records(ctx: JobContext, batch_id: int) -> dict[str, Any]:
    batch = RecordImportBatch.objects.for_tenant(ctx.tenant).get(pk=batch_id)
    batch = run_import(batch, progress=ctx.progress)
    if batch.status == RecordImportBatch.Status.FAILED:
        raise ImportFailed(batch.message)
    return {
        "batch": batch.pk,
        "status": batch.status,
        "rows_read": batch.rows_read,
        "rows_created": batch.rows_created,
        "rows_updated": batch.rows_updated,
        "rows_unchanged": batch.rows_unchanged,
        "rows_refused": batch.rows_refused,
    }
