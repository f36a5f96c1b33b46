"""The ten programmes. Each is a top-level app; only installed ones appear anywhere in the UI."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
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

CORE = "core"


def installed_programmes() -> list[Programme]:
    return [p for p in PROGRAMMES if apps.is_installed(p.code)]


def programme_choices() -> list[tuple[str, str | Promise]]:
    """Choices for a ``programme`` field: the core plus every programme, installed or not.

    Stored values must not depend on which apps a deployment installs, so the choices are fixed.
    """
    return [(CORE, _("Core")), *((p.code, p.name) for p in PROGRAMMES)]


def programme_name(code: str) -> str:
    for programme in PROGRAMMES:
        if programme.code == code:
            return str(programme.name)
    return str(_("Core")) if code == CORE else code
