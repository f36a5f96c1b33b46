"""In Chromium: a suspect's start day from the ranking to the case, where it is the calculator's first day."""

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
from theftscan.models import Suspect
from theftscan.persist import run_screening

pytestmark = pytest.mark.browser

START = dt.date(2025, 3, 1)


def test_alice_sees_when_the_theft_began_and_back_bills_from_that_day(
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
    top = Suspect.objects.for_tenant(browser_world.binhai).order_by("rank_in_tenant").first()
    assert top is not None
    assert top.start_day is not None
    began = top.start_day.isoformat()

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/theftscan/suspects/")
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text(top.meter_no)
    expect(first_row).to_contain_text(began)
    page.goto(f"{live_server.url}/theftscan/areas/{top.area_id}/")
    page.locator("tbody tr", has_text=top.meter_no).get_by_role("button").click()
    expect(page.locator("dl.props")).to_contain_text(f"疑似起始日{began}")
    expect(page.locator("#id_start")).to_have_value(began)
    expect(page.locator("#id_end")).to_have_value((START + dt.timedelta(days=41)).isoformat())
