"""The catalogue of record imports: one row per file brought in, whichever door it came through."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.models import TenantOwnedModel


class RecordImportBatch(TenantOwnedModel):
    """One file imported into one data set of one tenant. Written only by ``portal.imports.pipeline``.

    Its final state — status, counts, report — is written in one UPDATE, inside the transaction that
    writes the rows themselves: a batch is seen whole (with its rows) or still running, never half.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        COMMITTED = "committed", _("Imported")
        # Some rows were refused and the good ones kept: it must never look like a full import.
        PARTLY_COMMITTED = "partly_committed", _("Partly imported")
        UNCHANGED = "unchanged", _("No change")
        REJECTED = "rejected", _("Refused")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.COMMITTED, Status.PARTLY_COMMITTED, Status.UNCHANGED, Status.REJECTED, Status.FAILED)

    class OnError(models.TextChoices):
        KEEP_GOOD = "keep_good", _("Keep the good rows")
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Browser upload")
        API = "api", pgettext_lazy("where an import came from", "API")
        COMMAND = "command", _("Command")

    dataset = models.CharField(_("data set"), max_length=60)
    # The data set's programme when the file came in, so partner keys see only their programmes'.
    programme = models.CharField(_("programme"), max_length=20)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    on_error = models.CharField(_("on bad rows"), max_length=16, choices=OnError.choices, default=OnError.KEEP_GOOD)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("original file"), upload_to="record-imports/%Y/%m/")
    checksum = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    rows_refused = models.PositiveIntegerField(_("rows refused"), default=0)
    report_file = models.FileField(_("error report"), upload_to="record-imports/reports/%Y/%m/", blank=True)
    message = models.TextField(_("message"), blank=True)
    job_run = models.ForeignKey("jobs.JobRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "dataset", "checksum"], name="recordimport_file")]
        constraints = [
            # One committed import per file and data set: a second one answers "unchanged". The
            # pipeline checks first under a lock; this is what makes two racing imports safe anyway.
            models.UniqueConstraint(
                fields=["tenant", "dataset", "checksum"],
                condition=models.Q(status="committed"),
                name="recordimport_one_commit_per_file",
            )
        ]
        verbose_name = _("record import")
        verbose_name_plural = _("record imports")

    def __str__(self) -> str:
        return f"{self.dataset} · {self.original_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def dataset_label(self) -> str:
        from portal.imports.registry import find_import

        spec = find_import(self.dataset)
        return str(spec.label) if spec is not None else self.dataset
