"""The one import path: browser upload, API, command, drop folder and the generator all end here.

``create_batch`` keeps the original file and its checksum on a pending ``ImportBatch``;
``run_import`` takes it pending → running → committed / unchanged / rejected / failed. Publishing
wraps the catalogue commit: the store names the batch's files as *pending* (invisible), the
transaction marking the batch committed commits, and only then does the store make them visible.
If the commit fails the pending files are withdrawn, so readers never see a batch the catalogue
does not know; a crash in between is settled by ``reconcile`` at the next import or sweep.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.core.types import Actor, person
from portal.imports.report import FileRejected, file_checksum, frame_of, render
from portal.jobs.messages import Progress
from portal.meters import store
from portal.meters.imports import register
from portal.meters.imports.columns import REGISTER_SPECS, SPECS, DatasetSpec
from portal.meters.imports.parsing import parse
from portal.meters.imports.reconcile import reconcile
from portal.meters.imports.validation import Validated, validate
from portal.meters.models import ImportBatch, Meter, TransformerArea
from portal.meters.store.write import first_and_last_day
from portal.tenancy.models import Tenant

log = logging.getLogger(__name__)

REPORT_LANGUAGE = "zh-hans"  # reasons in the error report are always Chinese
# The run's last message, by the batch's final status (translated when the run's page is shown).
STATUS_MESSAGES: dict[str, str] = {
    ImportBatch.Status.COMMITTED: gettext_noop("Imported."),
    ImportBatch.Status.UNCHANGED: gettext_noop("Already imported: nothing changed."),
    ImportBatch.Status.REJECTED: gettext_noop("Rejected: see the report."),
    ImportBatch.Status.FAILED: gettext_noop("Failed: see the error."),
}


def silent(percent: float, message: str | None = None, /, **params: Any) -> None:
    """The progress of an import nobody is watching (the generator, a benchmark)."""


def import_file(
    tenant: Tenant,
    dataset: str,
    source_path: str | Path,
    *,
    original_name: str,
    source: str,
    on_error: str = ImportBatch.OnError.KEEP_GOOD,
    actor: Actor = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Import one file synchronously and return its batch (whatever its final status)."""
    batch = create_batch(
        tenant, dataset, source_path, original_name=original_name, source=source, on_error=on_error, actor=actor
    )
    return run_import(batch, progress=progress)


def committed_twin(tenant: Tenant, dataset: str, checksum: str, *, exclude_pk: int | None = None) -> ImportBatch | None:
    """The earlier committed batch of the same file (same data set and checksum), if there is one."""
    return (
        ImportBatch.objects.for_tenant(tenant)
        .filter(dataset=dataset, checksum=checksum, status=ImportBatch.Status.COMMITTED)
        .exclude(pk=exclude_pk)
        .order_by("pk")
        .first()
    )


def create_batch(
    tenant: Tenant,
    dataset: str,
    source_path: str | Path,
    *,
    original_name: str,
    source: str,
    on_error: str = ImportBatch.OnError.KEEP_GOOD,
    actor: Actor = None,
) -> ImportBatch:
    """A pending batch holding a copy of the original file (kept for as long as the batch)."""
    if dataset not in SPECS and dataset not in REGISTER_SPECS:
        raise ValueError(f"unknown data set {dataset!r}")
    if on_error not in ImportBatch.OnError.values:
        raise ValueError(f"unknown on_error {on_error!r}")
    if source not in ImportBatch.Source.values:
        raise ValueError(f"unknown source {source!r}")
    path = Path(source_path)
    name = Path(original_name).name[-255:] or path.name
    batch = ImportBatch(
        tenant=tenant,
        dataset=dataset,
        source=source,
        on_error=on_error,
        original_name=name,
        checksum=file_checksum(path),
        created_by=person(actor),
    )
    with path.open("rb") as handle:
        batch.file.save(name, File(handle), save=False)
    batch.save()
    return batch


def _claim(batch: ImportBatch) -> bool:
    """pending → running, once: a redelivered job cannot run a batch twice."""
    claimed = (
        ImportBatch.objects.for_tenant(batch.tenant)
        .filter(pk=batch.pk, status=ImportBatch.Status.PENDING)
        .update(status=ImportBatch.Status.RUNNING)
    )
    batch.refresh_from_db()
    return claimed == 1


