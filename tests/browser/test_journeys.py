"""The user journeys of the foundation, in Debian's Chromium: log in, switch language and unit,
create a ticket and move it through its workflow."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from portal.tickets.models import Ticket
from tests.browser.conftest import log_in
from tests.personas import World

pytestmark = pytest.mark.browser


def test_alice_logs_in_in_chinese_and_lands_on_her_units_dashboard(
    page: Page, live_server: Any, browser_world: World
) -> None:
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("登录")
    log_in(page, live_server, "alice")
    expect(page.locator("h1")).to_have_text("国网天津滨海公司")
    expect(page.get_by_text("未办结工单")).to_be_visible()


def test_a_wrong_password_is_refused_with_a_chinese_message(page: Page, live_server: Any, browser_world: World) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "not-her-password")
    page.click("button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码")


def test_alice_switches_the_interface_to_english_and_back(page: Page, live_server: Any, browser_world: World) -> None:
    log_in(page, live_server, "alice")
    page.select_option("select[name=language]", "en")
    expect(page.get_by_role("link", name="Dashboard").first).to_be_attached()
    expect(page.get_by_text("Open work items")).to_be_visible()
    page.select_option("select[name=language]", "zh-hans")
    expect(page.get_by_text("未办结工单")).to_be_visible()


def test_a_user_of_two_units_switches_between_them(page: Page, live_server: Any, browser_world: World) -> None:
    Membership.objects.create(user=browser_world.alice, tenant=browser_world.wuqing, role=Role.ANALYST)
    log_in(page, live_server, "alice")
    expect(page.locator("h1")).to_have_text("国网天津滨海公司")
    page.select_option("#tenant-select", "wuqing")
    expect(page.locator("h1")).to_have_text("国网天津武清公司")
    expect(page.get_by_role("status")).to_contain_text("国网天津武清公司")


def test_alice_creates_a_ticket_and_moves_it_to_resolved(page: Page, live_server: Any, browser_world: World) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/tickets/new/")
    page.fill("#id_title", "新港街道路灯不亮")
    page.fill("#id_description", "居民反映小区东门路灯连续三晚不亮。")
    page.fill("#id_requester_name", "张三")
    page.fill("#id_requester_phone", "13812345678")
    page.get_by_role("button", name="保存").click()

    ticket = Ticket.objects.get(title="新港街道路灯不亮")
    expect(page.locator("h1")).to_contain_text(ticket.reference)
    panel = page.locator("#status-panel")
    expect(panel.locator(".badge.status-new")).to_have_text("新建")

    panel.get_by_role("button", name="受理").click()
    expect(page.locator("#status-panel .badge.status-acknowledged")).to_have_text("已受理")
    page.locator("#status-panel").get_by_role("button", name="开始处理").click()
    expect(page.locator("#status-panel .badge.status-in_progress")).to_have_text("处理中")
    page.fill("#transition-note", "已更换灯泡，恢复照明。")
    page.locator("#status-panel").get_by_role("button", name="办结").click()
    expect(page.locator("#status-panel .badge.status-resolved")).to_have_text("已解决")

    ticket.refresh_from_db()
    assert ticket.status == "resolved"
    assert list(ticket.events.filter(kind="status").values_list("to_status", flat=True).order_by("id")) == [
        "acknowledged",
        "in_progress",
        "resolved",
    ]
    page.reload()
    expect(page.get_by_text("已更换灯泡，恢复照明。")).to_be_visible()


def test_an_invalid_move_is_refused_in_the_page_with_a_clear_message(
    page: Page, live_server: Any, browser_world: World
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/tickets/new/")
    page.fill("#id_title", "抄表数据异常")
    page.get_by_role("button", name="保存").click()
    # Rejecting needs a note: the panel says so and the status stays as it was.
    page.locator("#status-panel").get_by_role("button", name="退回").click()
    expect(page.locator("#status-panel").get_by_role("alert")).to_be_visible()
    expect(page.locator("#status-panel .badge.status-new")).to_have_text("新建")
    assert Ticket.objects.get(title="抄表数据异常").status == "new"


def test_the_dashboard_works_on_a_phone(page: Page, live_server: Any, browser_world: World) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "alice")
    nav_link = page.locator("#mainnav").get_by_role("link", name="工单")
    expect(nav_link).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    nav_link.click()
    expect(page).to_have_url(f"{live_server.url}/tickets/")
