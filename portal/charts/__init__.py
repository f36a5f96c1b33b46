"""The portal's one charting and mapping layer: ECharts charts and Leaflet maps built from data.

Programme apps build a chart or a map here with pure functions and put it on a page with
``{% load charts %}{% chart spec %}`` / ``{% map spec %}``; ``static/portal/charts.js`` draws it.
No app writes JavaScript for a chart. See ``docs/charts.md``.
"""

from portal.charts.colours import Band, Scale
from portal.charts.maps import Layer, MapChart, MapPoint, geojson_layer, heat_layer, map_chart, points_layer
from portal.charts.options import bar_chart, calendar_heatmap, line_chart, weekday_hour_counts, weekday_hour_heatmap
from portal.charts.spec import Category, Chart, Column, NumberStyle, Series, Table

__all__ = [
    "Band",
    "Category",
    "Chart",
    "Column",
    "Layer",
    "MapChart",
    "MapPoint",
    "NumberStyle",
    "Scale",
    "Series",
    "Table",
    "bar_chart",
    "calendar_heatmap",
    "geojson_layer",
    "heat_layer",
    "line_chart",
    "map_chart",
    "points_layer",
    "weekday_hour_counts",
    "weekday_hour_heatmap",
]
