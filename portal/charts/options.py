"""Pure builders of ECharts options: line, bar (stacked), hour × weekday heat map, calendar heat map.

Each takes plain figures and returns a :class:`~portal.charts.spec.Chart` whose option and table
come from the same rounded values. Titles and labels are passed in already translated (the caller's
gettext); the few labels made here (dates, weekdays, hours, "Total") use Django's catalogues.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.charts.colours import Scale
from portal.charts.spec import Category, Cell, Chart, Column, NumberStyle, Series, Table, filename_for, rounded

# Values of a series, drawn as points (dots) only while there are few enough to tell apart.
MAX_SYMBOLS = 62
# Heat maps run from a pale to the State Grid green: more is darker, whatever the page's colours.
HEAT_COLOURS = ["#e0f2f1", "#4db6ac", "#00524e"]


def _frame(title: str, filename: str, *, zoom: bool, legend: bool) -> dict[str, Any]:
    """What every chart shares: the title, save as image, zoom where asked, and, with more than one
    series, a legend whose entries switch their series off and on."""
    features: dict[str, Any] = {"saveAsImage": {"name": filename, "pixelRatio": 2}}
    if zoom:
        features = {"dataZoom": {"yAxisIndex": "none"}, "restore": {}, **features}
    option: dict[str, Any] = {
        "title": {"text": title, "left": 0, "top": 0, "textStyle": {"fontSize": 14}},
        "toolbox": {"right": 0, "top": 0, "feature": features},
        # Room above the plot for the title, the legend and the value axis's name (the unit).
        "grid": {
            "left": 8,
            "right": 24,
            "top": 84 if legend else 56,
            "bottom": 48 if zoom else 16,
            "containLabel": True,
        },
    }
    if legend:
        option["legend"] = {"top": 26, "left": 0, "type": "scroll"}
    if zoom:
        option["dataZoom"] = [{"type": "inside"}, {"type": "slider", "height": 18, "bottom": 8}]
    return option


def _line_series(series: Series, data: list[list[Any]], points: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": series.name,
        "type": "line",
        "data": data,
        "connectNulls": False,  # a missing day is a gap, not a straight line across it
        "showSymbol": points <= MAX_SYMBOLS,
    }
    line_style: dict[str, Any] = {}
    if series.colour:
        entry["itemStyle"] = {"color": series.colour}
        line_style["color"] = series.colour
    if series.dashed:
        line_style["type"] = "dashed"
    if line_style:
        entry["lineStyle"] = line_style
    return entry


def line_chart(
    title: str,
    days: Sequence[date],
    series: Sequence[Series],
    *,
    unit: str,
    decimals: int = 1,
    date_header: str | None = None,
    zoom_start: date | None = None,
) -> Chart:
    """Daily values on a time axis, one line per series; a missing day is a gap in the line.

    With ``zoom_start`` the chart opens zoomed in from that day on (the slider shows the rest).
    """
    for s in series:
        if len(s.values) != len(days):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(days)} days")
    values = [[rounded(v, decimals) for v in s.values] for s in series]
    option = _frame(title, filename_for(title), zoom=True, legend=len(series) > 1)
    option.update(
        tooltip={"trigger": "axis"},
        xAxis={"type": "time"},
        yAxis={"type": "value", "name": unit, "scale": False},
        series=[
            _line_series(s, [[day.isoformat(), v] for day, v in zip(days, vals, strict=True)], len(days))
            for s, vals in zip(series, values, strict=True)
        ],
    )
    if zoom_start is not None:
        for zoom in option["dataZoom"]:
            zoom["startValue"] = zoom_start.isoformat()
    columns = (
        Column(date_header or _("Date"), "date"),
        *(Column(s.name, "number", unit, decimals) for s in series),
    )
    rows = tuple((day, *(vals[i] for vals in values)) for i, day in enumerate(days))
    return Chart(
        "line",
        title,
        option,
        Table(columns, rows),
        NumberStyle(unit, decimals),
        x_axis="time",
        filename=filename_for(title),
    )


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str,
    category_header: str,
    stacked: bool = False,
    horizontal: bool = False,
    decimals: int = 0,
    zoom: bool = False,
    colour_by: Scale | None = None,
) -> Chart:
    """Bars per category, one colour per series; stacked, the table gains a total column.

    With ``colour_by`` each bar takes the colour of its value's band (the same colours as a map's
    dots of that scale) instead of its series' colour.
    """
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")
    values = [[rounded(v, decimals) for v in s.values] for s in series]
    labels = [str(c) for c in categories]
    # Axis names: the value axis's (the unit) along it, the category axis's at its start.
    category_axis = {"type": "category", "data": labels, "name": category_header, "nameLocation": "start"}
    value_axis: dict[str, Any] = {"type": "value", "name": unit}
    if horizontal:
        value_axis.update(nameLocation="middle", nameGap=24)
    option = _frame(title, filename_for(title), zoom=zoom, legend=len(series) > 1)
    option.update(
        tooltip={"trigger": "axis", "axisPointer": {"type": "shadow"}},
        xAxis=value_axis
        if horizontal
        else {**category_axis, "nameLocation": "middle", "nameGap": 28, "axisLabel": {"hideOverlap": True}},
        yAxis={**category_axis, "inverse": True} if horizontal else value_axis,
        series=[
            {
                "name": s.name,
                "type": "bar",
                "data": vals if colour_by is None else [_banded(v, colour_by) for v in vals],
                **({"stack": "total", "emphasis": {"focus": "series"}} if stacked else {}),
                **({"itemStyle": {"color": s.colour}} if s.colour else {}),
            }
            for s, vals in zip(series, values, strict=True)
        ],
    )
    option["grid"]["bottom"] = 44  # the axis name under the labels
    if zoom:
        option["dataZoom"] = [{"type": "inside", **({"yAxisIndex": 0} if horizontal else {})}]
    columns: list[Column] = [Column(category_header), *(Column(s.name, "number", unit, decimals) for s in series)]
    rows: list[tuple[Cell, ...]] = []
    for i, label in enumerate(labels):
        cells = [vals[i] for vals in values]
        if stacked:
            cells.append(rounded(sum(v for v in cells if v is not None), decimals))
        rows.append((label, *cells))
    if stacked:
        columns.append(Column(pgettext("sum of a row", "Total"), "number", unit, decimals))
    height = max(240, 64 + 28 * len(labels)) if horizontal else 320  # a bar per row needs room for its label
    return Chart(
        "bar",
        title,
        option,
        Table(tuple(columns), tuple(rows)),
        NumberStyle(unit, decimals),
        x_axis="category",
        height=height,
        filename=filename_for(title),
    )


def _banded(value: float | None, scale: Scale) -> dict[str, Any]:
    return {"value": value, "itemStyle": {"color": scale.category_for(value).colour}}


def weekday_hour_counts(moments: Sequence[datetime]) -> np.ndarray:
    """How many of ``moments`` (local time) fell in each weekday (rows, Monday first) and hour."""
    counts = np.zeros((7, 24), dtype=np.int64)
    if moments:
        weekdays = np.fromiter((m.weekday() for m in moments), dtype=np.int64, count=len(moments))
        hours = np.fromiter((m.hour for m in moments), dtype=np.int64, count=len(moments))
        np.add.at(counts, (weekdays, hours), 1)
    return counts


def hour_label(hour: int) -> str:
    return pgettext("hour of the day on a chart axis", "%(hour)02d:00") % {"hour": hour}


def weekday_hour_heatmap(
    title: str, values: np.ndarray | Sequence[Sequence[float]], *, unit: str, decimals: int = 0
) -> Chart:
    """A 7 × 24 grid, weekdays (Monday first) down, hours across, coloured by value."""
    grid = np.asarray(values, dtype=np.float64)
    if grid.shape != (7, 24):
        raise ValueError(f"an hour × weekday heat map needs 7 × 24 values, not {grid.shape}")
    hours = [hour_label(h) for h in range(24)]
    weekdays = [str(WEEKDAYS[d]) for d in range(7)]
    cells = [[rounded(float(grid[d, h]), decimals) for h in range(24)] for d in range(7)]
    finite = grid[np.isfinite(grid)]
    top = float(finite.max()) if finite.size else 0.0
    option = _frame(title, filename_for(title), zoom=False, legend=False)
    option.update(
        tooltip={"trigger": "item"},
        grid={"left": 8, "right": 16, "top": 40, "bottom": 56, "containLabel": True},
        xAxis={"type": "category", "data": hours, "splitArea": {"show": True}},
        yAxis={"type": "category", "data": weekdays, "inverse": True, "splitArea": {"show": True}},
        visualMap={
            "min": 0,
            "max": max(top, 1.0),
            "calculable": True,
            "inRange": {"color": HEAT_COLOURS},
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "itemHeight": 120,
        },
        series=[
            {
                "name": title,
                "type": "heatmap",
                "data": [[h, d, cells[d][h]] for d in range(7) for h in range(24)],
                "emphasis": {"itemStyle": {"borderColor": "#333", "borderWidth": 1}},
            }
        ],
    )
    columns = (Column(_("Weekday")), *(Column(hours[h], "number", unit, decimals) for h in range(24)))
    rows = tuple((weekdays[d], *cells[d]) for d in range(7))
    return Chart(
        "heatmap",
        title,
        option,
        Table(columns, rows),
        NumberStyle(unit, decimals),
        x_axis="category",
        height=300,
        filename=filename_for(title),
    )


def calendar_heatmap(
    title: str,
    days: Sequence[date],
    values: Sequence[float | None],
    *,
    unit: str = "",
    decimals: int = 0,
    categories: Sequence[Category] = (),
    value_header: str | None = None,
) -> Chart:
    """One cell per day on a calendar (weeks across, weekdays down); a day without a value stays blank.

    With ``categories`` the values are their keys read as numbers (a care code's colour 0–3): each
    category has its colour and its label in the legend, the tooltip and the table.
    """
    if len(values) != len(days):
        raise ValueError(f"{len(values)} values for {len(days)} days")
    if not days:
        raise ValueError("a calendar needs at least one day")
    cells = [rounded(v, decimals) for v in values]
    by_value = {float(c.key): c for c in categories}
    option = _frame(title, filename_for(title), zoom=False, legend=False)
    if categories:
        # The page shows the categories' legend under the chart (long labels wrap there, on a phone
        # too); the visual map only colours the cells.
        visual: dict[str, Any] = {
            "type": "piecewise",
            "show": False,
            "pieces": [{"value": float(c.key), "label": c.label, "color": c.colour} for c in categories],
        }
    else:
        finite = [v for v in cells if v is not None]
        visual = {
            "type": "continuous",
            "min": min(finite, default=0.0),
            "max": max(finite, default=1.0),
            "inRange": {"color": HEAT_COLOURS},
        }
    visual.update(orient="horizontal", left="center", bottom=0)
    option.update(
        tooltip={"trigger": "item"},
        visualMap=visual,
        calendar={
            "range": [min(days).isoformat(), max(days).isoformat()],
            "top": 56,
            "dayLabel": {"firstDay": 1, "fontSize": 10},  # weeks start on Monday, as in China
            "monthLabel": {"fontSize": 10},
            "left": 32,
            "right": 8,
            "bottom": 8 if categories else 48,
            "cellSize": ["auto", 14],
            "yearLabel": {"show": False},
            "splitLine": {"lineStyle": {"color": "#90a4ae"}},
            "itemStyle": {"borderColor": "#fff", "borderWidth": 1, "color": "#eceff1"},
        },
        series=[
            {
                "name": title,
                "type": "heatmap",
                "coordinateSystem": "calendar",
                "data": [[day.isoformat(), v] for day, v in zip(days, cells, strict=True) if v is not None],
            }
        ],
    )

    def shown(v: float | None) -> Cell:
        if v is None or not categories:
            return v
        category = by_value.get(v)
        return category.label if category else v

    value_column = (
        Column(value_header or title) if categories else Column(value_header or title, "number", unit, decimals)
    )
    rows = tuple((day, shown(v)) for day, v in zip(days, cells, strict=True))
    return Chart(
        "calendar",
        title,
        option,
        Table((Column(_("Date"), "date"), value_column), rows),
        NumberStyle(unit, decimals),
        x_axis="none",
        categories=tuple(categories),
        height=180 if categories else 220,
        filename=filename_for(title),
    )
