"""The care code's charts and map, built with the portal's charting layer (``portal.charts``): a
subject's year of colours and daily consumption, the board's colour trend, the villages' index."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from careband.history import DayCounts, DayRow
from careband.models.codes import ColourChoice
from careband.scoring import Colour
from careband.services.villages import VillageRow
from portal.charts import (
    Band,
    Category,
    Chart,
    MapChart,
    MapPoint,
    Scale,
    Series,
    bar_chart,
    calendar_heatmap,
    line_chart,
    map_chart,
    points_layer,
)

COLOUR_HEX = {Colour.GREY: "#9e9e9e", Colour.GREEN: "#2e7d32", Colour.YELLOW: "#f9a825", Colour.RED: "#c62828"}
# A subject's page shows a year of history; the line opens on the last four weeks.
HISTORY_DAYS = 365
RECENT_DAYS = 28


def code_categories() -> list[Category]:
    return [Category(str(int(c)), str(ColourChoice(int(c)).label), COLOUR_HEX[c]) for c in Colour]


def subject_calendar(days: Sequence[DayRow]) -> Chart:
    """A year of a subject's codes, one cell a day; a day the nightly run did not score stays blank."""
    return calendar_heatmap(
        _("Care code by day"),
        [d.day for d in days],
        [d.colour for d in days],
        categories=code_categories(),
        value_header=_("Care code"),
    )


def subject_consumption(days: Sequence[DayRow]) -> Chart:
    """Daily consumption against the baseline the code compares it with."""
    dates = [d.day for d in days]
    return line_chart(
        _("Daily consumption"),
        dates,
        [
            Series(_("Consumption"), [d.value for d in days], colour="#1565c0"),
            Series(_("Baseline"), [d.baseline for d in days], colour="#78909c", dashed=True),
        ],
        unit="kWh",
        decimals=1,
        zoom_start=dates[-1] - timedelta(days=RECENT_DAYS - 1) if len(dates) > RECENT_DAYS else None,
    )


def colour_trend(trend: Sequence[DayCounts]) -> Chart:
    """How many subjects had each colour, day by day (red at the bottom, where the eye starts)."""
    order = (Colour.RED, Colour.YELLOW, Colour.GREEN, Colour.GREY)
    return bar_chart(
        _("Colours of the last 30 days"),
        [t.day.isoformat() for t in trend],
        [
            Series(str(ColourChoice(int(c)).label), [t.counts[int(c)] for t in trend], colour=COLOUR_HEX[c])
            for c in order
        ],
        unit=_("subjects"),
        category_header=_("Date"),
        stacked=True,
    )


def score_scale() -> Scale:
    """The index from hollow (red) to lived-in (green), in bands of twenty points above 40."""
    return Scale(
        bands=(
            Band(40, Category("hollow", _("below 40: hollow"), "#c62828")),
            Band(60, Category("low", "40–60", "#f57c00")),
            Band(80, Category("fair", "60–80", "#9e9d24")),
            Band(math.inf, Category("lively", _("80 and above"), "#2e7d32")),
        ),
        missing=Category("none", _("no score"), "#9e9e9e"),
    )


def village_scores(rows: Sequence[VillageRow]) -> Chart:
    """The index of every village as a bar, lowest (most hollow) first, coloured as on the map."""
    return bar_chart(
        _("Revitalisation index by village"),
        [str(r.village) for r in rows],
        [Series(_("Score"), [r.score for r in rows])],
        unit=_("points"),
        category_header=_("Village"),
        horizontal=True,
        colour_by=score_scale(),
    )


def village_map(rows: Sequence[VillageRow]) -> MapChart:
    scale = score_scale()
    points = [
        MapPoint(
            latitude=None if r.village.latitude is None else float(r.village.latitude),
            longitude=None if r.village.longitude is None else float(r.village.longitude),
            label=str(r.village),
            category=scale.category_for(r.score).key,
            value=r.score,
            lines=(_("%(homes)d homes, %(vacant).0f%% vacant") % {"homes": r.homes, "vacant": r.vacant_rate * 100},),
            href=f"{reverse('careband:villages')}#village-{r.village.pk}",
        )
        for r in rows
    ]
    return map_chart(
        _("Villages by revitalisation index"),
        [points_layer(_("Villages"), points, categories=scale.categories)],
        value_header=_("Score"),
        unit=_("points"),
        place_header=_("Village"),
        all_points=len(rows),
        empty_text=_("No village with an index has a position yet."),
        link_text=_("Show in the table"),
    )
