"""From a chart or map to what the page carries: the JSON the script draws and the table cells.

Numbers and dates are shown in the active language's formats (Django's, e.g. zh-hans "12345.6",
en "12,345.6" with grouping); the script gets the same separators, so tooltip and table agree.
The CSV gets the raw figures (dates in ISO form) with the headers and units.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import formats

from portal.charts.maps import MapChart
from portal.charts.spec import Cell, Chart, Column, Table


def number_format() -> dict[str, Any]:
    """The active language's separators, for the script's formatting of tooltips and axes."""
    grouping = formats.get_format("NUMBER_GROUPING")
    return {
        "decimal": str(formats.get_format("DECIMAL_SEPARATOR")),
        "thousands": str(formats.get_format("THOUSAND_SEPARATOR")) if settings.USE_THOUSAND_SEPARATOR else "",
        "grouping": grouping if isinstance(grouping, int) else 3,
    }


def show_cell(value: Cell, column: Column) -> str:
    if value is None:
        return "—"
    if column.kind == "number" and isinstance(value, int | float):
        # Django's number_format cuts digits off; round first so that 12345.67 shows as 12345.7.
        return formats.number_format(round(value, column.decimals), decimal_pos=column.decimals, use_l10n=True)
    if column.kind == "date" and isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def table_context(table: Table) -> dict[str, Any]:
    """Headers and rows of cells ``(text, is_number)``: numbers are right-aligned in the table."""
    return {
        "headers": [c.title for c in table.columns],
        "rows": [
            [(show_cell(v, c), c.kind == "number") for v, c in zip(row, table.columns, strict=True)]
            for row in table.rows
        ],
    }


def _csv(table: Table) -> dict[str, Any]:
    return {
        "headers": [c.title for c in table.columns],
        "rows": [[v.isoformat() if isinstance(v, date) else v for v in row] for row in table.rows],
    }


def chart_payload(chart: Chart) -> dict[str, Any]:
    return {
        "kind": chart.kind,
        "option": chart.option,
        "format": {
            **number_format(),
            "unit": chart.style.unit,
            "decimals": chart.style.decimals,
            "axis": chart.x_axis,
            "categories": [[float(c.key), c.label] for c in chart.categories],
        },
        "csv": {**_csv(chart.table), "filename": f"{chart.filename}.csv"},
    }


def map_payload(chart: MapChart) -> dict[str, Any]:
    return {
        "title": chart.title,
        "layers": [{"kind": layer.kind, "name": layer.name, "data": layer.data} for layer in chart.layers],
        "bounds": chart.bounds,
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "linkText": chart.link_text,
        "format": {**number_format(), "unit": chart.style.unit, "decimals": chart.style.decimals},
        "csv": {**_csv(chart.table), "filename": f"{chart.filename}.csv"},
    }