def run_import(batch: ImportBatch, *, progress: Progress | None = None) -> ImportBatch:
    if not _claim(batch):
        return batch
    say: Progress = progress or silent
    try:
        with translation.override(REPORT_LANGUAGE), store.dataset_lock(batch.tenant_id, batch.dataset) as root:
            reconcile(batch.tenant_id, root)  # an earlier writer's crash, settled before we merge
            _import_locked(batch, root, say)
    except Exception as exc:  # whatever went wrong, the batch says so and the store is untouched
        log.exception("meter import batch %s failed", batch.pk)
        _finish(batch, ImportBatch.Status.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000])
    say(100, STATUS_MESSAGES.get(batch.status))
    return batch


def _import_locked(batch: ImportBatch, root: Path, say: Progress) -> None:
    earlier = committed_twin(batch.tenant, batch.dataset, batch.checksum, exclude_pk=batch.pk)
    if earlier is not None:
        message = _("Identical to batch #%(id)s, already imported: nothing changed.") % {"id": earlier.pk}
        _finish(batch, ImportBatch.Status.UNCHANGED, message=message)
        return
    if batch.dataset in REGISTER_SPECS:
        _import_register(batch, say)
        return
    spec = SPECS[batch.dataset]
    say(5, gettext_noop("Reading %(name)s"), name=batch.original_name)
    try:
        parsed = parse(Path(batch.file.path), spec)
    except FileRejected as exc:
        _attach_report(batch, frame_of(exc.problems))
        _finish(batch, ImportBatch.Status.REJECTED, message=exc.problems[0].reason)
        return
    say(30, gettext_noop("Checking %(rows)d rows"), rows=parsed.rows)
    checked = validate(parsed, spec, _known_keys(batch, spec), timezone.localdate(), timezone.localtime())
    _record_counts(batch, checked)
    if len(checked.problems):
        _attach_report(batch, checked.problems)
    refusal = _refusal(batch, checked.rows_total, checked.rows_rejected, good=checked.readings is not None)
    if refusal is not None:
        _finish(batch, ImportBatch.Status.REJECTED, message=refusal)
        return
    assert checked.readings is not None
    say(60, gettext_noop("Writing %(rows)d readings to the store"), rows=len(checked.readings))
    staged = store.stage(root, batch.dataset, batch.pk, checked.readings)
    _commit(batch, checked, staged, say)


def _known_keys(batch: ImportBatch, spec: DatasetSpec) -> pa.Array:
    if spec.key == "meter_no":
        known = Meter.objects.for_tenant(batch.tenant).values_list("meter_no", flat=True)
    else:
        known = TransformerArea.objects.for_tenant(batch.tenant).values_list("code", flat=True)
    return pa.array(list(known), type=pa.string())


def _record_counts(batch: ImportBatch, checked: Validated) -> None:
    batch.rows_total = checked.rows_total
    batch.rows_rejected = checked.rows_rejected
    batch.rows_accepted = checked.rows_accepted
    if checked.readings is not None:
        batch.date_from, batch.date_to = first_and_last_day(checked.readings)


def _refusal(batch: ImportBatch, rows_total: int, rows_rejected: int, *, good: bool) -> str | None:
    if rows_total == 0:
        return _("The file has no data rows.")
    if not good:
        return _("No row of the file can be imported; see the error report.")
    if batch.on_error == ImportBatch.OnError.REJECT_ALL and rows_rejected:
        return _("%(bad)d of %(total)d rows are wrong and the whole file was refused, as asked.") % {
            "bad": rows_rejected,
            "total": rows_total,
        }
    return None


