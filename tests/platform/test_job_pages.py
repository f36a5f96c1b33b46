"""The job pages read for people: messages in the reader's language, parameters and results as
labelled rows, a link to what a run produced; the schedule's runs hidden unless asked for, the
reader's own runs first."""

from __future__ import annotations

import inspect
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.jobs.models import JobRun
from portal.jobs.registry import all_jobs
from portal.jobs.runner import STALE_AFTER, mark_stale_runs
from tests.personas import World

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def screening(world: World, **fields: Any) -> JobRun:
    """A finished screening of 1 March – 11 April 2025 as ``theftscan.screen`` records it."""
    values: dict[str, Any] = {
        "tenant": world.binhai,
        "name": "theftscan.screen",
        "requested_by": world.alice,
        "status": JobRun.Status.SUCCEEDED,
        "progress": 100,
        "params": {"start": "2025-03-01", "end": "2025-04-11"},
        "result": {
            "areas": 24, "meters": 1600, "flagged": 3, "suspects": 9, "start": "2025-03-01", "end": "2025-04-11"
        },
        "messages": [
            {"at": "2026-12-01T02:30:05+08:00", "text": "%(areas)d areas and %(meters)d meters read.",
             "params": {"areas": 24, "meters": 1600}},
            {"at": "2026-12-01T02:30:09+08:00", "text": "%(n)d areas flagged.", "params": {"n": 3}},
        ],
    }  # fmt: skip
    values.update(fields)
    return JobRun.objects.create(**values)


def page(client: Client, run: JobRun, **headers: str) -> str:
    response = client.get(reverse("jobs:detail", args=[run.pk]), **headers)  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


# --- messages -------------------------------------------------------------------------------------


def test_a_runs_messages_are_shown_in_chinese_by_default(world: World, alice_client: Client) -> None:
    html = page(alice_client, screening(world))

    assert "已读取 24 个台区、1600 块电表的数据。" in html
    assert '<time datetime="2026-12-01T02:30:09+08:00">02:30:09</time> 3 个台区疑似异常。' in html
    assert "areas flagged" not in html


def test_the_same_run_reads_in_english_for_an_english_reader(world: World, alice_client: Client) -> None:
    html = page(alice_client, screening(world), **ENGLISH)

    assert "24 areas and 1600 meters read." in html
    assert "3 areas flagged." in html
    assert "台区疑似异常" not in html


def test_the_progress_fragment_shows_the_last_message_translated(world: World, alice_client: Client) -> None:
    run = screening(world, status=JobRun.Status.RUNNING, progress=30)

    fragment = alice_client.get(reverse("jobs:progress", args=[run.pk])).content.decode()

    assert '<span class="muted">3 个台区疑似异常。</span>' in fragment


def test_a_message_from_before_the_translation_is_shown_as_it_was_written(world: World, alice_client: Client) -> None:
    run = screening(world, messages=["02:30:05 24 areas, 600 meters read"])

    assert "02:30:05 24 areas, 600 meters read" in page(alice_client, run)


def test_a_worker_that_stopped_is_explained_in_the_readers_language(world: World, alice_client: Client) -> None:
    long_ago = timezone.now() - STALE_AFTER * 3
    run = screening(world, status=JobRun.Status.RUNNING, started_at=long_ago, heartbeat_at=long_ago, result={})
    assert mark_stale_runs() == 1

    assert "后台进程已停止响应。" in page(alice_client, run)
    assert "The worker stopped responding." in page(alice_client, run, **ENGLISH)


# --- parameters, results and the result's page ---------------------------------------------------


def test_parameters_and_results_are_labelled_rows_not_dicts(world: World, alice_client: Client) -> None:
    html = page(alice_client, screening(world))

    assert "<dt>起始日期</dt><dd>2025年3月1日</dd>" in html
    assert "<dt>截止日期</dt><dd>2025年4月11日</dd>" in html
    assert "<dt>筛查台区数</dt><dd>24</dd>" in html
    assert "<dt>读取电表数</dt><dd>1600</dd>" in html  # Chinese numbers have no thousands separator
    assert "<dt>嫌疑户数</dt><dd>9</dd>" in html
    assert "{" not in html.split("<h1>", 1)[1].split("</main>", 1)[0]  # no Python dict anywhere


def test_the_rows_read_in_english_for_an_english_reader(world: World, alice_client: Client) -> None:
    html = page(alice_client, screening(world), **ENGLISH)

    assert "<dt>From</dt><dd>March 1, 2025</dd>" in html
    assert "<dt>Meters read</dt><dd>1,600</dd>" in html
    assert "Open the theft report</a>" in html


def test_a_finished_screening_links_to_its_report(world: World, alice_client: Client) -> None:
    html = page(alice_client, screening(world))

    report = "/theftscan/report/?window=2025-03-01_2025-04-11"
    assert f'<a class="btn secondary" href="{report}">打开窃电客户行为分析报表</a>' in html


@pytest.mark.parametrize("status", [JobRun.Status.RUNNING, JobRun.Status.FAILED])
def test_an_unfinished_or_failed_screening_has_no_report_link(world: World, alice_client: Client, status: str) -> None:
    run = screening(world, status=status, result={})

    assert "/theftscan/report/" not in page(alice_client, run)


