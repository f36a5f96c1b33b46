"""The one import path of records: the browser, the API and the command all end here.

``create_batch`` keeps the original file and its checksum on a queued ``RecordImportBatch``;
``run_import`` takes it queued → running → committed / partly committed / unchanged / rejected /
failed. Reading and checking happen first, outside any transaction (so a job's progress shows);
then one transaction, holding the data set's lock for the tenant, runs the app's ``apply`` and
writes the batch's final state: the rows and the batch commit together or not at all.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.core.types import Actor
from portal.imports.checking import Checked, check_rows
from portal.imports.context import ImportContext
from portal.imports.models import RecordImportBatch
from portal.imports.reading import ReadFile, read_file
from portal.imports.registry import find_import, get_import
from portal.imports.report import FileRejected, Problem, file_checksum, frame_of, render
from portal.imports.spec import RecordImport
from portal.jobs.messages import Progress
from portal.tenancy.models import Tenant

log = logging.getLogger(__name__)

REPORT_LANGUAGE = "zh-hans"  # reasons and messages are stored in Chinese, whoever imported
Status = RecordImportBatch.Status


class CountMismatch(RuntimeError):
    """An app's ``apply`` did not account for every row it was given (a bug in the app)."""


class _RolledBack(Exception):
    """All or nothing, and ``apply`` refused rows: undo what it wrote."""

    def __init__(self, problems: list[Problem], refused: int) -> None:
        super().__init__(f"{refused} rows refused")
        self.problems = problems
        self.refused = refused


class _AlreadyCommitted(Exception):
    """Another import of the same file committed first (the unique constraint said so)."""


def import_file(
    tenant: Tenant,
    dataset: str,
    source_path: str | Path,
    *,
    original_name: str,
    source: str,
    on_error: str = RecordImportBatch.OnError.KEEP_GOOD,
    actor: Actor = None,
    progress: Progress | None = None,
) -> RecordImportBatch:
    """Import one file now and return its batch, whatever its final status."""
    batch = create_batch(
        tenant, dataset, source_path, original_name=original_name, source=source, on_error=on_error, actor=actor
    )
    return run_import(batch, progress=progress)


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None


def create_batch(
    tenant: Tenant,
    dataset: str,
    source_path: str | Path,
    *,
    original_name: str,
    source: str,
    on_error: str = RecordImportBatch.OnError.KEEP_GOOD,
    actor: Actor = None,
) -> RecordImportBatch:
    """A queued batch holding a copy of the original file (kept for as long as the batch)."""
    spec = get_import(dataset)
    if on_error not in RecordImportBatch.OnError.values:
        raise ValueError(f"unknown on_error {on_error!r}")
    if source not in RecordImportBatch.Source.values:
        raise ValueError(f"unknown source {source!r}")
    path = Path(source_path)
    name = Path(original_name).name[-255:] or path.name
    batch = RecordImportBatch(
        tenant=tenant,
        dataset=spec.code,
        programme=spec.programme,
        source=source,
        on_error=on_error,
        original_name=name,
        checksum=file_checksum(path),
        created_by=_user(actor),
    )
    with path.open("rb") as handle:
        batch.file.save(name, File(handle), save=False)
    try:
        batch.save()
    except BaseException:
        batch.file.delete(save=False)  # no row, no file
        raise
    return batch


def _claim(batch: RecordImportBatch) -> bool:
    """queued → running, once: a redelivered job cannot run a batch twice."""
    claimed = (
        RecordImportBatch.objects.for_tenant(batch.tenant)
        .filter(pk=batch.pk, status=Status.QUEUED)
        .update(status=Status.RUNNING, started_at=timezone.now())
    )
    batch.refresh_from_db()
    return claimed == 1


def run_import(batch: RecordImportBatch, *, progress: Progress | None = None) -> RecordImportBatch:
    if not _claim(batch):
        return batch
    say: Progress = progress or _silent
    try:
        with translation.override(REPORT_LANGUAGE):
            _run(batch, say)
    except Exception as exc:  # whatever went wrong, the batch says so and nothing was written
        log.exception("record import batch %s failed", batch.pk)
        if batch.report_file:
            batch.report_file.delete(save=False)
        with translation.override(REPORT_LANGUAGE):
            message = _("The import failed and nothing was written: %(error)s") % {
                "error": f"{type(exc).__name__}: {exc}"
            }
        _finish(batch, Status.FAILED, message=message[:2000])
    say(100)  # the outcome is the job's result (status and counts), shown with their labels
    return batch


def _silent(percent: float, message: str | None = None, /, **params: Any) -> None:
    """No one follows an import run by the command or a test."""


def _run(batch: RecordImportBatch, say: Progress) -> None:
    spec = find_import(batch.dataset)
    if spec is None:
        raise LookupError(f"the data set {batch.dataset!r} is not installed any more")
    # A committed import never stops being one, so answering a known file before reading it is
    # safe; the answer that counts is given again under the lock in ``_write``.
    if _finish_as_twin(batch):
        return
    # Progress messages are kept in English with their numbers, translated for whoever reads the run.
    say(5, gettext_noop("Reading %(name)s"), name=batch.original_name)
    try:
        read = _read(batch, spec)
    except FileRejected as exc:
        _reject(batch, exc.problems, message=exc.problems[0].reason)
        return
    checked = check_rows(spec, read)
    say(40, gettext_noop("Checked %(rows)d rows, %(refused)d refused"), rows=checked.read, refused=len(checked.refused))
    say(50, gettext_noop("Writing %(rows)d rows"), rows=len(checked.rows))
    try:
        _write(batch, spec, read, checked)
    except _RolledBack as stop:  # the transaction is undone; say why, with the report
        message = _("%(bad)d of %(total)d rows are wrong, so the whole file was refused, as asked.") % {
            "bad": stop.refused,
            "total": checked.read,
        }
        _reject(batch, stop.problems, message=message, read=checked.read, refused=stop.refused)
    except _AlreadyCommitted:
        if not _finish_as_twin(batch):  # the constraint spoke, so the twin exists; if not, say so
            raise RuntimeError("the unique constraint found a committed twin that is not there") from None


