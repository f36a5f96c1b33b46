"""The catalogue of the portal's ten programmes: the values stored in every ``programme`` column.

Stored values must not depend on which apps a deployment installs (a ticket of the charging programme
keeps its label in a portal that does not run charging), so this list is data, kept apart from the
apps themselves. An app declares its wiring in ``<code>/programme.py`` (``portal.core.contract``);
a programme beyond these ten adds one line here, its only core change.

Imported while settings load: no models here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Programme:
    code: str
    name: str | Promise
    unit_slug: str  # the unit that ran it in the seed


PROGRAMMES: tuple[Programme, ...] = (
    Programme("alliance", _("Public-service alliance"), "binhai"),
    Programme("charging", _("EV charging"), "chengnan"),
    Programme("careband", _("Care code"), "marketing"),
    Programme("birdguard", _("Bird-safe power lines"), "highvoltage"),
    Programme("livestream", _("Livestream sales for hardship households"), "jizhou"),
    Programme("supplychain", _("Low-carbon supply chain"), "materials"),
    Programme("energyservices", _("Integrated energy services"), "energyservices"),
    Programme("outage", _("Outage communication"), "jinghai"),
    Programme("renovation", _("Five-party renovation consultation"), "chengxi"),
    Programme("theftscan", _("Line-loss theft screening"), "wuqing"),
)

CATALOGUE_CODES: tuple[str, ...] = tuple(p.code for p in PROGRAMMES)

CORE = "core"
