"""In Chromium: from the report to an area's three curves to opening an on-site inspection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from portal.tenancy.scoping import strict_scope
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 - fixtures
from tests.personas import World
from theftscan.models import AreaPeriod, Case
from theftscan.persist import run_screening

pytestmark = pytest.mark.browser

START = dt.date(2025, 3, 1)


def test_alice_goes_from_the_report_to_an_areas_curves_and_opens_an_inspection(
    page: Page,
    live_server: Any,
    browser_world: World,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    call_command(
        "generate_meter_data",
        tenant="binhai",
        meters=200,
        areas=4,
        days=42,
        seed=5,
        start=START,
        theft_areas=2,
        out=tmp_path / "gen",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    with strict_scope():
        run_screening(browser_world.binhai, START, START + dt.timedelta(days=41))
    period = AreaPeriod.objects.for_tenant(browser_world.binhai).filter(flagged=True).order_by("-suspicion").first()
    assert period is not None

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/theftscan/report/")
    expect(page.locator("h1")).to_have_text("窃电客户行为分析报表")
    page.get_by_role("link", name=f"{period.area.code} {period.area.name}").click()
    expect(page.locator("svg.chart")).to_have_count(3)
    expect(page.get_by_role("img", name="台区线损率")).to_be_visible()
    page.get_by_role("button", name="派发现场核查").first.click()
    expect(page.get_by_text("已派发现场核查")).to_be_visible()
    case = Case.objects.for_tenant(browser_world.binhai).get()
    expect(page.locator("h1")).to_contain_text(case.ticket.reference)
    assert case.rank_in_area == 1