def _import_register(batch: ImportBatch, say: Progress) -> None:
    """A register file: parse, check every row, then write areas or meters in one transaction."""
    spec = REGISTER_SPECS[batch.dataset]
    say(5, gettext_noop("Reading %(name)s"), name=batch.original_name)
    try:
        parsed = parse(Path(batch.file.path), spec)
    except FileRejected as exc:
        _attach_report(batch, frame_of(exc.problems))
        _finish(batch, ImportBatch.Status.REJECTED, message=exc.problems[0].reason)
        return
    say(30, gettext_noop("Checking %(rows)d rows"), rows=parsed.rows)
    today = timezone.localdate()
    if batch.dataset == "register_areas":
        checked = register.validate_areas(parsed, spec)
    else:
        areas = TransformerArea.objects.for_tenant(batch.tenant)
        checked = register.validate_meters(
            parsed,
            spec,
            dict(areas.values_list("code", "id")),
            set(areas.exclude(supply_meter_no="").values_list("supply_meter_no", flat=True)),
            today,
        )
    batch.rows_total, batch.rows_rejected, batch.rows_accepted = (
        checked.rows_total,
        checked.rows_rejected,
        checked.rows_accepted,
    )
    if len(checked.problems):
        _attach_report(batch, checked.problems)
    refusal = _refusal(batch, checked.rows_total, checked.rows_rejected, good=len(checked.rows) > 0)
    if refusal is not None:
        _finish(batch, ImportBatch.Status.REJECTED, message=refusal)
        return
    say(50, gettext_noop("Writing %(rows)d rows to the register"), rows=len(checked.rows))
    with transaction.atomic(durable=True):
        if batch.dataset == "register_areas":
            counts = register.write_areas(batch.tenant, checked)
        else:
            counts = register.write_meters(batch.tenant, checked, batch, today, say)
        batch.rows_created, batch.rows_updated, batch.meters_moved = counts.created, counts.updated, counts.moved
        template = (
            _("%(accepted)d rows imported (%(created)d new, %(updated)d changed), %(rejected)d refused.")
            if batch.dataset == "register_areas"
            else _(
                "%(accepted)d rows imported (%(created)d new, %(updated)d changed, %(moved)d meters moved to "
                "another area), %(rejected)d refused."
            )
        )
        message = template % {
            "accepted": checked.rows_accepted,
            "created": counts.created,
            "updated": counts.updated,
            "moved": counts.moved,
            "rejected": checked.rows_rejected,
        }
        _finish(batch, ImportBatch.Status.COMMITTED, message=message)


def _attach_report(batch: ImportBatch, problems: Any) -> None:
    stem = Path(batch.original_name).stem[:80] or "import"
    batch.report_file.save(f"{stem}-errors.csv", ContentFile(render(problems)), save=False)


def _commit(batch: ImportBatch, checked: Validated, staged: store.StagedBatch, say: Progress) -> None:
    batch.rows_replaced = staged.rows_replaced
    batch.replaced = {str(owner): count for owner, count in sorted(staged.replaced.items())}
    message = _("%(accepted)d rows imported, %(rejected)d refused, %(replaced)d values replaced.") % {
        "accepted": checked.rows_accepted,
        "rejected": checked.rows_rejected,
        "replaced": staged.rows_replaced,
    }
    if staged.superseded:
        message += " " + _("%(n)d values were kept from later batches.") % {"n": staged.superseded}
    prepared = False
    try:
        say(90, gettext_noop("Publishing"))
        staged.prepare()  # files named as pending: safe from tidying, invisible to readers
        prepared = True
        # Durable: the commit must really reach the database here, not in some caller's transaction
        # after we have published (tests relax this through Django's test-case transactions).
        with transaction.atomic(durable=True):
            _finish(batch, ImportBatch.Status.COMMITTED, message=message)
    except BaseException:
        if not prepared:
            staged.discard()
        else:
            try:
                staged.abandon()
            except OSError:  # the pending entry stays; reconcile withdraws it (the batch is not committed)
                log.exception("meter import batch %s: could not withdraw its pending files", batch.pk)
        raise
    try:
        staged.publish()
    except OSError:  # committed in the catalogue: reconcile publishes it at the next import or sweep
        log.exception("meter import batch %s committed but not yet visible", batch.pk)


def _finish(batch: ImportBatch, status: str, *, message: str = "") -> None:
    batch.status = status
    batch.message = message
    batch.finished_at = timezone.now()
    if status == ImportBatch.Status.FAILED:
        # Counts of a failed batch would describe rows that are not in the store.
        batch.rows_accepted = batch.rows_replaced = 0
        batch.rows_created = batch.rows_updated = batch.meters_moved = 0
        batch.replaced = {}
    batch.save(
        update_fields=[
            "status",
            "message",
            "finished_at",
            "rows_total",
            "rows_accepted",
            "rows_rejected",
            "rows_replaced",
            "rows_created",
            "rows_updated",
            "meters_moved",
            "replaced",
            "date_from",
            "date_to",
            "report_file",
            "updated_at",
        ]
    )
