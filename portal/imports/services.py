"""Starting an import from the browser or the API: keep the file on a batch, then run it now or queue it.

Small files (up to ``IMPORTS_INLINE_MAX_ROWS`` rows) are imported while the request waits, so the
person sees the outcome at once; bigger ones go to the worker as the ``imports.run`` job, whose
progress the batch page shows. Either way the import is ``portal.imports.pipeline.run_import``.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from portal.core.types import Actor
from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import create_batch, run_import
from portal.imports.reading import estimate_rows
from portal.jobs.models import JobRun
from portal.jobs.runner import enqueue
from portal.tenancy.models import Tenant

IMPORT_JOB = "imports.run"


@dataclass(frozen=True)
class Submitted:
    batch: RecordImportBatch
    job_run: JobRun | None  # None when the file was imported at once

    @property
    def queued(self) -> bool:
        return self.job_run is not None


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None


def runs_inline(path: Path) -> bool:
    rows = estimate_rows(path)
    return rows is not None and rows <= settings.IMPORTS_INLINE_MAX_ROWS


def submit_upload(
    tenant: Tenant, dataset: str, upload: UploadedFile, *, on_error: str, source: str, actor: Actor
) -> Submitted:
    with tempfile.TemporaryDirectory(prefix="record-upload-") as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        batch = create_batch(
            tenant,
            dataset,
            path,
            original_name=upload.name or "upload",
            source=source,
            on_error=on_error,
            actor=_user(actor),
        )
    if runs_inline(Path(batch.file.path)):
        return Submitted(run_import(batch), None)
    with transaction.atomic():
        run = enqueue(IMPORT_JOB, tenant, requested_by=_user(actor), batch_id=batch.pk)
        RecordImportBatch.objects.for_tenant(tenant).filter(pk=batch.pk).update(job_run=run)
    batch.job_run = run
    return Submitted(batch, run)