def test_an_exports_filters_and_format_read_as_words(world: World, alice_client: Client) -> None:
    run = JobRun.objects.create(
        tenant=world.binhai,
        name="tickets.export",
        requested_by=world.alice,
        status=JobRun.Status.SUCCEEDED,
        params={"filters": {"status": "new", "overdue": "true"}, "format": "xlsx", "language": "zh-hans"},
        result={"rows": 1234, "format": "xlsx", "masked": True},
    )

    html = page(alice_client, run)

    assert "<dt>筛选条件</dt><dd>状态：新建、仅看超期：是</dd>" in html
    assert "<dt>格式</dt><dd>Excel</dd>" in html
    assert "<dt>语言</dt><dd>简体中文</dd>" in html
    assert "<dt>导出工单数</dt><dd>1234</dd>" in html
    assert "<dt>个人信息已脱敏</dt><dd>是</dd>" in html


def test_a_value_the_job_does_not_declare_is_still_shown_under_its_key(world: World, alice_client: Client) -> None:
    run = screening(world, result={"areas": 24, "added_later": 5})

    html = page(alice_client, run)

    assert "<dt>筛查台区数</dt><dd>24</dd>" in html
    assert "<dt>added_later</dt><dd>5</dd>" in html


# --- the list: the schedule's runs, and one's own first -------------------------------------------


def run_of(world: World, name: str, *, by: Any = None, minutes_ago: int = 0, scheduled: bool = False) -> JobRun:
    run = JobRun.objects.create(
        tenant=world.binhai,
        name=name,
        requested_by=by,
        trigger=JobRun.Trigger.SCHEDULE if scheduled else JobRun.Trigger.MANUAL,
        status=JobRun.Status.SUCCEEDED,
    )
    JobRun.objects.all_tenants().filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return run


def listed(client: Client, query: str = "", **headers: str) -> list[int]:
    response = client.get(reverse("jobs:list") + query, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200
    return [run.pk for run in response.context["object_list"]]


@pytest.fixture
def mixed_runs(world: World) -> dict[str, JobRun]:
    return {
        "alices_old": run_of(world, "tickets.export", by=world.alice, minutes_ago=300),
        "bobs_new": run_of(world, "tickets.export", by=world.bob, minutes_ago=5),
        "alices_new": run_of(world, "theftscan.screen", by=world.alice, minutes_ago=60),
        "sweep_1": run_of(world, "tickets.sla_sweep", minutes_ago=1, scheduled=True),
        "sweep_2": run_of(world, "tickets.sla_sweep", minutes_ago=11, scheduled=True),
    }


def test_the_list_hides_the_schedules_runs_and_says_so(mixed_runs: dict[str, JobRun], alice_client: Client) -> None:
    r = mixed_runs
    response = alice_client.get(reverse("jobs:list"))

    # Alice's own runs first (newest first), then the others'; no SLA sweep.
    assert listed(alice_client) == [r["alices_new"].pk, r["alices_old"].pk, r["bobs_new"].pk]
    html = response.content.decode()
    assert "另有 2 次定时运行未显示。" in html
    assert 'href="?origin=schedule">显示</a>' in html


def test_bob_sees_his_own_run_first(mixed_runs: dict[str, JobRun], bob_client: Client) -> None:
    r = mixed_runs

    assert listed(bob_client) == [r["bobs_new"].pk, r["alices_new"].pk, r["alices_old"].pk]


def test_the_schedules_runs_are_shown_when_asked_for(mixed_runs: dict[str, JobRun], alice_client: Client) -> None:
    r = mixed_runs

    assert listed(alice_client, "?origin=schedule") == [r["sweep_1"].pk, r["sweep_2"].pk]
    everything = [r["alices_new"].pk, r["alices_old"].pk, r["sweep_1"].pk, r["bobs_new"].pk, r["sweep_2"].pk]
    assert listed(alice_client, "?origin=all") == everything
    assert "时限巡检 #" in alice_client.get(reverse("jobs:list") + "?origin=schedule").content.decode()


def test_the_status_filter_combines_with_the_origin(
    world: World, mixed_runs: dict[str, JobRun], alice_client: Client
) -> None:
    failed = run_of(world, "tickets.export", minutes_ago=2)
    JobRun.objects.all_tenants().filter(pk=failed.pk).update(status=JobRun.Status.FAILED)

    assert listed(alice_client, "?status=failed") == [failed.pk]
    assert listed(alice_client, "?status=failed&origin=schedule") == []


def test_a_bad_filter_value_is_answered_with_the_form_error_and_no_rows(
    mixed_runs: dict[str, JobRun], alice_client: Client
) -> None:
    response = alice_client.get(reverse("jobs:list") + "?origin=everything")

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert "请修改上方的筛选条件。" in response.content.decode()
    assert response.context["filter"].errors["origin"]


def test_charlie_sees_none_of_binhais_runs_even_with_the_schedules(
    mixed_runs: dict[str, JobRun], charlie_client: Client
) -> None:
    assert listed(charlie_client, "?origin=all") == []


# --- every job declares how people read it ------------------------------------------------------


def test_every_job_labels_each_parameter_its_function_takes() -> None:
    unlabelled = {
        spec.name: sorted(set(list(inspect.signature(spec.function).parameters)[1:]) - {f.key for f in spec.params})
        for spec in all_jobs()
    }

    assert len(unlabelled) >= 8  # the registry was loaded: audit, careband ×2, meters ×2, theftscan, tickets ×2
    assert {name: keys for name, keys in unlabelled.items() if keys} == {}


def test_every_job_with_a_result_labels_its_figures() -> None:
    silent = [spec.name for spec in all_jobs() if not spec.results]

    assert silent == []
