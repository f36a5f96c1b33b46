"""Celery entry points. Thin: every job goes through ``portal.jobs.runner.execute``."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from portal.jobs import retention, runner


@shared_task(name="portal.jobs.tasks.run_job", acks_late=True, reject_on_worker_lost=True)
def run_job(run_id: int) -> None:
    runner.execute(run_id)


@shared_task(name="portal.jobs.tasks.mark_stale_runs")
def mark_stale_runs() -> int:
    return runner.mark_stale_runs()


@shared_task(name="portal.jobs.tasks.purge_scheduled_runs")
def purge_scheduled_runs() -> int:
    return retention.purge_scheduled_runs(timezone.now(), retention.Retention.from_settings())
