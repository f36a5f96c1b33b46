"""The background job of record imports: one batch too big to import while the browser waits."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import run_import
from portal.jobs.models import JobRun
from portal.jobs.presentation import choice_of
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext


class ImportFailed(RuntimeError):
    """The batch ended ``failed``: the job run must say so too."""


def _batch_page(run: JobRun) -> str:
    return reverse("imports:batch", args=[run.params["batch_id"]])


@register_job(
    "imports.run",
    _("Import records"),
    params=[Field("batch_id", _("Import number"))],
    results=[
        Field("status", _("Outcome"), choice_of(RecordImportBatch.Status.choices)),
        Field("rows_read", _("Rows read")),
        Field("rows_created", _("Rows created")),
        Field("rows_updated", _("Rows updated")),
        Field("rows_unchanged", _("Rows unchanged")),
        Field("rows_refused", _("Rows refused")),
        Field("batch", _("Import number")),
    ],
    result_url=_batch_page,
    result_label=_("Open the import"),
)
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
