"""The portal runs on intranets: no page may load anything from, or link to, a host but its own.

Every page below is walked in Chromium after its charts and maps have drawn (ECharts and Leaflet
add their own elements); each request the browser made and each ``src``/``href`` in the final DOM
must name the portal's host.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from alliance.intake import Intake, file_request
from alliance.models import ServicePlace
from portal.tickets.models import Ticket
from tests.alliance.conftest import make_alliance
from tests.browser.conftest import log_in
from tests.personas import World

pytestmark = pytest.mark.browser

PAGES = [
    "web:dashboard",
    "tickets:list",
    "stakeholders:organisation-list",
    "meters:import-list",
    "jobs:list",
    "alliance:index",
    "alliance:place-list",
    "careband:index",
    "careband:board",
    "careband:villages",
    "theftscan:index",
    "theftscan:map",
    "api:docs",
]
# Addresses that name no host at all.
HOSTLESS_SCHEMES = {"data", "blob", "mailto", "tel", "about"}

ATTRIBUTES = """() => Array.from(document.querySelectorAll("[src], [href]")).map(
    (el) => el.getAttribute("src") !== null ? el.src : el.href
).filter((url) => typeof url === "string")"""


def foreign(urls: list[str], host: str) -> list[str]:
    return [u for u in urls if urlsplit(u).scheme not in HOSTLESS_SCHEMES and urlsplit(u).netloc != host]


@pytest.fixture
def a_place_on_the_map(browser_world: World) -> None:
    alliance = make_alliance(browser_world.binhai)
    ServicePlace.objects.create(
        tenant=browser_world.binhai, name="新港村", kind="village", latitude="39.1000", longitude="117.7500"
    )
    request = file_request(
        browser_world.binhai, None, Intake(alliance.gas_leak, "x", "hotline", place=alliance.dandong)
    )
    Ticket.objects.filter(pk=request.ticket_id).update(created_at=timezone.make_aware(datetime(2026, 11, 2, 8)))


def test_no_page_loads_or_links_anything_from_another_host(
    page: Page, live_server: Any, a_place_on_the_map: None
) -> None:
    host = urlsplit(live_server.url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server, "alice")
    found: dict[str, list[str]] = {}
    for name in PAGES:
        path = reverse(name)
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        for element in page.locator("[data-chart], [data-map]").all():
            expect(element).to_have_attribute("data-draw-state", "drawn", timeout=15_000)
        page.wait_for_load_state("networkidle")
        found[path] = foreign(page.evaluate(ATTRIBUTES), host)
    assert {path: urls for path, urls in found.items() if urls} == {}
    assert foreign(requested, host) == []
    # The walk did draw: the alliance page's two charts and map loaded the libraries it then used.
    assert any(url.endswith("/static/vendor/echarts/echarts.min.js") for url in requested)
    assert any(url.endswith("/static/vendor/leaflet.markercluster/leaflet.markercluster.js") for url in requested)