def _read(batch: RecordImportBatch, spec: RecordImport) -> ReadFile:
    if batch.file.size > settings.IMPORTS_MAX_BYTES:
        reason = _("The file is larger than %(max)s.") % {"max": filesizeformat(settings.IMPORTS_MAX_BYTES)}
        raise FileRejected([Problem(None, "", "", reason)])
    return read_file(Path(batch.file.path), spec, max_rows=settings.IMPORTS_MAX_ROWS)


def _lock_dataset(batch: RecordImportBatch) -> None:
    """One import of a data set at a time per tenant, until the transaction ends."""
    if connection.vendor != "postgresql":
        return  # SQLite (the embedded portal) runs one write transaction at a time anyway
    name = f"portal.imports:{batch.tenant_id}:{batch.dataset}".encode()
    key = int.from_bytes(hashlib.blake2b(name, digest_size=8).digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _committed_twin(batch: RecordImportBatch) -> RecordImportBatch | None:
    return (
        RecordImportBatch.objects.for_tenant(batch.tenant)
        .filter(dataset=batch.dataset, checksum=batch.checksum, status=Status.COMMITTED)
        .exclude(pk=batch.pk)
        .first()
    )


def _finish_as_twin(batch: RecordImportBatch) -> bool:
    twin = _committed_twin(batch)
    if twin is None:
        return False
    message = _("Identical to import #%(id)d, already imported: nothing changed.") % {"id": twin.pk}
    _finish(batch, Status.UNCHANGED, message=message)
    return True


def _write(batch: RecordImportBatch, spec: RecordImport, read: ReadFile, checked: Checked) -> None:
    with transaction.atomic():
        _lock_dataset(batch)
        if _finish_as_twin(batch):
            return
        if checked.read == 0:
            _reject(batch, [], message=_("The file has no data rows."))
            return
        if not checked.rows:
            message = _("No row of the file can be imported; see the error report.")
            _reject(batch, checked.problems, message=message, read=checked.read, refused=len(checked.refused))
            return
        # Even when the file is already lost (all or nothing, a row refused), ``apply`` runs and is
        # undone: its refusals (an unknown line...) join the report, so one round of fixes is enough.
        ctx = ImportContext(spec, batch.tenant, batch, batch.created_by or f"import #{batch.pk}", read.headers)
        spec.apply(ctx, checked.rows)
        if ctx.accounted != len(checked.rows):
            raise CountMismatch(
                f"{spec.code}: apply accounted for {ctx.accounted} of {len(checked.rows)} rows "
                "(created + updated + unchanged + refused)"
            )
        problems = sorted([*checked.problems, *ctx.problems], key=lambda p: p.row or 0)
        refused = len(checked.refused | ctx.refused)
        if refused and batch.on_error == RecordImportBatch.OnError.ALL_OR_NOTHING:
            raise _RolledBack(problems, refused)
        if refused:
            status = Status.PARTLY_COMMITTED
        elif ctx.created or ctx.updated:
            status = Status.COMMITTED
        else:
            status = Status.UNCHANGED
        message = _("Every row matches what is recorded: nothing changed.") if status == Status.UNCHANGED else ""
        if problems:
            _attach_report(batch, problems)
        try:
            with transaction.atomic():
                _finish(
                    batch,
                    status,
                    message=message,
                    read=checked.read,
                    created=ctx.created,
                    updated=ctx.updated,
                    unchanged=ctx.unchanged,
                    refused=refused,
                )
        except IntegrityError as exc:  # another import of this file committed first
            batch.report_file.delete(save=False)
            raise _AlreadyCommitted from exc


def _attach_report(batch: RecordImportBatch, problems: list[Problem]) -> None:
    stem = Path(batch.original_name).stem[:80] or "import"
    batch.report_file.save(f"{stem}-errors.csv", ContentFile(render(frame_of(problems))), save=False)


def _reject(
    batch: RecordImportBatch, problems: list[Problem], *, message: str, read: int = 0, refused: int = 0
) -> None:
    if problems:
        _attach_report(batch, problems)
    _finish(batch, Status.REJECTED, message=message, read=read, refused=refused)


def _finish(
    batch: RecordImportBatch,
    status: str,
    *,
    message: str = "",
    read: int = 0,
    created: int = 0,
    updated: int = 0,
    unchanged: int = 0,
    refused: int = 0,
) -> None:
    """The batch's final state in one UPDATE."""
    batch.status = status
    batch.message = message
    batch.rows_read, batch.rows_refused = read, refused
    batch.rows_created, batch.rows_updated, batch.rows_unchanged = created, updated, unchanged
    batch.finished_at = timezone.now()
    batch.save(
        update_fields=[
            "status",
            "message",
            "rows_read",
            "rows_created",
            "rows_updated",
            "rows_unchanged",
            "rows_refused",
            "report_file",
            "finished_at",
            "updated_at",
        ]
    )
