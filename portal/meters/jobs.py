"""Background jobs of the meters package: one upload's import, and the nightly drop folder."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.jobs.models import JobRun
from portal.jobs.presentation import choice_of
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext
from portal.meters import services
from portal.meters.imports import run_import
from portal.meters.models import ImportBatch


class ImportFailed(RuntimeError):
    """The batch ended ``failed``: the JobRun must say so too."""


def _batch_page(run: JobRun) -> str:
    return reverse("meters:import-detail", args=[run.params["batch_id"]])


def _imports_page(run: JobRun) -> str:
    return reverse("meters:import-list")


_STATUS = choice_of(ImportBatch.Status.choices)


@register_job(
    "meters.import",
    _("Import meter readings"),
    params=[Field("batch_id", _("Import number"))],
    results=[
        Field("status", _("Outcome"), _STATUS),
        Field("rows_accepted", _("Rows imported")),
        Field("rows_rejected", _("Rows rejected")),
        Field("rows_replaced", _("Rows replaced")),
        Field("batch", _("Import number")),
    ],
    result_url=_batch_page,
    result_label=_("Open the import"),
)
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


@register_job(
    "meters.import_drop_folder",
    _("Import the meter-data drop folder"),
    results=[Field("files", _("Files"), _STATUS), Field("skipped", _("Files skipped (unknown names)"))],
    result_url=_imports_page,
    result_label=_("Open the imports"),
)
def import_drop_folder(ctx: JobContext) -> dict[str, Any]:
    return services.import_drop_folder(ctx.tenant, progress=ctx.progress, log=ctx.log)
