"""Pure builders of Leaflet maps: clustered points coloured by category, a heat layer, GeoJSON layers.

A map is a list of layers plus its bounds and its table (one row per point drawn). Coordinates are
WGS-84 degrees as the grid records store them; GeoJSON orders them longitude first, Leaflet's heat
layer latitude first, and this module is the one place that knows it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from django.utils.translation import gettext as _

from portal.charts.spec import Category, Cell, Column, NumberStyle, Table, filename_for, rounded

LayerKind = Literal["points", "heat", "geojson"]


def _located(latitude: float | None, longitude: float | None) -> bool:
    if latitude is None or longitude is None:
        return False
    lat, lon = float(latitude), float(longitude)
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _check_href(href: str) -> str:
    # Popups link to the portal's own pages only: a path, never another host or a javascript: URL.
    if href and (not href.startswith("/") or href.startswith("//")):
        raise ValueError(f"a map link must be a path of the portal, not {href!r}")
    return href


@dataclass(frozen=True)
class MapPoint:
    """One place on the map; without coordinates it is counted as not placed, never drawn at 0,0."""

    latitude: float | None
    longitude: float | None
    label: str
    category: str = ""  # key of one of the layer's categories: the dot's colour
    value: float | None = None  # the figure of the popup and the table
    href: str = ""  # the object's page, a path of the portal
    lines: tuple[str, ...] = ()  # more popup lines, already worded
    emphasis: float = 0.0  # 0–1: a thicker ring (a flagged area's suspicion)

    def __post_init__(self) -> None:
        _check_href(self.href)

    @property
    def located(self) -> bool:
        return _located(self.latitude, self.longitude)


@dataclass(frozen=True)
class Layer:
    kind: LayerKind
    name: str
    data: dict[str, Any]  # JSON-ready: GeoJSON, or the heat layer's cells and options
    categories: tuple[Category, ...] = ()
    points: tuple[MapPoint, ...] = ()  # the points drawn (located ones), for the table

    def coordinates(self) -> Iterator[tuple[float, float]]:
        """Every (latitude, longitude) the layer draws."""
        if self.kind == "heat":
            for lat, lon, _weight in self.data["cells"]:
                yield lat, lon
            return
        for feature in self.data["features"]:
            yield from _geometry_coordinates(feature["geometry"]["coordinates"])


def _geometry_coordinates(coordinates: Any) -> Iterator[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], int | float):
        yield float(coordinates[1]), float(coordinates[0])
        return
    for part in coordinates:
        yield from _geometry_coordinates(part)


def _colours(categories: Sequence[Category]) -> dict[str, str]:
    keys = [c.key for c in categories]
    if len(set(keys)) != len(keys):
        raise ValueError(f"category keys must differ: {keys}")
    return {c.key: c.colour for c in categories}


DEFAULT_COLOUR = "#1565c0"


def points_layer(
    name: str, points: Sequence[MapPoint], *, categories: Sequence[Category] = (), cluster: bool = True
) -> Layer:
    """Dots coloured by category; with ``cluster`` those that stand close together (a village's
    areas) merge into one circle with their count until the map is zoomed in."""
    colours = _colours(categories)
    features = []
    drawn = tuple(p for p in points if p.located)
    for p in drawn:
        if p.category and p.category not in colours:
            raise ValueError(f"point {p.label!r} has category {p.category!r}, not one of {list(colours)}")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(p.longitude), float(p.latitude)]},  # type: ignore[arg-type]
                "properties": {
                    "label": p.label,
                    "colour": colours.get(p.category, DEFAULT_COLOUR),
                    "value": p.value,
                    "href": p.href,
                    "lines": list(p.lines),
                    "emphasis": min(max(float(p.emphasis), 0.0), 1.0),
                },
            }
        )
    return Layer(
        "points",
        name,
        {"type": "FeatureCollection", "features": features, "cluster": cluster},
        tuple(categories),
        drawn,
    )


def heat_layer(
    name: str,
    cells: Sequence[tuple[float | None, float | None, float | None]],
    *,
    ceiling: float = 1.0,
    radius: int = 25,
    blur: int = 15,
) -> Layer:
    """A heat layer of (latitude, longitude, weight); weights are clipped to 0…``ceiling``, the weight
    that shows the hottest colour. Cells without coordinates or weight are left out."""
    if ceiling <= 0:
        raise ValueError("the ceiling of a heat layer must be positive")
    kept = [
        (float(lat), float(lon), min(max(float(w), 0.0), ceiling))  # type: ignore[arg-type]
        for lat, lon, w in cells
        if _located(lat, lon) and w is not None and math.isfinite(w)
    ]
    return Layer("heat", name, {"cells": kept, "max": ceiling, "radius": radius, "blur": blur})


def geojson_layer(name: str, collection: dict[str, Any], *, categories: Sequence[Category] = ()) -> Layer:
    """Polygons or lines (villages, grid cells, feeders) from a GeoJSON FeatureCollection; a feature's
    ``properties.category`` picks its colour, ``label`` and ``href`` make its popup."""
    if collection.get("type") != "FeatureCollection":
        raise ValueError("a GeoJSON layer needs a FeatureCollection")
    colours = _colours(categories)
    features = []
    for feature in collection.get("features", []):
        properties = dict(feature.get("properties") or {})
        category = properties.get("category", "")
        if category and category not in colours:
            raise ValueError(f"feature {properties.get('label')!r} has unknown category {category!r}")
        properties["colour"] = colours.get(category, DEFAULT_COLOUR)
        properties["href"] = _check_href(str(properties.get("href", "")))
        properties.setdefault("label", "")
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})
    return Layer("geojson", name, {"type": "FeatureCollection", "features": features}, tuple(categories))


Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class MapChart:
    title: str
    layers: tuple[Layer, ...]
    table: Table
    bounds: Bounds | None  # south-west and north-east corners; None when nothing can be drawn
    unplaced: int  # points left off for want of coordinates
    empty_text: str
    link_text: str
    style: NumberStyle = field(default_factory=NumberStyle)
    height: int = 420
    filename: str = "map"

    @property
    def is_empty(self) -> bool:
        return self.bounds is None

    @property
    def legend(self) -> tuple[Category, ...]:
        seen: dict[str, Category] = {}
        for layer in self.layers:
            for category in layer.categories:
                seen.setdefault(category.key, category)
        return tuple(seen.values())


def _bounds(layers: Sequence[Layer]) -> Bounds | None:
    points = [c for layer in layers for c in layer.coordinates()]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats), min(lons)), (max(lats), max(lons))


def map_chart(
    title: str,
    layers: Sequence[Layer],
    *,
    value_header: str = "",
    unit: str = "",
    decimals: int = 0,
    place_header: str | None = None,
    all_points: int | None = None,
    empty_text: str | None = None,
    link_text: str | None = None,
) -> MapChart:
    """The map with its table: one row per point drawn (place, category, value, position).

    ``all_points`` is how many places the caller had, placed or not: the difference to the points
    drawn is reported as "not placed".
    """
    # Round each point's figure once, so the popup shows what the table shows.
    layers = [
        points_layer(
            layer.name,
            [replace(p, value=rounded(p.value, decimals)) for p in layer.points],
            categories=layer.categories,
            cluster=bool(layer.data["cluster"]),
        )
        if layer.kind == "points"
        else layer
        for layer in layers
    ]
    by_key = {c.key: c.label for layer in layers for c in layer.categories}
    drawn = [p for layer in layers for p in layer.points]
    columns: list[Column] = [Column(place_header or _("Place"))]
    if by_key:
        columns.append(Column(_("Category")))
    if value_header:
        columns.append(Column(value_header, "number", unit, decimals))
    columns += [Column(_("Latitude"), "number", decimals=6), Column(_("Longitude"), "number", decimals=6)]
    rows: list[tuple[Cell, ...]] = []
    for p in drawn:
        cells: list[Cell] = [p.label]
        if by_key:
            cells.append(by_key.get(p.category, ""))
        if value_header:
            cells.append(p.value)
        cells += [round(float(p.latitude), 6), round(float(p.longitude), 6)]  # type: ignore[arg-type]
        rows.append(tuple(cells))
    return MapChart(
        title=title,
        layers=tuple(layers),
        table=Table(tuple(columns), tuple(rows)),
        bounds=_bounds(layers),
        unplaced=max(0, (all_points if all_points is not None else len(drawn)) - len(drawn)),
        empty_text=empty_text or _("Nothing to show on the map: no place has a position yet."),
        link_text=link_text or _("Open"),
        style=NumberStyle(unit, decimals),
        filename=filename_for(title),
    )
