"""In Chromium: from the report to an area's three curves to opening an on-site inspection; the heat
map clusters the areas of one village."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from portal.meters.models import TransformerArea
from portal.tenancy.scoping import strict_scope
from tests.browser.charts import chart, drawn_map, hover
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 - fixtures
from tests.personas import World
from theftscan.models import AreaDay, AreaPeriod, Case
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
    expect(page.locator("[data-chart]")).to_have_count(3)
    loss_rate = chart(page, "台区线损率")
    day = START + dt.timedelta(days=20)
    row = AreaDay.objects.for_tenant(browser_world.binhai).get(area=period.area, day=day)
    assert row.loss_rate is not None
    percent = round(row.loss_rate * 100, 2)  # the curve shows the rate in per cent, two decimals
    tip = hover(page, loss_rate, {"seriesIndex": 0}, [day.isoformat(), percent])
    expect(tip).to_contain_text("2025年3月21日")
    expect(tip).to_contain_text(f"{percent:.2f}%")
    page.get_by_role("button", name="派发现场核查").first.click()
    expect(page.get_by_text("已派发现场核查")).to_be_visible()
    case = Case.objects.for_tenant(browser_world.binhai).get()
    expect(page.locator("h1")).to_contain_text(case.ticket.reference)
    assert case.rank_in_area == 1


def test_the_heat_map_merges_the_areas_of_one_village_into_a_numbered_cluster(
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
        theft_areas=1,
        out=tmp_path / "gen",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    with strict_scope():
        run_screening(browser_world.binhai, START, START + dt.timedelta(days=41))
    first, second, third, far = TransformerArea.objects.for_tenant(browser_world.binhai).order_by("code")
    # Three areas of one village, a few metres apart; the fourth 30 km away.
    places = ((39.02, 117.65), (39.0201, 117.6501), (39.0202, 117.65), (39.3, 117.9))
    for area, (lat, lon) in zip((first, second, third, far), places, strict=True):
        TransformerArea.objects.filter(pk=area.pk).update(latitude=lat, longitude=lon)

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/theftscan/map/")
    area_map = drawn_map(page)
    expect(area_map.locator(".marker-cluster")).to_have_count(1)
    expect(area_map.locator(".marker-cluster span")).to_have_text("3")
    expect(area_map.locator("path.leaflet-interactive")).to_have_count(1)  # the far area's own dot
    expect(area_map.locator("canvas.leaflet-heatmap-layer")).to_have_count(1)
    area_map.locator("path.leaflet-interactive").click()
    popup = area_map.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(f"{far.code} {far.name}")
    expect(popup.get_by_role("link", name="查看台区曲线")).to_have_attribute("href", f"/theftscan/areas/{far.pk}/")
