"""A grid worker closes a care alert from a phone-sized screen, in a real browser."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from careband.models import CareAlert, CareSubject, Guardian, Visit
from careband.services import alerts
from careband.services.areas import grid_path
from careband.services.subjects import enrol
from portal.tenancy.roles import Role
from tests.browser.conftest import log_in
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
