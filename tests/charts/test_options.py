"""The ECharts option builders, on figures small enough to work out by hand."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from django.utils import translation

from portal.charts import (
    Band,
    Category,
    Scale,
    Series,
    bar_chart,
    calendar_heatmap,
    line_chart,
    weekday_hour_counts,
    weekday_hour_heatmap,
)

D1, D2, D3 = date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


def test_a_line_chart_draws_each_day_rounded_and_leaves_a_gap_for_a_missing_one() -> None:
    chart = line_chart("Loss", [D1, D2, D3], [Series("Loss", [1.26, None, math.nan])], unit="kWh", decimals=1)
    series = chart.option["series"][0]
    # 1.26 rounds to 1.3 at one decimal; None and NaN are both a gap (null), never a zero.
    assert series["data"] == [["2025-03-01", 1.3], ["2025-03-02", None], ["2025-03-03", None]]
    assert series["connectNulls"] is False
    assert chart.option["xAxis"] == {"type": "time"}
    assert chart.option["yAxis"]["name"] == "kWh"
    assert [c.title for c in chart.table.columns] == ["Date", "Loss (kWh)"]
    assert chart.table.rows == ((D1, 1.3), (D2, None), (D3, None))


def test_a_line_chart_of_one_series_has_no_legend_and_two_series_have_one() -> None:
    one = line_chart("Use", [D1], [Series("Use", [1.0])], unit="kWh")
    two = line_chart("Use", [D1], [Series("Use", [1.0]), Series("Baseline", [2.0], dashed=True)], unit="kWh")
    assert "legend" not in one.option
    assert two.option["legend"]["top"] == 26
    assert two.option["series"][1]["lineStyle"] == {"type": "dashed"}
    assert two.table.rows == ((D1, 1.0, 2.0),)


def test_a_line_chart_opens_zoomed_from_the_day_asked() -> None:
    chart = line_chart("Use", [D1, D2, D3], [Series("Use", [1, 2, 3])], unit="kWh", zoom_start=D2)
    assert [z["startValue"] for z in chart.option["dataZoom"]] == ["2025-03-02", "2025-03-02"]
    assert chart.option["toolbox"]["feature"]["dataZoom"] == {"yAxisIndex": "none"}
    assert "saveAsImage" in chart.option["toolbox"]["feature"]


def test_a_series_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="2 values for 3 days"):
        line_chart("Loss", [D1, D2, D3], [Series("Loss", [1.0, 2.0])], unit="kWh")


def test_a_stacked_bar_chart_stacks_every_series_and_tables_the_total() -> None:
    chart = bar_chart(
        "Requests",
        ["Water", "Gas"],
        [Series("New", [2, 0]), Series("Resolved", [3, 1])],
        unit="requests",
        category_header="Member",
        stacked=True,
    )
    assert [s["stack"] for s in chart.option["series"]] == ["total", "total"]
    assert chart.option["series"][1]["data"] == [3, 1]
    assert chart.option["xAxis"]["data"] == ["Water", "Gas"]
    # Water 2 + 3 = 5, Gas 0 + 1 = 1.
    assert chart.table.rows == (("Water", 2, 3, 5), ("Gas", 0, 1, 1))
    assert [c.title for c in chart.table.columns] == [
        "Member",
        "New (requests)",
        "Resolved (requests)",
        "Total (requests)",
    ]


def test_a_horizontal_bar_chart_puts_the_categories_down_the_side_with_room_for_each() -> None:
    chart = bar_chart(
        "Score", ["A", "B", "C", "D", "E", "F", "G", "H", "I"], [Series("Score", [1] * 9)], unit="points",
        category_header="Village", horizontal=True,
    )  # fmt: skip
    assert chart.option["yAxis"]["type"] == "category"
    assert chart.option["yAxis"]["inverse"] is True  # the first village on top
    assert chart.option["xAxis"]["type"] == "value"
    assert chart.height == 64 + 28 * 9  # 316 px: more than the 240 px floor


def test_bars_coloured_by_a_scale_take_the_colour_of_the_figure_they_show() -> None:
    scale = Scale(
        (Band(40, Category("low", "low", "#c62828")), Band(math.inf, Category("high", "high", "#2e7d32"))),
        missing=Category("none", "none", "#9e9e9e"),
    )
    chart = bar_chart(
        "Score", ["A", "B"], [Series("Score", [39.4, 39.6])], unit="", category_header="", colour_by=scale
    )
    # 39.4 shows as 39 (below 40: red); 39.6 shows as 40, so it is coloured as 40 (green).
    assert chart.option["series"][0]["data"] == [
        {"value": 39.0, "itemStyle": {"color": "#c62828"}},
        {"value": 40.0, "itemStyle": {"color": "#2e7d32"}},
    ]


def test_weekday_hour_counts_put_each_moment_in_its_weekday_row_and_hour_column() -> None:
    moments = [
        datetime(2026, 11, 2, 8, 15),  # a Monday
        datetime(2026, 11, 2, 8, 59),  # the same hour
        datetime(2026, 11, 8, 23, 0),  # a Sunday
    ]
    counts = weekday_hour_counts(moments)
    assert counts.shape == (7, 24)
    assert (counts[0, 8], counts[6, 23], counts.sum()) == (2, 1, 3)
    assert weekday_hour_counts([]).sum() == 0


def test_the_hour_weekday_heat_map_draws_hour_weekday_value_cells_and_tables_a_row_per_weekday() -> None:
    counts = weekday_hour_counts([datetime(2026, 11, 2, 8, 15), datetime(2026, 11, 2, 8, 59)])
    chart = weekday_hour_heatmap("Filed", counts, unit="requests")
    data = chart.option["series"][0]["data"]
    assert len(data) == 7 * 24
    assert [8, 0, 2.0] in data  # hour 8 of Monday (row 0): two requests
    assert chart.option["yAxis"]["data"][:2] == ["Monday", "Tuesday"]
    assert chart.option["xAxis"]["data"][8] == "08:00"
    assert chart.option["visualMap"]["max"] == 2.0
    monday = chart.table.rows[0]
    assert (monday[0], monday[1 + 8], sum(float(v) for v in monday[1:] if isinstance(v, int | float) and v)) == (
        "Monday",
        2.0,
        2.0,
    )
    assert len(chart.table.columns) == 1 + 24


def test_an_hour_weekday_heat_map_needs_seven_by_twenty_four_values() -> None:
    with pytest.raises(ValueError, match="7 × 24"):
        weekday_hour_heatmap("Filed", [[1, 2, 3]], unit="")


def test_a_calendar_of_categories_colours_each_scored_day_and_names_it_in_the_table() -> None:
    grey, green, red = (
        Category("0", "Grey", "#9e9e9e"),
        Category("1", "Green", "#2e7d32"),
        Category("3", "Red", "#c62828"),
    )
    chart = calendar_heatmap("Codes", [D1, D2, D3], [1, None, 3], categories=[grey, green, red], value_header="Code")
    assert chart.option["series"][0]["data"] == [["2025-03-01", 1.0], ["2025-03-03", 3.0]]  # D2 not scored
    assert chart.option["calendar"]["range"] == ["2025-03-01", "2025-03-03"]
    assert chart.option["visualMap"]["pieces"][2] == {"value": 3.0, "label": "Red", "color": "#c62828"}
    assert chart.table.rows == ((D1, "Green"), (D2, None), (D3, "Red"))
    assert chart.categories == (grey, green, red)  # the page's legend
    assert chart.option["visualMap"]["show"] is False


def test_a_calendar_of_numbers_scales_its_colours_from_the_smallest_to_the_largest_value() -> None:
    chart = calendar_heatmap("Use", [D1, D2], [2.04, 7.5], unit="kWh", decimals=1)
    assert (chart.option["visualMap"]["min"], chart.option["visualMap"]["max"]) == (2.0, 7.5)
    assert [c.title for c in chart.table.columns] == ["Date", "Use (kWh)"]


def test_a_calendar_needs_a_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        calendar_heatmap("Codes", [], [])
