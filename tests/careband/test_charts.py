"""careband's charts from figures worked out by hand (no database, no store)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import translation

from careband.charts import colour_trend, score_scale, subject_calendar, subject_consumption
from careband.history import DayCounts, DayRow

END = date(2026, 11, 30)


def test_the_colour_trend_stacks_red_first_and_tables_each_days_total() -> None:
    trend = [DayCounts(date(2026, 11, 29), [1, 5, 2, 1]), DayCounts(END, [0, 6, 1, 2])]
    with translation.override("en"):
        chart = colour_trend(trend)
    names = [s["name"] for s in chart.option["series"]]
    assert names == ["Red: clearly abnormal", "Yellow: fluctuating", "Green: steady", "Grey: no data"]
    assert chart.option["series"][0]["data"] == [1, 2]  # red on each day
    # 29 November: 1 red, 2 yellow, 5 green, 1 grey = 9; 30 November: 2 + 1 + 6 + 0 = 9.
    assert chart.table.rows == (("2026-11-29", 1, 2, 5, 1, 9), ("2026-11-30", 2, 1, 6, 0, 9))


def test_a_subjects_year_opens_on_its_last_four_weeks_and_leaves_unscored_days_blank() -> None:
    days = [DayRow(END - timedelta(days=k)) for k in range(364, 1, -1)]
    days += [DayRow(END - timedelta(days=1), 1, 2.04, 2.0), DayRow(END, 3, 0.3, 2.1)]
    with translation.override("en"):
        calendar = subject_calendar(days)
        line = subject_consumption(days)
    assert calendar.option["series"][0]["data"] == [["2026-11-29", 1.0], ["2026-11-30", 3.0]]
    assert calendar.option["calendar"]["range"] == ["2025-12-01", "2026-11-30"]
    assert calendar.table.rows[-1] == (END, "Red: clearly abnormal")
    # 28 days up to 30 November start on the 3rd.
    assert line.option["dataZoom"][0]["startValue"] == "2026-11-03"
    assert line.table.rows[-2:] == ((END - timedelta(days=1), 2.0, 2.0), (END, 0.3, 2.1))


def test_village_scores_fall_into_bands_of_twenty_points_above_forty() -> None:
    scale = score_scale()
    assert [scale.category_for(s).key for s in (0, 39.9, 40, 59.9, 60, 80, 100)] == [
        "hollow",
        "hollow",
        "low",
        "low",
        "fair",
        "lively",
        "lively",
    ]
