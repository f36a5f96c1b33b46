"""A resident files from the card's QR form on a phone; staff close the request on the desk."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from alliance.models import DeskRequest
from tests.alliance.conftest import make_alliance
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
