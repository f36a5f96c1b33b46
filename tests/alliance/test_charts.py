"""The alliance's charts from counts worked out by hand (no database)."""

from __future__ import annotations

import numpy as np
from django.utils import translation

from alliance.charts import filing_time_chart, member_status_chart


def test_members_are_ordered_by_their_requests_and_statuses_by_the_workflow() -> None:
    counts = {
        ("燃气公司", "new"): 1,
        ("水务公司", "resolved"): 2,
        ("水务公司", "new"): 1,
        ("供电公司", "in_progress"): 3,
    }
    with translation.override("en"):
        chart = member_status_chart(counts)
    # 供电 3, 水务 2 + 1 = 3, 燃气 1: ties by name (供 before 水 in code point order).
    assert chart.option["yAxis"]["data"] == ["供电公司", "水务公司", "燃气公司"]
    assert [s["name"] for s in chart.option["series"]] == ["New", "In progress", "Resolved"]
    assert chart.table.rows == (("供电公司", 0, 3, 0, 3), ("水务公司", 1, 0, 2, 3), ("燃气公司", 1, 0, 0, 1))


def test_the_filing_chart_draws_each_weekday_and_hour_of_the_counts() -> None:
    counts = np.zeros((7, 24), dtype=np.int64)
    counts[0, 8], counts[6, 23] = 2, 1  # two requests on Monday 8–9 a.m., one on Sunday 11 p.m.
    with translation.override("en"):
        chart = filing_time_chart(counts)
    monday, sunday = chart.table.rows[0], chart.table.rows[6]
    assert (monday[0], monday[1 + 8], sunday[0], sunday[1 + 23]) == ("Monday", 2.0, "Sunday", 1.0)
    assert [23, 6, 1.0] in chart.option["series"][0]["data"]
