"""The programme's charts and map, built with the portal's charting layer (``portal.charts``):
an area's three curves and the theft heat map of the areas."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from portal.charts import (
    Band,
    Category,
    Chart,
    MapChart,
    MapPoint,
    Scale,
    Series,
    heat_layer,
    line_chart,
    map_chart,
    points_layer,
)

# The loss rate at which the heat layer shows its hottest colour: the top band's lower edge is 12 %,
# and 15 % is where a rural area's loss is beyond any technical explanation in the screening rules.
HEAT_CEILING = 0.15


def loss_rate_scale() -> Scale:
    """Green → amber → red as the recent loss rate goes from 0 to 12 % and beyond."""
    return Scale(
        bands=(
            Band(0.03, Category("lt3", "< 3%", "#2e7d32")),
            Band(0.06, Category("lt6", "3–6%", "#7cb342")),
            Band(0.09, Category("lt9", "6–9%", "#fbc02d")),
            Band(0.12, Category("lt12", "9–12%", "#f57c00")),
            Band(math.inf, Category("ge12", "≥ 12%", "#c62828")),
        ),
        missing=Category("none", _("no loss rate"), "#9e9e9e"),
    )


@dataclass(frozen=True)
class AreaDayFigures:
    day: date
    loss_kwh: float | None
    sold_kwh: float | None
    loss_rate: float | None  # a share (0.05 for 5 %)


def area_curves(days: Sequence[AreaDayFigures]) -> list[Chart]:
    """The three curves of an area over the window: loss energy, energy sold, loss rate (%)."""
    dates = [d.day for d in days]
    return [
        line_chart(
            _("Area loss energy"),
            dates,
            [Series(_("Loss"), [d.loss_kwh for d in days], colour="#c0392b")],
            unit="kWh",
            decimals=1,
        ),
        line_chart(
            _("User consumption (energy sold)"),
            dates,
            [Series(_("Sold"), [d.sold_kwh for d in days], colour="#1565c0")],
            unit="kWh",
            decimals=1,
        ),
        line_chart(
            _("Area loss rate"),
            dates,
            [
                Series(
                    _("Loss rate"),
                    [None if d.loss_rate is None else d.loss_rate * 100 for d in days],
                    colour="#6a1b9a",
                )
            ],
            unit="%",
            decimals=2,
        ),
    ]


@dataclass(frozen=True)
class AreaOnMap:
    code: str
    name: str
    latitude: float | None
    longitude: float | None
    recent_rate: float | None  # the loss rate of the window's last days, a share
    flagged: bool
    suspicion: float  # 0–1
    href: str


def heat_map(areas: Sequence[AreaOnMap]) -> MapChart:
    """The theft heat map: heat from each area's recent loss rate, and a dot per area (clustered where
    a village's areas stand together) coloured by its band, ringed when flagged."""
    scale = loss_rate_scale()
    points = [
        MapPoint(
            latitude=a.latitude,
            longitude=a.longitude,
            label=f"{a.code} {a.name}",
            category=scale.category_for(a.recent_rate).key,
            value=None if a.recent_rate is None else a.recent_rate * 100,
            href=a.href,
            lines=(_("Flagged, suspicion %(score).0f%%") % {"score": a.suspicion * 100},) if a.flagged else (),
            emphasis=a.suspicion if a.flagged else 0.0,
        )
        for a in areas
    ]
    return map_chart(
        _("Theft heat map"),
        [
            heat_layer(
                _("Heat of the loss rate"),
                [(a.latitude, a.longitude, a.recent_rate) for a in areas],
                ceiling=HEAT_CEILING,
            ),
            points_layer(_("Areas"), points, categories=scale.categories),
        ],
        value_header=_("Recent loss rate"),
        unit="%",
        decimals=1,
        place_header=_("Area"),
        all_points=len(areas),
        empty_text=_("No screened area has a position yet."),
        link_text=_("Open the area's curves"),
    )
