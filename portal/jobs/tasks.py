"""Celery entry points. Thin: every job goes through ``portal.jobs.runner.execute``."""

from __future__ import annotations

from celery import shared_task

from portal.jobs import runner


@shared_task(name="portal.jobs.tasks.run_job", acks_late=True, reject_on_worker_lost=True)
def run_job(run_id: int) -> None:
    runner.execute(run_id)


@shared_task(name="portal.jobs.tasks.mark_stale_runs")
def mark_stale_runs() -> int:
    return runner.mark_stale_runs()
