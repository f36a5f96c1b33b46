"""The Leaflet map builders: points, heat, GeoJSON, bounds and the table, worked out by hand."""

from __future__ import annotations

import math

import pytest
from django.utils import translation

from portal.charts import Category, MapPoint, geojson_layer, heat_layer, map_chart, points_layer

LOW = Category("low", "below 3%", "#2e7d32")
HIGH = Category("high", "12% and above", "#c62828")


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


def test_points_are_geojson_longitude_first_and_a_place_without_position_is_counted_not_drawn() -> None:
    points = [
        MapPoint(39.0, 117.0, "A1", category="low", value=2.5, href="/theftscan/areas/1/"),
        MapPoint(39.5, 117.6, "A2", category="high", value=13.04, emphasis=1.7),
        MapPoint(None, 117.2, "A3", category="low"),
        MapPoint(math.nan, math.nan, "A4"),
    ]
    chart = map_chart(
        "Areas",
        [points_layer("Areas", points, categories=[LOW, HIGH])],
        value_header="Loss rate",
        unit="%",
        decimals=1,
        all_points=4,
    )
    features = chart.layers[0].data["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[117.0, 39.0], [117.6, 39.5]]
    assert features[0]["properties"]["colour"] == "#2e7d32"
    assert features[1]["properties"]["emphasis"] == 1.0  # clipped to 0–1
    assert features[1]["properties"]["value"] == 13.0  # rounded to one decimal, as in the table
    assert chart.layers[0].data["cluster"] is True
    assert chart.unplaced == 2  # A3 has no latitude, A4 none that is a number
    assert chart.bounds == ((39.0, 117.0), (39.5, 117.6))
    assert [c.title for c in chart.table.columns] == ["Place", "Category", "Loss rate (%)", "Latitude", "Longitude"]
    assert chart.table.rows == (
        ("A1", "below 3%", 2.5, 39.0, 117.0),
        ("A2", "12% and above", 13.0, 39.5, 117.6),
    )
    assert [c.key for c in chart.legend] == ["low", "high"]


def test_a_map_link_goes_to_a_page_of_the_portal_only() -> None:
    for href in ("https://elsewhere.example/x", "//elsewhere.example/x", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="path of the portal"):
            MapPoint(39.0, 117.0, "A", href=href)


def test_a_point_of_an_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="not one of"):
        points_layer("Areas", [MapPoint(39.0, 117.0, "A", category="mid")], categories=[LOW, HIGH])


def test_the_heat_layer_clips_weights_to_its_ceiling_and_leaves_out_cells_without_a_weight() -> None:
    layer = heat_layer(
        "Heat",
        [(39.0, 117.0, 0.3), (39.1, 117.1, -0.1), (39.2, 117.2, 0.05), (39.3, 117.3, None), (None, 117.4, 0.1)],
        ceiling=0.15,
    )
    # 0.3 → 0.15 (the ceiling), -0.1 → 0, 0.05 kept; no weight or no latitude: left out.
    assert layer.data["cells"] == [(39.0, 117.0, 0.15), (39.1, 117.1, 0.0), (39.2, 117.2, 0.05)]
    assert layer.data["max"] == 0.15
    assert list(layer.coordinates()) == [(39.0, 117.0), (39.1, 117.1), (39.2, 117.2)]


def test_a_geojson_layer_colours_each_feature_by_its_category_and_bounds_the_map() -> None:
    village = {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [[[117.0, 39.0], [117.2, 39.0], [117.2, 39.3], [117.0, 39.0]]]},
        "properties": {"label": "东王庄村", "category": "high", "href": "/careband/villages/"},
    }
    layer = geojson_layer("Villages", {"type": "FeatureCollection", "features": [village]}, categories=[LOW, HIGH])
    assert layer.data["features"][0]["properties"]["colour"] == "#c62828"
    chart = map_chart("Villages", [layer])
    assert chart.bounds == ((39.0, 117.0), (39.3, 117.2))
    with pytest.raises(ValueError, match="FeatureCollection"):
        geojson_layer("Villages", village)


def test_a_map_with_nothing_placed_is_empty_and_says_so() -> None:
    chart = map_chart("Areas", [points_layer("Areas", [MapPoint(None, None, "A1")])], all_points=1)
    assert chart.is_empty
    assert chart.unplaced == 1
    assert chart.empty_text == "Nothing to show on the map: no place has a position yet."
