"""Starting imports from the browser and the API, and the nightly drop folder.

All of them hand the file to ``portal.meters.imports`` — the one pipeline.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.core.types import Actor
from portal.jobs.messages import Progress
from portal.jobs.models import JobRun
from portal.jobs.runner import enqueue
from portal.meters.imports import create_batch, import_file
from portal.meters.imports.columns import ALL_DATASETS
from portal.meters.models import ImportBatch
from portal.tenancy.models import Tenant

IMPORT_JOB = "meters.import"
DONE_FOLDER = "done"


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and hasattr(actor, "pk") else None


def start_upload_import(
    tenant: Tenant, dataset: str, upload: UploadedFile, *, on_error: str, source: str, actor: Actor
) -> tuple[ImportBatch, JobRun]:
    """Keep the uploaded file on a pending batch and queue ``meters.import`` for it."""
    with tempfile.TemporaryDirectory(prefix="meter-upload-") as folder:
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
    with transaction.atomic():
        run = enqueue(IMPORT_JOB, tenant, requested_by=_user(actor), batch_id=batch.pk)
        ImportBatch.objects.for_tenant(tenant).filter(pk=batch.pk).update(job_run=run)
    batch.job_run = run
    return batch, run


# --- the drop folder ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DroppedFile:
    path: Path
    dataset: str


def drop_folder(tenant: Tenant) -> Path:
    return Path(settings.METER_DROP_PATH) / tenant.slug


def dataset_of(name: str) -> str | None:
    """Which data set a dropped file holds, from its name: ``meter_daily-2024-03.csv``,
    ``register_meters-0301.xlsx`` etc."""
    stem = name.lower()
    # Longest first, so a future "interval_30" never reads as "interval".
    for dataset in sorted(ALL_DATASETS, key=len, reverse=True):
        if stem.startswith(dataset):
            return dataset
    return None


def dropped_files(tenant: Tenant) -> tuple[list[DroppedFile], list[Path]]:
    """(files to import — the register first, areas before meters, then readings, each oldest first;
    files whose name names no data set). A night's readings may be of meters its register adds."""
    folder = drop_folder(tenant)
    if not folder.is_dir():
        return [], []
    found: list[DroppedFile] = []
    unknown: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: (p.stat().st_mtime, p.name)):
        if not path.is_file() or path.name.startswith("."):
            continue
        dataset = dataset_of(path.name)
        if dataset is None:
            unknown.append(path)
        else:
            found.append(DroppedFile(path, dataset))
    found.sort(key=lambda dropped: ALL_DATASETS.index(dropped.dataset))  # stable: oldest first within
    return found, unknown


def _move_to_done(path: Path) -> Path:
    done = path.parent / DONE_FOLDER
    done.mkdir(exist_ok=True)
    target = done / path.name
    if target.exists():  # the same name dropped again: keep both
        target = done / f"{path.stem}-{timezone.localtime():%Y%m%d%H%M%S}{path.suffix}"
    shutil.move(path, target)
    return target


def import_drop_folder(tenant: Tenant, *, progress: Progress, log: Callable[[str], None]) -> dict[str, Any]:
    """Import every file in the tenant's drop folder; move each one that was dealt with to ``done/``.

    A file whose import *failed* (not rejected: failed, e.g. the disk was full) stays where it is,
    so the next night tries it again.
    """
    files, unknown = dropped_files(tenant)
    for path in unknown:
        log(_("%(name)s skipped: its name does not start with a data set name.") % {"name": path.name})
    outcomes: dict[str, str] = {}
    for number, dropped in enumerate(files):
        progress(100 * number / max(len(files), 1), gettext_noop("Importing %(name)s"), name=dropped.path.name)
        batch = import_file(
            tenant,
            dropped.dataset,
            dropped.path,
            original_name=dropped.path.name,
            source=ImportBatch.Source.COMMAND,
        )
        outcomes[dropped.path.name] = batch.status
        log(
            _("%(name)s: %(status)s, %(accepted)d of %(total)d rows imported.")
            % {
                "name": dropped.path.name,
                "status": batch.get_status_display(),
                "accepted": batch.rows_accepted,
                "total": batch.rows_total,
            }
        )
        if batch.status != ImportBatch.Status.FAILED:
            _move_to_done(dropped.path)
    progress(100, gettext_noop("%(n)d files imported from the drop folder."), n=len(files))
    return {"files": outcomes, "skipped": [p.name for p in unknown]}
