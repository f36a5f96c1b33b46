from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.models import TenantOwnedModel
from portal.jobs.messages import ShownMessage, shown

if TYPE_CHECKING:
    from portal.jobs.registry import JobSpec


class JobRun(TenantOwnedModel):
    """One run of a background job. Written only by ``portal.jobs.runner``.

    ``messages`` holds ``{"at", "text", "params"}`` entries whose text is translated when shown
    (``portal.jobs.messages``); ``trigger`` tells a person's request from the schedule's runs, which
    the job pages hide by default and ``portal.jobs.retention`` purges after a while.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("On request")
        SCHEDULE = "schedule", _("Scheduled")

    FINISHED = (Status.SUCCEEDED, Status.FAILED)

    name = models.CharField(_("job"), max_length=80, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0)
    messages = models.JSONField(_("messages"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "trigger", "-created_at"], name="jobs_run_tenant_trigger")]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self) -> str:
        return f"{self.label} #{self.pk}"

    @property
    def label(self) -> str:
        from portal.jobs.registry import job_label

        return job_label(self.name)

    @property
    def spec(self) -> JobSpec | None:
        from portal.jobs.registry import find_job

        return find_job(self.name)

    @property
    def is_scheduled(self) -> bool:
        return self.trigger == self.Trigger.SCHEDULE

    @property
    def shown_messages(self) -> list[ShownMessage]:
        """The messages in the reader's language."""
        return [shown(entry) for entry in self.messages]

    @property
    def last_message(self) -> ShownMessage | None:
        return shown(self.messages[-1]) if self.messages else None

    @property
    def error_for_people(self) -> str:
        """A one-line error of ours (a stopped worker) in the reader's language; "" for a traceback,
        which the page keeps under "technical details"."""
        return gettext(self.error) if self.error and "\n" not in self.error.strip() else ""

    @property
    def param_rows(self) -> list[tuple[str, str]]:
        from portal.jobs.registry import labelled

        spec = self.spec
        return labelled(spec.params if spec else (), self.params)

    @property
    def result_rows(self) -> list[tuple[str, str]]:
        from portal.jobs.registry import labelled

        spec = self.spec
        return labelled(spec.results if spec else (), self.result)

    @property
    def result_link(self) -> tuple[str, str] | None:
        """(label, URL) of the page showing what a finished run produced, if its job has one."""
        spec = self.spec
        if spec is None or spec.result_url is None or self.status != self.Status.SUCCEEDED:
            return None
        url = spec.result_url(self)
        return (str(spec.result_label), url) if url else None

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED
