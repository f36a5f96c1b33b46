"""Helpers for the browser tests of charts and maps: wait until drawn, hover one data point."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, expect


def chart(page: Page, title: str) -> Locator:
    """The chart whose title (its accessible name) is ``title``, once ECharts has drawn it."""
    element = page.locator(f'[data-chart][aria-label="{title}"]')
    expect(element).to_have_attribute("data-draw-state", "drawn", timeout=15_000)
    expect(element.locator("canvas").first).to_be_attached()
    return element


def drawn_map(page: Page) -> Locator:
    element = page.locator("[data-map]")
    expect(element).to_have_attribute("data-draw-state", "drawn", timeout=15_000)
    return element


def hover(page: Page, element: Locator, finder: dict[str, Any], value: Any) -> Locator:
    """Move the mouse onto ``value`` in the chart's coordinates (ECharts' ``convertToPixel``) and
    return its tooltip."""
    element.scroll_into_view_if_needed()
    x, y = element.evaluate(
        """(el, [finder, value]) => {
            const point = echarts.getInstanceByDom(el).convertToPixel(finder, value);
            const box = el.getBoundingClientRect();
            return [box.left + point[0], box.top + point[1]];
        }""",
        [finder, value],
    )
    page.mouse.move(x - 1, y - 1)
    page.mouse.move(x, y)
    tip = element.locator(".chart-tip")
    expect(tip).to_be_visible()
    return tip
