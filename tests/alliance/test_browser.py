"""A resident files from the card's QR form on a phone; staff close the request on the desk; the
programme page charts and maps the requests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance.intake import Intake, file_request
from alliance.models import DeskRequest, ServicePlace, ServiceType
from portal.tickets.models import Ticket
from tests.alliance.conftest import Alliance, make_alliance
from tests.browser.charts import chart, drawn_map, hover
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 (fixtures used by name)
from tests.personas import World

pytestmark = pytest.mark.browser


def test_a_resident_files_from_the_card_on_a_phone_and_staff_close_it(
    page: Page,
    live_server: Any,
    browser_world: World,  # noqa: F811
) -> None:
    alliance = make_alliance(browser_world.binhai)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/alliance/r/{alliance.dandong.public_key}/")
    expect(page.locator("h1")).to_have_text("我要报修")
    page.select_option("#id_service_type", str(alliance.water_outage.pk))
    page.fill("#id_description", "3号楼从早上开始停水")
    page.fill("#id_address", "3号楼2单元")
    page.fill("#id_requester_phone", "13800000001")
    page.check("#id_sms_updates")
    page.get_by_role("button", name="提交").click()
    expect(page.locator("#request-status")).to_have_text("新建")
    status_url = page.url
    filed = DeskRequest.objects.all_tenants().select_related("ticket").get()

    staff = page.context.browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")  # type: ignore[union-attr]
    desk = staff.new_page()
    log_in(desk, live_server, "bob")
    desk.goto(f"{live_server.url}/alliance/desk/{filed.pk}/")
    desk.select_option("#id_to_status", "acknowledged")
    desk.get_by_role("button", name="保存状态").click()
    expect(desk.locator("#desk-status")).to_have_text("已受理")
    desk.select_option("#id_to_status", "resolved")
    desk.fill("#id_note", "已更换阀门，恢复供水。")
    desk.select_option("#id_one_visit", "yes")
    desk.get_by_role("button", name="保存状态").click()
    desk.select_option("#id_to_status", "closed")
    desk.get_by_role("button", name="保存状态").click()
    expect(desk.locator("#desk-status")).to_have_text("已关闭")
    staff.close()

    page.goto(status_url)
    expect(page.locator("#request-status")).to_have_text("已关闭")
    expect(page.get_by_text("已更换阀门，恢复供水。")).to_be_visible()
    page.get_by_text("★★★★★").click()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("5/5")).to_be_visible()


def filed_at(alliance: Alliance, kind: ServiceType, when: datetime, status: str = "new") -> None:
    attributes = {"floor": 3} if kind == alliance.water_outage else {}
    intake = Intake(kind, "x", "hotline", place=alliance.dandong, attributes=attributes)
    request = file_request(alliance.dandong.tenant, None, intake)
    Ticket.objects.filter(pk=request.ticket_id).update(created_at=timezone.make_aware(when), status=status)


@pytest.fixture
def requests_filed(browser_world: World) -> Alliance:  # noqa: F811
    alliance = make_alliance(browser_world.binhai)
    for name, lat, lon in (("丹东里二区", "39.0210", "117.6510"), ("新港村", "39.1000", "117.7500")):
        ServicePlace.objects.create(tenant=browser_world.binhai, name=name, kind="village", latitude=lat, longitude=lon)
    # Water (routed to 滨海水务公司): one new and one resolved, both on Monday 2 November 2026 at 8 a.m.;
    # gas (滨海燃气公司): one new on Sunday 8 November at 11 p.m.
    filed_at(alliance, alliance.water_outage, datetime(2026, 11, 2, 8, 15))
    filed_at(alliance, alliance.water_outage, datetime(2026, 11, 2, 8, 40), status="resolved")
    filed_at(alliance, alliance.gas_leak, datetime(2026, 11, 8, 23, 5))
    return alliance


def test_the_programme_page_charts_requests_by_member_and_status_and_by_hour(
    page: Page, live_server: Any, requests_filed: Alliance
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    members = chart(page, "各成员单位诉求及状态")
    # Horizontal bars: the busiest member (water, 2 requests) is row 0.
    tip = hover(page, members, {"seriesIndex": 0}, [1, 0])
    expect(tip).to_contain_text("滨海水务公司")
    expect(tip).to_contain_text("新建：1 件")
    expect(tip).to_contain_text("已解决：1 件")
    hours = chart(page, "诉求提交时间（星期 × 小时）")
    tip = hover(page, hours, {"seriesIndex": 0}, [8, 0])  # 08:00 on Monday (row 0)
    expect(tip).to_contain_text("星期一 08时")
    expect(tip).to_contain_text("2 件")
    tip = hover(page, hours, {"seriesIndex": 0}, [23, 6])
    expect(tip).to_contain_text("星期日 23时")
    expect(tip).to_contain_text("1 件")


def test_the_programme_page_maps_the_places_and_clusters_the_neighbours(
    page: Page, live_server: Any, requests_filed: Alliance
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    places = drawn_map(page)
    # 丹东里 and 丹东里二区 stand 140 m apart, 新港村 13 km away: at the scale that shows all three the
    # first two are one cluster of two; 南港工业区 has no position.
    expect(places.locator(".marker-cluster span")).to_have_text("2")
    expect(places.locator("path.leaflet-interactive")).to_have_count(1)
    expect(page.get_by_text("1 处地点没有位置，未画出。")).to_be_visible()
    places.locator(".marker-cluster").click()  # zooms in until the two stand apart
    expect(places.locator(".marker-cluster")).to_have_count(0)
    open_place = places.locator('path.leaflet-interactive[fill="#f57c00"]')  # 丹东里: two requests still open
    expect(open_place).to_have_count(1)
    open_place.click()
    popup = places.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("丹东里")
    expect(popup).to_contain_text("3 件")
    expect(popup).to_contain_text("2 件未办结")
    link = popup.get_by_role("link", name="查看片区")
    expect(link).to_have_attribute("href", f"/alliance/places/{requests_filed.dandong.pk}/")


def test_the_member_chart_downloads_as_csv_and_opens_as_a_table_with_the_figures_it_draws(
    page: Page, live_server: Any, requests_filed: Alliance
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    figure = page.locator("figure", has=chart(page, "各成员单位诉求及状态"))
    with page.expect_download() as download:
        figure.get_by_role("button", name="下载 CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    body = Path(download.value.path()).read_bytes().decode("utf-8")
    # Water: 1 new + 1 resolved = 2; gas: 1 new. A BOM first, so spreadsheet programs read UTF-8.
    assert body == "\ufeff成员单位,新建（件）,已解决（件）,合计（件）\r\n滨海水务公司,1,1,2\r\n滨海燃气公司,1,0,1\r\n"
    figure.get_by_text("以表格查看").click()
    table = figure.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_have_text("滨海水务公司112")
