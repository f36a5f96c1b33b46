"""The alliance's charts and map, built with the portal's charting layer (``portal.charts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliance.models import ServicePlace
from portal.charts import (
    Category,
    Chart,
    MapChart,
    MapPoint,
    Series,
    bar_chart,
    map_chart,
    points_layer,
    weekday_hour_heatmap,
)
from portal.tickets.workflow import Status

STATUS_COLOURS = {
    Status.NEW: "#1565c0",
    Status.ACKNOWLEDGED: "#42a5f5",
    Status.IN_PROGRESS: "#f9a825",
    Status.WAITING: "#ff7043",
    Status.RESOLVED: "#2e7d32",
    Status.CLOSED: "#81c784",
    Status.REJECTED: "#8d6e63",
    Status.CANCELLED: "#bdbdbd",
}


def member_status_chart(counts: Mapping[tuple[str, str], int]) -> Chart:
    """Requests per member as bars stacked by status, the busiest member first, the statuses in the
    order of the workflow; a status no request has is left out of the legend."""
    totals: dict[str, int] = {}
    for (member, _status), n in counts.items():
        totals[member] = totals.get(member, 0) + n
    members = sorted(totals, key=lambda m: (-totals[m], m))
    present = {status for _member, status in counts}
    return bar_chart(
        _("Requests by member and status"),
        members,
        [
            Series(str(status.label), [counts.get((m, status.value), 0) for m in members], colour=colour)
            for status, colour in STATUS_COLOURS.items()
            if status.value in present
        ],
        unit=_("requests"),
        category_header=_("Member"),
        stacked=True,
        horizontal=True,
    )


def filing_time_chart(counts: np.ndarray) -> Chart:
    """When residents file their requests (7 × 24 counts, Monday first): the desk's busy hours, for
    its rota."""
    return weekday_hour_heatmap(_("Requests filed by weekday and hour"), counts, unit=_("requests"))


def places_map(places: Sequence[tuple[ServicePlace, int, int]]) -> MapChart:
    """The places the alliance serves; a place with open requests stands out in amber."""
    open_ = Category("open", _("with open requests"), "#f57c00")
    calm = Category("calm", _("no open request"), "#00706b")
    points = [
        MapPoint(
            latitude=None if place.latitude is None else float(place.latitude),
            longitude=None if place.longitude is None else float(place.longitude),
            label=place.name,
            category=(open_ if still_open else calm).key,
            value=total,
            lines=(ngettext("%(n)d still open", "%(n)d still open", still_open) % {"n": still_open},),
            href=reverse("alliance:place-detail", args=[place.pk]),
        )
        for place, total, still_open in places
    ]
    return map_chart(
        _("Places served and their requests"),
        [points_layer(_("Places"), points, categories=[open_, calm])],
        value_header=_("Requests"),
        unit=_("requests"),
        place_header=_("Place"),
        all_points=len(places),
        empty_text=_("No place of the alliance has a position yet."),
        link_text=_("Open the place"),
    )
