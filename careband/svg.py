"""Small server-side SVG charts (no JavaScript library, no CDN): a colour strip, a consumption line,
a colour trend, a map of villages. Each returns markup for ``|safe`` in a template; every number is
formatted here and every label escaped."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

COLOURS = ("#9e9e9e", "#2e7d32", "#f9a825", "#c62828")
NO_SCORE = "#eceff1"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None


def colour_strip(colours: Sequence[int | None], labels: Sequence[str], width: int = 600, height: int = 24) -> str:
    n = max(len(colours), 1)
    cell = width / n
    rects = "".join(
        f'<rect x="{i * cell:.1f}" y="0" width="{cell - 1:.1f}" height="{height}" '
        f'fill="{NO_SCORE if c is None else COLOURS[c]}"><title>{escape(labels[i])}</title></rect>'
        for i, c in enumerate(colours)
    )
    return f'<svg class="care-strip" viewBox="0 0 {width} {height}" role="img" preserveAspectRatio="none">{rects}</svg>'


def line_chart(points: Sequence[Point], baseline: Sequence[float | None], title: str, unit: str = "kWh") -> str:
    width, height, pad = 600, 200, 32
    values = [p.value for p in points if p.value is not None] + [b for b in baseline if b is not None]
    top = max(values, default=1.0) * 1.1 or 1.0
    n = max(len(points) - 1, 1)

    def xy(i: int, v: float) -> str:
        return f"{pad + i * (width - 2 * pad) / n:.1f},{height - pad - v / top * (height - 2 * pad):.1f}"

    def path(series: Sequence[float | None]) -> str:
        parts, pen = [], "M"
        for i, v in enumerate(series):
            if v is None or math.isnan(v):
                pen = "M"
                continue
            parts.append(f"{pen}{xy(i, v)}")
            pen = "L"
        return " ".join(parts)

    dots = "".join(
        f'<circle cx="{xy(i, p.value).split(",")[0]}" cy="{xy(i, p.value).split(",")[1]}" r="2.5">'
        f"<title>{escape(p.label)}: {p.value:.1f} {unit}</title></circle>"
        for i, p in enumerate(points)
        if p.value is not None and not math.isnan(p.value)
    )
    return (
        f'<svg class="care-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f'<text x="{pad}" y="16" font-size="12">{escape(title)} ({unit}, max {top / 1.1:.1f})</text>'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#999"/>'
        f'<path d="{path(baseline)}" fill="none" stroke="#90a4ae" stroke-dasharray="4 3"/>'
        f'<path d="{path([p.value for p in points])}" fill="none" stroke="#1565c0" stroke-width="2"/>{dots}'
        f'<text x="{pad}" y="{height - 8}" font-size="11">{escape(points[0].label if points else "")}</text>'
        f'<text x="{width - pad}" y="{height - 8}" font-size="11" text-anchor="end">'
        f"{escape(points[-1].label if points else '')}</text></svg>"
    )


def colour_trend(days: Sequence[tuple[str, Sequence[int]]], width: int = 600, height: int = 80) -> str:
    """Stacked bars per day: grey, green, yellow, red counts."""
    n = max(len(days), 1)
    cell = width / n
    bars: list[str] = []
    for i, (label, counts) in enumerate(days):
        total = sum(counts) or 1
        y = float(height)
        for colour, count in enumerate(counts):
            h = height * count / total
            y -= h
            bars.append(
                f'<rect x="{i * cell:.1f}" y="{y:.1f}" width="{cell - 1:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[colour]}"><title>{escape(label)}: {count}</title></rect>'
            )
    return f'<svg class="care-trend" viewBox="0 0 {width} {height}" role="img">{"".join(bars)}</svg>'


def score_colour(score: float) -> str:
    """Red (hollow) through amber to green (lived-in) for a 0..100 score."""
    s = min(max(score, 0.0), 100.0) / 100
    red, green = (int(198 - 152 * s), int(40 + 85 * s))
    return f"#{red:02x}{green:02x}{50:02x}"


def village_map(places: Sequence[tuple[str, float | None, float | None, float]], size: int = 400) -> str:
    """Dots at (longitude, latitude), coloured by score; villages without coordinates on a row below."""
    located = [(n, lat, lon, s) for n, lat, lon, s in places if lat is not None and lon is not None]
    lats = [p[1] for p in located] or [0.0]
    lons = [p[2] for p in located] or [0.0]
    span = max(max(lats) - min(lats), max(lons) - min(lons), 1e-3)
    dots: list[str] = []
    for name, lat, lon, score in located:
        x = 20 + (lon - min(lons)) / span * (size - 40)  # type: ignore[operator]
        y = size - 20 - (lat - min(lats)) / span * (size - 40)  # type: ignore[operator]
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{score_colour(score)}">'
            f"<title>{escape(name)}: {score:.0f}</title></circle>"
        )
    unplaced = [p for p in places if p[1] is None or p[2] is None]
    for i, (name, _lat, _lon, score) in enumerate(unplaced):
        dots.append(
            f'<circle cx="{20 + (i % 20) * 18}" cy="{size + 20 + (i // 20) * 18}" r="7" fill="{score_colour(score)}">'
            f"<title>{escape(name)}: {score:.0f}</title></circle>"
        )
    total_height = size + 40 + (len(unplaced) // 20) * 18
    return f'<svg class="care-map" viewBox="0 0 {size} {total_height}" role="img">{"".join(dots)}</svg>'
