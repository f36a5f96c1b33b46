"""Colour scales, the page's number and date formats, and the {% chart %} / {% map %} tags."""

from __future__ import annotations

import json
import math
import re
from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.charts import Band, Category, Column, MapPoint, Scale, Series, line_chart, map_chart, points_layer
from portal.charts.render import chart_payload, number_format, show_cell

GREEN, RED, GREY = Category("g", "ok", "#2e7d32"), Category("r", "high", "#c62828"), Category("n", "none", "#9e9e9e")


def test_a_value_falls_in_the_first_band_whose_upper_bound_it_is_below() -> None:
    scale = Scale((Band(0.03, GREEN), Band(math.inf, RED)), missing=GREY)
    assert [scale.category_for(v).key for v in (0.0, 0.0299, 0.03, 0.5, None, math.nan)] == [
        "g",
        "g",
        "r",  # 3 % itself is in the upper band
        "r",
        "n",
        "n",
    ]
    assert scale.categories == (GREEN, RED, GREY)


def test_bands_must_rise_and_end_at_infinity() -> None:
    with pytest.raises(ValueError, match="rise"):
        Scale((Band(0.06, GREEN), Band(0.03, RED)), missing=GREY)
    with pytest.raises(ValueError, match="rise"):
        Scale((Band(0.03, GREEN),), missing=GREY)


def test_a_category_colour_is_a_hex_colour() -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        Category("x", "x", "red; background: url(x)")


def test_table_cells_use_the_languages_formats() -> None:
    number = Column("Loss", "number", "kWh", 1)
    day = Column("Date", "date")
    with translation.override("zh-hans"):
        assert show_cell(12345.67, number) == "12345.7"
        assert show_cell(date(2025, 3, 1), day) == "2025年3月1日"
        assert show_cell(None, number) == "—"
        assert number_format() == {"decimal": ".", "thousands": "", "grouping": 4}
    with translation.override("en"):
        assert show_cell(date(2025, 3, 1), day) == "March 1, 2025"


def test_the_csv_of_a_chart_has_headers_with_units_and_the_raw_figures() -> None:
    with translation.override("en"):
        chart = line_chart("Loss", [date(2025, 3, 1), date(2025, 3, 2)], [Series("Loss", [1.26, None])], unit="kWh")
        payload = chart_payload(chart)
    assert payload["csv"] == {
        "headers": ["Date", "Loss (kWh)"],
        "rows": [["2025-03-01", 1.3], ["2025-03-02", None]],
        "filename": "loss.csv",
    }
    assert payload["format"]["unit"] == "kWh"
    assert payload["format"]["axis"] == "time"


def render(source: str, **context: object) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def test_the_chart_tag_writes_its_figures_as_json_and_the_same_figures_as_a_table() -> None:
    with translation.override("zh-hans"):
        chart = line_chart(
            "</script><script>alert(1)</script>",
            [date(2025, 3, 1)],
            [Series("Loss", [12345.67])],
            unit="kWh",
        )
        html = render("{% chart spec %}", spec=chart)
    element = re.search(r'data-chart="(chart-[0-9a-f]{8}-data)"', html)
    assert element is not None
    blob = re.search(rf'<script id="{element.group(1)}" type="application/json">(.*?)</script>', html, re.S)
    assert blob is not None  # the only script: the title's </script> is escaped inside the JSON
    assert "<script>alert" not in html
    data = json.loads(blob.group(1))
    assert data["option"]["series"][0]["data"] == [["2025-03-01", 12345.7]]
    assert "<td>2025年3月1日</td>" in html
    assert '<td class="num">12345.7</td>' in html
    assert "以表格查看" in html
    assert "下载 CSV" in html


def test_the_map_tag_shows_the_empty_state_instead_of_a_map_with_nothing_to_draw() -> None:
    with translation.override("zh-hans"):
        chart = map_chart("Areas", [points_layer("Areas", [MapPoint(None, None, "A1")])], all_points=1)
        html = render("{% map spec %}", spec=chart)
    assert "data-map" not in html
    assert "地图上暂无可显示的内容" in html
    assert "1 处地点没有位置，未画出。" in html


def test_the_map_tag_carries_the_tile_setting_and_the_legend(settings: object) -> None:
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"  # type: ignore[attr-defined]
    with translation.override("en"):
        chart = map_chart("Areas", [points_layer("Areas", [MapPoint(39.0, 117.0, "A1", "g")], categories=[GREEN])])
        html = render("{% map spec %}", spec=chart)
    blob = re.search(r'<script id="map-[0-9a-f]{8}-data" type="application/json">(.*?)</script>', html, re.S)
    assert blob is not None
    assert json.loads(blob.group(1))["tiles"] == {"url": "/tiles/{z}/{x}/{y}.png", "attribution": ""}
    assert '<span class="swatch" style="background: #2e7d32"></span>ok' in html
