"""The screening on a generated grid: figures stored, flags, suspects, idempotent reruns, the command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from portal.tenancy.scoping import strict_scope
from tests.personas import World
from tests.theftscan.conftest import END, START
from theftscan.models import AreaDay, AreaPeriod, Suspect
from theftscan.persist import run_screening

pytestmark = pytest.mark.django_db


def test_every_area_gets_a_figure_for_every_day_and_one_window_row(screened: World) -> None:
    assert AreaDay.objects.for_tenant(screened.binhai).count() == 8 * 42
    assert AreaPeriod.objects.for_tenant(screened.binhai).filter(start=START, end=END).count() == 8


def test_the_flagged_areas_are_the_generated_theft_areas(screened: World, tmp_path: Path) -> None:
    truth = json.loads((tmp_path / "gen" / "truth.json").read_text())
    theft_codes = {a["area_code"] for a in truth["theft_areas"] if a["stolen_share"] >= 0.05}
    flagged = set(
        AreaPeriod.objects.for_tenant(screened.binhai).filter(flagged=True).values_list("area__code", flat=True)
    )
    all_theft = {a["area_code"] for a in truth["theft_areas"]}
    assert theft_codes <= flagged
    assert flagged <= all_theft


def test_a_day_loss_is_supplied_minus_sold(screened: World) -> None:
    day = AreaDay.objects.for_tenant(screened.binhai).filter(loss_rate__isnull=False).first()
    assert day is not None
    assert day.loss_kwh == pytest.approx(day.supplied_kwh - day.sold_kwh, rel=1e-6)
    assert day.loss_rate == pytest.approx(day.loss_kwh / day.supplied_kwh, rel=1e-6)


def test_rerunning_the_same_window_changes_nothing(screened: World) -> None:
    before = sorted(Suspect.objects.for_tenant(screened.binhai).values_list("meter_no", "rank_in_tenant", "score"))
    with strict_scope():
        run_screening(screened.binhai, START, END)
    after = sorted(Suspect.objects.for_tenant(screened.binhai).values_list("meter_no", "rank_in_tenant", "score"))
    assert after == before
    assert AreaDay.objects.for_tenant(screened.binhai).count() == 8 * 42


def test_the_command_refuses_an_unknown_tenant_and_a_short_window(world: World) -> None:
    with pytest.raises(CommandError, match="No tenant"):
        call_command("theftscan_run", tenant="nowhere", start="2025-03-01", end="2025-04-11")
    with pytest.raises(CommandError, match="14 days"):
        call_command("theftscan_run", tenant="binhai", start="2025-03-01", end="2025-03-05")
    with pytest.raises(CommandError, match="not a date"):
        call_command("theftscan_run", tenant="binhai", start="March", end="2025-03-05")


def test_the_command_screens_a_window(screened: World) -> None:
    call_command("theftscan_run", tenant="binhai", start="2025-03-02", end="2025-04-11", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AreaPeriod.objects.for_tenant(screened.binhai).filter(start="2025-03-02").count() == 8


def test_the_job_reports_progress_and_its_result_on_the_job_run(screened: World) -> None:
    from portal.jobs.models import JobRun
    from portal.jobs.runner import execute

    run = JobRun.objects.create(
        tenant=screened.binhai, name="theftscan.screen", params={"start": "2025-03-01", "end": "2025-04-11"}
    )
    finished = execute(run.pk)
    assert finished is not None
    assert (finished.status, finished.progress) == ("succeeded", 100)
    assert finished.result["areas"] == 8
    # Kept as the English source and its numbers, shown in the reader's language: 8 areas, one chunk.
    with translation.override("en"):
        assert finished.shown_messages[-1].text == "Areas 1–8 of 8 saved."
    with translation.override("zh-hans"):
        assert finished.shown_messages[-1].text == "已保存第 1–8 个台区（共 8 个）。"
    assert AreaPeriod.objects.for_tenant(screened.binhai).filter(job_run=run).count() == 8


def test_the_nightly_task_queues_one_screening_per_tenant_with_areas(screened: World) -> None:
    from portal.jobs.models import JobRun
    from theftscan.tasks import enqueue_nightly_screens

    assert enqueue_nightly_screens() == 1
    run = JobRun.objects.all_tenants().get(name="theftscan.screen")
    assert run.tenant == screened.binhai
    start, end = date.fromisoformat(run.params["start"]), date.fromisoformat(run.params["end"])
    assert (end - start).days + 1 == 90


def test_a_window_starting_after_the_thefts_began_dates_them_from_the_history_read_before_it(
    screened: World, tmp_path: Path
) -> None:
    # The generator starts every theft between day 10 and 21 of the 42; this window starts on day 25.
    late = START + timedelta(days=25)
    with strict_scope():
        run_screening(screened.binhai, late, END)
    truth = json.loads((tmp_path / "gen" / "truth.json").read_text())
    big = {a["area_code"]: date.fromisoformat(a["start"]) for a in truth["theft_areas"] if a["stolen_share"] >= 0.05}
    periods = AreaPeriod.objects.for_tenant(screened.binhai).filter(start=late, flagged=True).select_related("area")
    found = {p.area.code: p for p in periods}
    assert set(big) <= set(found)
    for code, began in big.items():
        period = found[code]
        assert period.history_from == START  # the store has nothing before START
        assert period.change_day is not None
        assert period.change_day < late
        assert abs((period.change_day - began).days) <= 7  # thieves start within a week of the area
        assert period.step is not None
        assert period.step > 0.01
    suspects = Suspect.objects.for_tenant(screened.binhai).filter(period__start=late)
    assert not suspects.filter(start_day__isnull=True).exists()
