"""In a real browser: a grid worker closes a care alert on a phone; a subject's year of codes and
consumption; the villages' map and scores."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from careband.models import CareAlert, CareSubject, Guardian, Visit
from careband.services import alerts
from careband.services.areas import grid_path
from careband.services.nightly import run_tenant
from careband.services.subjects import enrol
from portal.meters.models import Meter, Village
from portal.tenancy.roles import Role
from tests.browser.charts import chart, drawn_map, hover
from tests.browser.conftest import log_in
from tests.careband.conftest import DAY, with_today, write_readings
from tests.personas import World, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def red_alert(browser_world: World) -> CareAlert:
    binhai = browser_world.binhai
    grid = grid_path(binhai, "滨海新区民政局", "新港街道", "金江社区", "第一网格")
    worker = make_user("gridwang", binhai, Role.GRID_WORKER)
    Guardian.objects.create(tenant=binhai, user=worker, area=grid)
    subject = CareSubject(
        name="王秀英",
        address="金江社区3号楼201",
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid,
        consent_by="王秀英",
        consent_at=timezone.make_aware(datetime(2026, 1, 5, 9)),
        consent_scope="用电关爱",
    )
    enrol(binhai, "test", subject, ["M1"])
    alert = alerts.open_alert(subject, timezone.localdate(), "昨日用电 0.3 kWh，仅为近 28 天中位数 2.1 kWh 的 14%。")
    assert alert is not None
    return alert


def test_the_grid_worker_acknowledges_and_closes_an_alert_on_a_phone(
    page: Page, live_server: Any, red_alert: CareAlert
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "gridwang")
    page.goto(f"{live_server.url}/careband/alerts/")
    expect(page.get_by_text("王秀英")).to_be_visible()
    page.get_by_role("link", name="走访").first.click()
    page.get_by_role("button", name="确认：我马上上门").click()
    expect(page.get_by_role("button", name="确认：我马上上门")).to_have_count(0)
    page.get_by_label("平安无事").check()
    page.fill("textarea[name=note]", "老人感冒在家休息，已叮嘱按时吃药")
    page.get_by_role("button", name="保存走访记录并关闭预警").click()
    expect(page.get_by_text("走访记录已保存，预警已关闭。")).to_be_visible()
    expect(page.get_by_text("暂无待处理预警。")).to_be_visible()
    visit = Visit.objects.all_tenants().get()
    assert visit.outcome == Visit.Outcome.SAFE
    assert CareAlert.objects.all_tenants().get(pk=red_alert.pk).closed_at is not None


def test_the_subject_page_shows_a_year_of_codes_and_the_days_consumption_on_hover(
    page: Page, live_server: Any, browser_world: World
) -> None:
    binhai = browser_world.binhai
    grid = grid_path(binhai, "滨海新区民政局", "新港街道", "金江社区", "第一网格")
    wang = CareSubject(
        name="王秀英",
        address="金江社区3号楼201",
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid,
        consent_by="王秀英",
        consent_at=timezone.make_aware(datetime(2026, 1, 5, 9)),
        consent_scope="用电关爱",
    )
    subject = enrol(binhai, "test", wang, ["M1"])
    write_readings(binhai.pk, {"M1": with_today(0.3)})
    run_tenant(binhai, DAY)  # 0.3 kWh against a usual 2.1: red

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/careband/subjects/{subject.pk}/")
    calendar = chart(page, "每日关爱码")
    tip = hover(page, calendar, {"seriesIndex": 0}, [DAY.isoformat(), 3])
    expect(tip).to_contain_text(f"{DAY.year}年{DAY.month}月{DAY.day}日")
    expect(tip).to_contain_text("红码：明显异动")
    consumption = chart(page, "日用电量")
    tip = hover(page, consumption, {"seriesIndex": 0}, [DAY.isoformat(), 0.3])
    expect(tip).to_contain_text("用电量：0.3 kWh")
    # The baseline is the median of the four same weekdays before: days 6, 13, 20 and 27 of the
    # weekly pattern 1.9, 2.1, 2.0, 2.05, 1.95, 2.0, 2.1 are all its last value, 2.1.
    expect(tip).to_contain_text("基准：2.1 kWh")


def test_the_village_map_clusters_villages_that_share_a_place(
    page: Page, live_server: Any, browser_world: World
) -> None:
    b = browser_world.binhai
    east = Village.objects.create(tenant=b, name="东村", township="大港街道", latitude=39.0, longitude=117.5)
    west = Village.objects.create(tenant=b, name="西村", township="大港街道", latitude=39.0001, longitude=117.5001)
    lone = Village.objects.create(tenant=b, name="南村", township="大港街道", latitude=38.8, longitude=117.3)
    for i, village in enumerate([east, west, lone]):
        Meter.objects.create(tenant=b, meter_no=f"V{i}", village=village)
    year = np.full(365, 5.0, np.float32)
    write_readings(b.pk, {"V0": year, "V1": year, "V2": year}, last_day=timezone.localdate() - timedelta(days=1))

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/careband/villages/")
    village_map = drawn_map(page)
    expect(village_map.locator(".marker-cluster span")).to_have_text("2")
    expect(village_map.locator("path.leaflet-interactive")).to_have_count(1)
    chart(page, "各村乡村振兴指数")
