"""Housekeeping: the schedule's runs are purged after their retention, the access-log purge runs
nightly where there is something to purge, and bad retention settings stop start-up."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.audit.models import PersonalDataAccess
from portal.audit.tasks import purge_access_logs
from portal.jobs.models import JobRun
from portal.jobs.retention import Retention, purge_scheduled_runs
from portal.jobs.runner import execute
from portal.tenancy.models import Tenant
from tests.personas import World
from tests.platform.test_jobs import access_rows, remaining

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 12, 1, 4, 0))
WEEK_AND_MONTH = Retention(succeeded_days=7, failed_days=30)


def finished_run(
    tenant: Tenant,
    name: str,
    days_ago: float,
    *,
    status: str = JobRun.Status.SUCCEEDED,
    trigger: str = JobRun.Trigger.SCHEDULE,
    requested_by: Any = None,
) -> int:
    finished = NOW - timedelta(days=days_ago)
    run = JobRun.objects.create(
        tenant=tenant,
        name=name,
        status=status,
        trigger=trigger,
        requested_by=requested_by,
        started_at=finished,
        finished_at=finished,
    )
    return run.pk


def surviving() -> set[int]:
    return set(JobRun.objects.all_tenants().values_list("pk", flat=True))


def test_the_purge_deletes_exactly_the_scheduled_runs_past_their_retention(world: World) -> None:
    b, w = world.binhai, world.wuqing
    sweep = "tickets.sla_sweep"
    gone = {
        finished_run(b, sweep, 8),  # succeeded 8 days ago > 7
        finished_run(b, sweep, 31, status=JobRun.Status.FAILED),  # failed 31 days ago > 30
        finished_run(w, sweep, 9),  # Wuqing's older sweep; its newest is kept below
    }
    kept = {
        finished_run(b, sweep, 6),  # succeeded within the week
        finished_run(b, sweep, 20, status=JobRun.Status.FAILED),  # failed within the month
        finished_run(b, "careband.nightly", 100),  # the only (so the newest) nightly run of Binhai
        finished_run(w, sweep, 8),  # the newest sweep of Wuqing, old as it is
        finished_run(b, "tickets.export", 400, trigger=JobRun.Trigger.MANUAL, requested_by=world.alice),
        finished_run(b, "theftscan.screen", 400, trigger=JobRun.Trigger.MANUAL),  # asked for, if by no one now
        finished_run(b, sweep, 0.5),  # Binhai's newest sweep
    }
    still_running = JobRun.objects.create(
        tenant=b, name=sweep, status=JobRun.Status.RUNNING, trigger=JobRun.Trigger.SCHEDULE
    )

    deleted = purge_scheduled_runs(NOW, WEEK_AND_MONTH, batch_size=2)

    assert deleted == 3
    assert surviving() == kept | {still_running.pk}
    assert not gone & surviving()


def test_a_purged_runs_result_file_goes_with_it(world: World, django_capture_on_commit_callbacks: Any) -> None:
    old = JobRun.objects.get(pk=finished_run(world.binhai, "meters.import_drop_folder", 10))
    old.result_file.save("old-run.csv", ContentFile(b"x\n"))
    finished_run(world.binhai, "meters.import_drop_folder", 1)
    name = old.result_file.name
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_scheduled_runs(NOW, WEEK_AND_MONTH) == 1

    assert not default_storage.exists(name)


def test_a_second_purge_finds_nothing_more(world: World) -> None:
    finished_run(world.binhai, "tickets.sla_sweep", 10)
    finished_run(world.binhai, "tickets.sla_sweep", 1)

    assert purge_scheduled_runs(NOW, WEEK_AND_MONTH) == 1
    assert purge_scheduled_runs(NOW, WEEK_AND_MONTH) == 0


def test_the_retention_comes_from_the_settings(settings: Any, world: World) -> None:
    settings.JOBS_SCHEDULED_RUNS_KEEP_DAYS = 2
    settings.JOBS_FAILED_RUNS_KEEP_DAYS = 3
    two_and_a_half = finished_run(world.binhai, "tickets.sla_sweep", 2.5)
    failed_at_two_and_a_half = finished_run(world.binhai, "tickets.sla_sweep", 2.5, status=JobRun.Status.FAILED)
    newest = finished_run(world.binhai, "tickets.sla_sweep", 0)

    assert purge_scheduled_runs(NOW, Retention.from_settings()) == 1

    assert surviving() == {failed_at_two_and_a_half, newest}
    assert two_and_a_half not in surviving()


def test_the_nightly_purges_are_on_the_beat_schedule() -> None:
    tasks = {str(entry["task"]) for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"portal.jobs.tasks.purge_scheduled_runs", "portal.audit.tasks.purge_access_logs"} <= tasks
    for task in tasks:  # the embedded beat finds each by its import path
        assert callable(import_string(task))


# --- the personal-data access log ---------------------------------------------------------------


def test_the_nightly_access_log_purge_runs_where_old_entries_are_and_keeps_the_retention(
    settings: Any, world: World
) -> None:
    settings.ACCESS_LOG_KEEP_DAYS = 100
    access_rows(world.binhai, [150])
    recent = access_rows(world.binhai, [99, 10])
    access_rows(world.wuqing, [50])  # nothing older than 100 days in Wuqing: no run there

    assert purge_access_logs() == 1

    run = JobRun.objects.all_tenants().get(name="audit.purge_access_log")
    assert (run.tenant, run.trigger, run.params, run.requested_by) == (world.binhai, "schedule", {"days": 100}, None)
    finished = execute(run.pk)
    assert finished is not None
    assert (finished.status, finished.result) == (JobRun.Status.SUCCEEDED, {"deleted": 1, "days": 100})
    assert remaining(world.binhai) == sorted(recent)
    assert PersonalDataAccess.objects.for_tenant(world.wuqing).count() == 1


def test_an_inactive_unit_gets_no_purge_run(settings: Any, world: World) -> None:
    settings.ACCESS_LOG_KEEP_DAYS = 100
    access_rows(world.binhai, [150])
    Tenant.objects.filter(pk=world.binhai.pk).update(is_active=False)

    assert purge_access_logs() == 0
    assert not JobRun.objects.all_tenants().exists()


# --- the settings ---------------------------------------------------------------------------------


def check_ids() -> list[str]:
    return [message.id for message in run_checks() if message.id and message.id.startswith(("audit.", "jobs."))]


def test_the_shipped_retention_settings_pass_the_checks() -> None:
    assert (settings.JOBS_SCHEDULED_RUNS_KEEP_DAYS, settings.JOBS_FAILED_RUNS_KEEP_DAYS) == (7, 30)
    assert settings.ACCESS_LOG_KEEP_DAYS == 365
    assert check_ids() == []


def test_an_access_log_retention_under_30_days_stops_start_up(settings: Any) -> None:
    settings.ACCESS_LOG_KEEP_DAYS = 29

    assert check_ids() == ["audit.E001"]


def test_a_run_retention_under_a_day_stops_start_up(settings: Any) -> None:
    settings.JOBS_SCHEDULED_RUNS_KEEP_DAYS = 0
    settings.JOBS_FAILED_RUNS_KEEP_DAYS = -1

    assert check_ids() == ["jobs.E001", "jobs.E001"]
