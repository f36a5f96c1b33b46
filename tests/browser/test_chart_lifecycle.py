"""charts.js keeps charts alive with the page: drawn again after an htmx swap, the replaced one
disposed, and every chart resized with its element (a phone turned, a window narrowed); maps take
their background from the configured tile server, or draw on a plain one."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance.intake import Intake, file_request
from portal.tickets.models import Ticket
from tests.alliance.conftest import make_alliance
from tests.browser.charts import chart
from tests.browser.conftest import log_in
from tests.personas import World

pytestmark = pytest.mark.browser

TITLE = "各成员单位诉求及状态"
PLAIN = re.compile(r"\bmap-plain\b")


@pytest.fixture
def one_request(browser_world: World) -> None:
    alliance = make_alliance(browser_world.binhai)
    intake = Intake(alliance.gas_leak, "x", "hotline", place=alliance.dandong)
    request = file_request(browser_world.binhai, None, intake)
    Ticket.objects.filter(pk=request.ticket_id).update(created_at=timezone.make_aware(datetime(2026, 11, 2, 8)))


def test_a_chart_swapped_in_by_htmx_is_drawn_and_the_one_it_replaced_is_disposed(
    page: Page, live_server: Any, one_request: None
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    old = chart(page, TITLE)
    old_id = old.get_attribute("id")
    assert old_id is not None
    # What an htmx request would get: the chart's figure as the server renders it, swapped in for the
    # drawn one.
    page.evaluate(
        """async ([id, title]) => {
            const old = document.getElementById(id);
            window.replacedChart = old;
            const html = await (await fetch(location.href)).text();
            const fresh = new DOMParser().parseFromString(html, "text/html")
                .querySelector(`[data-chart][aria-label="${title}"]`).closest("figure");
            const freshId = fresh.querySelector("[data-chart]").id;
            htmx.swap(old.closest("figure"), fresh.outerHTML.replaceAll(freshId, "chart-swapped"),
                      { swapStyle: "outerHTML" });
        }""",
        [old_id, TITLE],
    )
    swapped = page.locator("#chart-swapped")
    expect(swapped).to_have_attribute("data-draw-state", "drawn")
    assert page.evaluate("() => echarts.getInstanceByDom(document.getElementById('chart-swapped')) !== undefined")
    assert page.evaluate("() => echarts.getInstanceByDom(window.replacedChart) === undefined")


def test_a_chart_follows_its_element_when_the_window_narrows_to_a_phone(
    page: Page, live_server: Any, one_request: None
) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    element = chart(page, TITLE)
    width = "(el) => [echarts.getInstanceByDom(el).getWidth(), el.clientWidth]"
    wide = element.evaluate(width)
    assert wide[0] == wide[1]
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(
        "(el) => echarts.getInstanceByDom(el).getWidth() === el.clientWidth", arg=element.element_handle()
    )
    narrow = element.evaluate(width)
    assert narrow[0] < wide[0]
    assert narrow[1] < 390


def test_a_map_draws_its_background_from_the_configured_tile_server_and_without_one_on_plain(
    page: Page, live_server: Any, one_request: None, settings: Any
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/alliance/")
    plain = page.locator("[data-map]")
    expect(plain).to_have_attribute("data-draw-state", "drawn")
    expect(plain).to_have_class(PLAIN)
    expect(plain.locator("img.leaflet-tile")).to_have_count(0)
    # An intranet's tile server (here a picture the portal serves, so the test stays on this host).
    settings.MAP_TILE_URL = "/static/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"
    settings.MAP_TILE_ATTRIBUTION = "天津市测绘院"
    page.reload()
    tiled = page.locator("[data-map]")
    expect(tiled).to_have_attribute("data-draw-state", "drawn")
    expect(tiled).not_to_have_class(PLAIN)
    expect(tiled.locator("img.leaflet-tile").first).to_have_attribute(
        "src", re.compile(r"^/static/vendor/leaflet/images/layers\.png\?z=\d+&x=\d+&y=\d+$")
    )
    expect(tiled.locator(".leaflet-control-attribution")).to_contain_text("天津市测绘院")
