"""``{% chart spec %}`` and ``{% map spec %}``: a chart or map of ``portal.charts`` on a page.

Each renders the element ``static/portal/charts.js`` draws in, the figures as ``json_script`` (never
JavaScript built from strings), and the "view as table" with the CSV download beside it. The script
loads ECharts or Leaflet only on pages that have a chart or a map.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import template

from portal.charts.maps import MapChart
from portal.charts.render import chart_payload, map_payload, table_context
from portal.charts.spec import Chart

register = template.Library()


def _element_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


@register.inclusion_tag("portal/_chart.html")
def chart(spec: Chart) -> dict[str, Any]:
    element = _element_id("chart")
    return {
        "id": element,
        "data_id": f"{element}-data",
        "title": spec.title,
        "height": spec.height,
        "payload": chart_payload(spec),
        "legend": spec.categories,
        "table": table_context(spec.table),
    }


@register.inclusion_tag("portal/_map.html", name="map")
def map_tag(spec: MapChart) -> dict[str, Any]:
    element = _element_id("map")
    return {
        "id": element,
        "data_id": f"{element}-data",
        "title": spec.title,
        "height": spec.height,
        "spec": spec,
        "payload": None if spec.is_empty else map_payload(spec),
        "table": table_context(spec.table),
    }
