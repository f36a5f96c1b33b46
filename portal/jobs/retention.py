"""The purge of old scheduled runs: the beat schedule starts runs every few minutes per unit, and
nothing else would ever delete them.

Only runs the schedule started are purged; a run a person asked for is theirs to look back on.
Successful scheduled runs are kept ``JOBS_SCHEDULED_RUNS_KEEP_DAYS``, failed ones
``JOBS_FAILED_RUNS_KEEP_DAYS`` (someone may still be looking into them), and the newest finished run
of each job in each unit is always kept, so its page can say when it last ran and how it went.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q

from portal.jobs.models import JobRun

BATCH_SIZE = 1000


@dataclass(frozen=True)
class Retention:
    succeeded_days: int
    failed_days: int

    @classmethod
    def from_settings(cls) -> Retention:
        return cls(settings.JOBS_SCHEDULED_RUNS_KEEP_DAYS, settings.JOBS_FAILED_RUNS_KEEP_DAYS)


def purgeable(now: datetime, retention: Retention) -> Q:
    succeeded = Q(status=JobRun.Status.SUCCEEDED, finished_at__lt=now - timedelta(days=retention.succeeded_days))
    failed = Q(status=JobRun.Status.FAILED, finished_at__lt=now - timedelta(days=retention.failed_days))
    return Q(trigger=JobRun.Trigger.SCHEDULE) & (succeeded | failed)


def purge_scheduled_runs(now: datetime, retention: Retention, *, batch_size: int = BATCH_SIZE) -> int:
    """Delete the scheduled runs past their retention, in every tenant; returns how many.

    In batches of primary keys, each its own short transaction, like the access-log purge."""
    runs = JobRun.objects.all_tenants()
    newest = (
        runs.filter(trigger=JobRun.Trigger.SCHEDULE, status__in=JobRun.FINISHED)
        .values("tenant_id", "name")
        .annotate(last=Max("pk"))
        .values("last")
    )
    old = runs.filter(purgeable(now, retention)).exclude(pk__in=newest)
    deleted = 0
    while True:
        batch = list(old.order_by("pk").values_list("pk", "result_file")[:batch_size])
        if not batch:
            return deleted
        with transaction.atomic():
            _total, by_model = runs.filter(pk__in=[pk for pk, _file in batch]).delete()
            # The result files go once the rows are gone for good, not before a rollback.
            transaction.on_commit(partial(_delete_files, [name for _pk, name in batch if name]))
        deleted += by_model.get(JobRun._meta.label, 0)


def _delete_files(names: list[str]) -> None:
    storage = JobRun._meta.get_field("result_file").storage
    for name in names:
        storage.delete(name)
