"""Small server-side SVG charts (no JavaScript, no CDN): line curves and a map of areas.

Everything numeric is escaped by formatting; labels go through ``escape``. The SVG is marked safe
only after it has been built from numbers and escaped text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 640, 200, 40


@dataclass(frozen=True)
class MapPoint:
    label: str
    latitude: float
    longitude: float
    value: float  # colours the dot (e.g. loss rate)
    ring: float  # 0..1 suspicion, drawn as a ring
    href: str


def _finite(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def line_chart(
    title: str, days: Sequence[date], values: Sequence[float | None], unit: str, colour: str = "#c0392b"
) -> SafeString:
    """One curve over the days; gaps where a value is missing (None or NaN)."""
    finite = _finite(values)
    lo, hi = (min([*finite, 0.0]), max([*finite, 0.0])) if finite else (0.0, 1.0)
    hi = hi if hi > lo else lo + 1
    n = max(len(days) - 1, 1)

    def xy(i: int, v: float) -> str:
        x = PAD + (WIDTH - 2 * PAD) * i / n
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - lo) / (hi - lo)
        return f"{x:.1f},{y:.1f}"

    segments: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if v is None or not math.isfinite(v):
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append(xy(i, v))
    paths = "".join(
        f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{" ".join(s)}"/>' for s in segments if s
    )
    zero_y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * (0 - lo) / (hi - lo)
    first = days[0].isoformat() if days else ""
    last = days[-1].isoformat() if days else ""
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="100%">'
        f"<title>{escape(title)}</title>"
        f'<text x="{PAD}" y="16" font-size="13">{escape(title)} ({escape(unit)})</text>'
        f'<line x1="{PAD}" y1="{zero_y:.1f}" x2="{WIDTH - PAD}" y2="{zero_y:.1f}" stroke="#999" stroke-dasharray="3"/>'
        f'<text x="2" y="{PAD:.0f}" font-size="10">{hi:.4g}</text>'
        f'<text x="2" y="{HEIGHT - PAD:.0f}" font-size="10">{lo:.4g}</text>'
        f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="10">{first}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="10" text-anchor="end">{last}</text>'
        f"{paths}</svg>"
    )
    return mark_safe(svg)  # built from numbers and escaped text only


# Green → amber → red as the loss rate goes from 0 to 15 % and beyond.
SCALE = ((0.03, "#2e7d32"), (0.06, "#7cb342"), (0.09, "#fbc02d"), (0.12, "#f57c00"), (math.inf, "#c62828"))


def colour_for(rate: float | None) -> str:
    if rate is None or not math.isfinite(rate):
        return "#9e9e9e"
    return next(colour for upper, colour in SCALE if rate < upper)


def area_map(
    points: Sequence[MapPoint], legend: Sequence[tuple[str, str]], width: int = 640, height: int = 480
) -> SafeString:
    """Areas placed by latitude/longitude (equirectangular, fine at city scale), each a coloured dot
    with a link; a ring's thickness shows the suspicion."""
    located = [p for p in points if math.isfinite(p.latitude) and math.isfinite(p.longitude)]
    if not located:
        return mark_safe(f'<svg viewBox="0 0 {width} {height}" class="chart" xmlns="http://www.w3.org/2000/svg"></svg>')
    lats = [p.latitude for p in located]
    lons = [p.longitude for p in located]
    lat0, lat1 = min(lats), max(lats) or 1
    lon0, lon1 = min(lons), max(lons)
    span_lat, span_lon = (lat1 - lat0) or 0.01, (lon1 - lon0) or 0.01
    pad = 20
    dots: list[str] = []
    for p in located:
        x = pad + (width - 2 * pad) * (p.longitude - lon0) / span_lon
        y = height - 60 - (height - 80 - pad) * (p.latitude - lat0) / span_lat
        ring = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="none" stroke="#6a1b9a" '
            f'stroke-width="{1 + 4 * p.ring:.1f}"/>'
            if p.ring > 0
            else ""
        )
        dots.append(
            f'<a href="{escape(p.href)}"><title>{escape(p.label)}</title>{ring}'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour_for(p.value)}"/></a>'
        )
    keys = "".join(
        f'<rect x="{pad + i * 110}" y="{height - 30}" width="12" height="12" fill="{colour}"/>'
        f'<text x="{pad + i * 110 + 16}" y="{height - 20}" font-size="11">{escape(label)}</text>'
        for i, (colour, label) in enumerate(legend)
    )
    svg = (
        f'<svg class="chart map" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" role="img">'
        f"{''.join(dots)}{keys}</svg>"
    )
    return mark_safe(svg)  # built from numbers and escaped text only
