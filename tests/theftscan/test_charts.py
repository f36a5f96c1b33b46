"""theftscan's curves and heat map from figures worked out by hand (no database)."""

from __future__ import annotations

from datetime import date

from django.utils import translation

from theftscan.charts import AreaDayFigures, AreaOnMap, area_curves, heat_map, loss_rate_scale


def test_the_three_curves_show_loss_and_sales_in_kwh_and_the_rate_in_per_cent() -> None:
    days = [
        AreaDayFigures(date(2025, 3, 1), 12.34, 240.0, 0.04891),
        AreaDayFigures(date(2025, 3, 2), None, 250.0, None),  # the area meter was not read
    ]
    with translation.override("en"):
        loss, sold, rate = area_curves(days)
    assert loss.option["series"][0]["data"] == [["2025-03-01", 12.3], ["2025-03-02", None]]
    assert sold.table.rows == ((date(2025, 3, 1), 240.0), (date(2025, 3, 2), 250.0))
    # 0.04891 is 4.891 %, shown with two decimals: 4.89.
    assert rate.option["series"][0]["data"] == [["2025-03-01", 4.89], ["2025-03-02", None]]
    assert (loss.style.unit, rate.style.unit, rate.style.decimals) == ("kWh", "%", 2)


def test_the_heat_map_bands_each_area_rings_the_flagged_and_counts_those_without_a_position() -> None:
    areas = [
        AreaOnMap("A1", "东庄1号", 39.0, 117.0, 0.02, False, 0.0, "/theftscan/areas/1/"),
        AreaOnMap("A2", "东庄2号", 39.0, 117.0, 0.135, True, 0.8, "/theftscan/areas/2/"),
        AreaOnMap("A3", "西庄", None, None, 0.05, False, 0.0, "/theftscan/areas/3/"),
    ]
    with translation.override("en"):
        chart = heat_map(areas)
    heat, dots = chart.layers
    # Heat weights are the recent rates, the 13.5 % clipped to the 15 % ceiling it is below anyway.
    assert heat.data["cells"] == [(39.0, 117.0, 0.02), (39.0, 117.0, 0.135)]
    first, second = (f["properties"] for f in dots.data["features"])
    assert (first["colour"], second["colour"]) == ("#2e7d32", "#c62828")  # below 3 %; 12 % and above
    assert (first["emphasis"], second["emphasis"]) == (0.0, 0.8)
    assert second["value"] == 13.5  # per cent, one decimal
    assert second["lines"] == ["Flagged, suspicion 80%"]
    assert chart.unplaced == 1
    assert chart.table.rows[1] == ("A2 东庄2号", "≥ 12%", 13.5, 39.0, 117.0)


def test_the_loss_rate_bands_meet_at_three_six_nine_and_twelve_per_cent() -> None:
    scale = loss_rate_scale()
    rates = (0.0, 0.0299, 0.03, 0.06, 0.0899, 0.12, 0.5, None)
    assert [scale.category_for(r).key for r in rates] == ["lt3", "lt3", "lt6", "lt9", "lt9", "ge12", "ge12", "none"]
