"""Background jobs through the real Celery worker, the runner's claim, and the job pages."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from portal.audit.actions import record_personal_read
from portal.audit.models import PersonalDataAccess
from portal.audit.retention import purge_access_log
from portal.jobs.messages import translate
from portal.jobs.models import JobRun
from portal.jobs.runner import enqueue, execute
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from tests.personas import World


def access_rows(tenant: Tenant, ages_in_days: list[int]) -> list[int]:
    """One access-log row per age, its created_at moved back that many days."""
    ids = []
    for age in ages_in_days:
        row = record_personal_read(
            tenant, Organisation, [1], ["contact_name"], actor="test", channel="api", masked=True
        )
        assert row is not None
        PersonalDataAccess.objects.for_tenant(tenant).filter(pk=row.pk).update(
            created_at=timezone.now() - timedelta(days=age)
        )
        ids.append(row.pk)
    return ids


def remaining(tenant: Tenant) -> list[int]:
    return sorted(PersonalDataAccess.objects.for_tenant(tenant).values_list("pk", flat=True))


def wait_until_finished(run: JobRun, timeout: float = 60) -> JobRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            return run
        time.sleep(0.2)
    raise AssertionError(f"job run {run.pk} still {run.status} after {timeout} s")


# --- through the real worker --------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_purge_runs_in_the_worker_and_deletes_exactly_the_old_rows(celery_worker: object) -> None:
    from tests.personas import make_world

    world = make_world()
    old = access_rows(world.binhai, [400, 366])
    kept = access_rows(world.binhai, [364, 10, 0])
    other_tenants_old = access_rows(world.wuqing, [400])

    run = wait_until_finished(enqueue("audit.purge_access_log", world.binhai, requested_by=world.alice))

    assert run.status == JobRun.Status.SUCCEEDED, run.error
    assert run.progress == 100
    assert run.result == {"deleted": 2, "days": 365}
    assert run.started_at is not None
    assert run.finished_at is not None
    assert remaining(world.binhai) == sorted(kept)
    assert remaining(world.wuqing) == other_tenants_old
    assert not set(old) & set(remaining(world.binhai))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_job_with_bad_parameters_ends_failed_with_the_error(celery_worker: object) -> None:
    from tests.personas import make_world

    world = make_world()
    rows = access_rows(world.binhai, [400])

    run = wait_until_finished(enqueue("audit.purge_access_log", world.binhai, days=-1))

    assert run.status == JobRun.Status.FAILED
    assert run.error.startswith("ValueError: days must be at least 30, not -1")
    assert run.progress == 0
    assert remaining(world.binhai) == rows


# --- the runner, in this process ----------------------------------------------------------------


def test_a_custom_retention_keeps_what_is_younger(world: World) -> None:
    access_rows(world.binhai, [100, 40])
    kept = access_rows(world.binhai, [20])

    run = JobRun.objects.create(tenant=world.binhai, name="audit.purge_access_log", params={"days": 30})
    finished = execute(run.pk)

    assert finished is not None
    assert (finished.status, finished.result) == (JobRun.Status.SUCCEEDED, {"deleted": 2, "days": 30})
    assert remaining(world.binhai) == kept


def test_the_purge_reports_progress_per_batch(world: World) -> None:
    access_rows(world.binhai, [400, 400, 400])
    reports: list[tuple[float, str]] = []

    def report(percent: float, message: str | None = None, /, **params: Any) -> None:
        reports.append((percent, translate(message or "", params)))

    with translation.override("zh-hans"):
        deleted = purge_access_log(world.binhai, 365, on_progress=report, batch_size=2)

    assert deleted == 3
    assert reports == [(200 / 3, "已删除 2 / 3 条记录。"), (100.0, "已删除 3 / 3 条记录。")]


@pytest.mark.parametrize("days", [-1, 0, 29, "365", 1.5, True, None])
def test_a_retention_that_is_not_a_whole_number_of_at_least_30_days_is_refused(world: World, days: object) -> None:
    rows = access_rows(world.binhai, [400])

    with pytest.raises(ValueError, match="days must be"):
        purge_access_log(world.binhai, days)

    assert remaining(world.binhai) == rows


def test_execute_on_an_already_claimed_run_does_nothing(world: World) -> None:
    rows = access_rows(world.binhai, [400])
    started = timezone.now() - timedelta(seconds=5)
    run = JobRun.objects.create(
        tenant=world.binhai,
        name="audit.purge_access_log",
        status=JobRun.Status.RUNNING,
        progress=40,
        started_at=started,
        heartbeat_at=started,
    )

    assert execute(run.pk) is None

    run.refresh_from_db()
    assert (run.status, run.progress, run.started_at) == (JobRun.Status.RUNNING, 40, started)
    assert remaining(world.binhai) == rows


def test_execute_on_a_finished_run_does_nothing(world: World) -> None:
    rows = access_rows(world.binhai, [400])
    run = JobRun.objects.create(
        tenant=world.binhai, name="audit.purge_access_log", status=JobRun.Status.SUCCEEDED, progress=100
    )

    assert execute(run.pk) is None
    assert execute(run.pk) is None

    assert remaining(world.binhai) == rows


def test_enqueueing_an_unknown_job_fails_in_the_caller(world: World) -> None:
    with pytest.raises(LookupError, match=r"No background job is registered as 'audit\.nope'"):
        enqueue("audit.nope", world.binhai)

    assert JobRun.objects.all_tenants().count() == 0


# --- the pages ----------------------------------------------------------------------------------


def make_run(world: World, status: str, progress: int) -> JobRun:
    return JobRun.objects.create(
        tenant=world.binhai, name="audit.purge_access_log", status=status, progress=progress, requested_by=world.alice
    )


def test_the_progress_fragment_polls_while_the_job_runs(world: World, alice_client: Client) -> None:
    run = make_run(world, JobRun.Status.RUNNING, 40)

    response = alice_client.get(reverse("jobs:progress", args=[run.pk]), HTTP_HX_REQUEST="true")

    fragment = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in fragment
    assert f'hx-get="{reverse("jobs:progress", args=[run.pk])}"' in fragment
    assert 'aria-valuenow="40"' in fragment


@pytest.mark.parametrize("status", [JobRun.Status.SUCCEEDED, JobRun.Status.FAILED])
def test_the_progress_fragment_stops_polling_when_finished(world: World, alice_client: Client, status: str) -> None:
    run = make_run(world, status, 100)

    fragment = alice_client.get(reverse("jobs:progress", args=[run.pk])).content.decode()

    assert "hx-trigger" not in fragment
    assert "hx-get" not in fragment


def test_alice_downloads_her_runs_file(world: World, alice_client: Client) -> None:
    run = make_run(world, JobRun.Status.SUCCEEDED, 100)
    run.result_file.save("purge.csv", ContentFile(b"deleted\n2\n"))

    response = alice_client.get(reverse("jobs:download", args=[run.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"deleted\n2\n"  # type: ignore[attr-defined]


def test_a_run_without_a_file_has_nothing_to_download(world: World, alice_client: Client) -> None:
    run = make_run(world, JobRun.Status.SUCCEEDED, 100)

    assert alice_client.get(reverse("jobs:download", args=[run.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["jobs:detail", "jobs:progress", "jobs:download"])
def test_charlie_gets_404_for_alices_job_run(world: World, charlie_client: Client, url_name: str) -> None:
    run = make_run(world, JobRun.Status.SUCCEEDED, 100)
    run.result_file.save("purge.csv", ContentFile(b"deleted\n2\n"))

    assert charlie_client.get(reverse(url_name, args=[run.pk])).status_code == 404


def test_charlie_does_not_see_alices_run_in_the_list(world: World, charlie_client: Client) -> None:
    make_run(world, JobRun.Status.SUCCEEDED, 100)

    assert list(charlie_client.get(reverse("jobs:list")).context["object_list"]) == []
