"""The one wrapper every background job runs through.

``enqueue()`` writes a queued ``JobRun`` and, once the surrounding transaction commits, hands its id
to the Celery worker (production, CI) or to a thread pool in this process (embedded mode).
``execute()`` claims the run with a conditional UPDATE — so a redelivered message cannot run it
twice —, calls the job function with a ``JobContext`` inside a strict tenant scope, and records
progress, messages, the result or the error.
"""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.jobs.messages import stored
from portal.jobs.models import JobRun
from portal.jobs.registry import get_job
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope

log = logging.getLogger(__name__)

# A running job whose heartbeat is older than this is taken to be dead (worker killed).
STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
WORKER_STOPPED = gettext_noop("The worker stopped responding.")
_MAX_MESSAGES = 200

_executor: ThreadPoolExecutor | None = None


def _in_process_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="portal-job")
    return _executor


@dataclass
class JobContext:
    """Handed to a job function: its tenant, its parameters, and a way to report progress.

    Messages are English source texts marked with ``gettext_noop`` and their parameters, e.g.
    ``ctx.progress(30, gettext_noop("%(n)d areas flagged"), n=12)``: the run's page translates them
    for its reader (``portal.jobs.messages``)."""

    run: JobRun
    tenant: Tenant

    def progress(self, percent: float, message: str | None = None, /, **params: Any) -> None:
        pct = max(0, min(100, int(percent)))
        if message:
            self._append(message, params)
        self.run.progress = pct
        now = timezone.now()
        JobRun.objects.all_tenants().filter(pk=self.run.pk).update(
            progress=pct, heartbeat_at=now, messages=self.run.messages
        )

    def log(self, message: str, /, **params: Any) -> None:
        self._append(message, params)
        JobRun.objects.all_tenants().filter(pk=self.run.pk).update(
            messages=self.run.messages, heartbeat_at=timezone.now()
        )

    def _append(self, message: str, params: dict[str, Any]) -> None:
        self.run.messages = [*self.run.messages, stored(message, params, timezone.now())][-_MAX_MESSAGES:]

    def save_file(self, filename: str, content: bytes) -> None:
        self.run.result_file.save(filename, ContentFile(content), save=False)
        JobRun.objects.all_tenants().filter(pk=self.run.pk).update(result_file=self.run.result_file.name)


def enqueue(
    name: str,
    tenant: Tenant,
    *,
    requested_by: Any = None,
    trigger: str = JobRun.Trigger.MANUAL,
    **params: Any,
) -> JobRun:
    get_job(name)  # unknown names fail here, in the caller, not later in a worker
    run = JobRun.objects.create(tenant=tenant, name=name, params=params, requested_by=requested_by, trigger=trigger)
    transaction.on_commit(lambda: dispatch(run.pk))
    return run


def enqueue_scheduled(name: str, tenant: Tenant, **params: Any) -> JobRun:
    """A run the beat schedule started (no person asked for it): hidden from the job list by default
    and purged after ``JOBS_SCHEDULED_RUNS_KEEP_DAYS``."""
    return enqueue(name, tenant, trigger=JobRun.Trigger.SCHEDULE, **params)


def dispatch(run_id: int) -> None:
    if settings.JOBS_BACKEND == "inprocess":
        _in_process_executor().submit(_execute_in_thread, run_id)
    else:
        from portal.jobs.tasks import run_job

        run_job.delay(run_id)


def _execute_in_thread(run_id: int) -> None:
    close_old_connections()
    try:
        execute(run_id)
    finally:
        close_old_connections()


def _claim(run_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=JobRun.Status.QUEUED) | Q(status=JobRun.Status.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    return (
        JobRun.objects.all_tenants()
        .filter(claimable, pk=run_id)
        .update(status=JobRun.Status.RUNNING, started_at=now, heartbeat_at=now, progress=0, error="")
        == 1
    )


def execute(run_id: int) -> JobRun | None:
    """Run one claimed job to its end. Returns None when another worker holds it or it is done."""
    if not _claim(run_id):
        log.info("job run %s is not claimable (already running or finished)", run_id)
        return None
    run = JobRun.objects.all_tenants().select_related("tenant").get(pk=run_id)
    ctx = JobContext(run=run, tenant=run.tenant)
    spec = get_job(run.name)
    try:
        with strict_scope():
            result = spec.function(ctx, **run.params) or {}
    except Exception as exc:  # a job's failure is recorded on its row, whatever it was
        log.exception("job run %s (%s) failed", run_id, run.name)
        _finish(run, JobRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}")
    else:
        _finish(run, JobRun.Status.SUCCEEDED, result=result)
    run.refresh_from_db()
    return run


def _finish(run: JobRun, status: str, *, error: str = "", result: dict[str, Any] | None = None) -> None:
    fields: dict[str, Any] = {"status": status, "finished_at": timezone.now(), "error": error, "messages": run.messages}
    if status == JobRun.Status.SUCCEEDED:
        fields["progress"] = 100
        fields["result"] = result or {}
    JobRun.objects.all_tenants().filter(pk=run.pk).update(**fields)


def mark_stale_runs() -> int:
    """Fail runs whose worker died mid-way and whose message will not come back."""
    cutoff = timezone.now() - STALE_AFTER * 2
    return (
        JobRun.objects.all_tenants()
        .filter(status=JobRun.Status.RUNNING, heartbeat_at__lt=cutoff)
        .update(status=JobRun.Status.FAILED, finished_at=timezone.now(), error=WORKER_STOPPED)
    )
