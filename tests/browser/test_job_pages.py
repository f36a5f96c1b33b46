"""In Chromium: Alice finds her screening among the unit's runs (the schedule's SLA sweeps out of the
way), reads it in Chinese, and goes from it to the theft report of its window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from portal.jobs.models import JobRun
from portal.jobs.runner import execute
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 - fixtures
from tests.personas import World

pytestmark = pytest.mark.browser

START = dt.date(2025, 3, 1)
END = START + dt.timedelta(days=41)


def test_alice_goes_from_her_screening_run_to_its_report(
    page: Page,
    live_server: Any,
    browser_world: World,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    binhai = browser_world.binhai
    call_command(
        "generate_meter_data",
        tenant="binhai",
        meters=120,
        areas=3,
        days=42,
        seed=7,
        start=START,
        theft_areas=1,
        out=tmp_path / "gen",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    screening = JobRun.objects.create(
        tenant=binhai,
        name="theftscan.screen",
        requested_by=browser_world.alice,
        params={"start": START.isoformat(), "end": END.isoformat()},
    )
    finished = execute(screening.pk)  # what the worker does with it
    assert finished is not None
    assert finished.status == JobRun.Status.SUCCEEDED, finished.error
    for _ in range(3):
        JobRun.objects.create(
            tenant=binhai,
            name="tickets.sla_sweep",
            trigger=JobRun.Trigger.SCHEDULE,
            status=JobRun.Status.SUCCEEDED,
            result={"escalated": 0},
        )

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/jobs/")
    expect(page.get_by_text("另有 3 次定时运行未显示。")).to_be_visible()
    expect(page.get_by_role("link", name="时限巡检", exact=False)).to_have_count(0)
    page.get_by_role("link", name="显示", exact=True).click()
    expect(page.get_by_role("link", name="时限巡检", exact=False)).to_have_count(3)

    page.goto(f"{live_server.url}/jobs/")
    page.get_by_role("link", name=f"台区线损筛查 #{screening.pk}").click()
    expect(page.get_by_text("已读取 3 个台区、120 块电表的数据。")).to_be_visible()
    expect(page.locator("dl.props dt", has_text="筛查台区数").locator("xpath=following-sibling::dd[1]")).to_have_text(
        "3"
    )
    expect(page.locator("body")).not_to_contain_text("{'")
    page.get_by_role("link", name="打开窃电客户行为分析报表").click()
    expect(page.locator("h1")).to_have_text("窃电客户行为分析报表")
    assert page.url.endswith(f"/theftscan/report/?window={START.isoformat()}_{END.isoformat()}")
