"""The programmes at run time: the catalogue, the apps this deployment installed, their declarations."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.core.catalogue import CORE, PROGRAMMES, Programme
from portal.core.contract import ProgrammeApp

__all__ = [
    "CORE",
    "PROGRAMMES",
    "Programme",
    "catalogue_choices",
    "installed_programmes",
    "programme_apps",
    "programme_choices",
    "programme_name",
]


def programme_apps() -> list[ProgrammeApp]:
    """The declarations of the installed programme apps (discovered by ``portal.core.discovery``)."""
    return list(settings.PROGRAMME_APPS)


def installed_programmes() -> list[Programme]:
    installed = {app.code for app in programme_apps()}
    return [p for p in PROGRAMMES if p.code in installed]


def programme_choices() -> list[tuple[str, str | Promise]]:
    """Choices for a ``programme`` field: the core plus every programme of the catalogue, installed or not."""
    return [(CORE, _("Core")), *((p.code, p.name) for p in PROGRAMMES)]


def catalogue_choices() -> list[tuple[str, str | Promise]]:
    """The ten programmes alone (no "core"): for what a unit runs."""
    return [(p.code, p.name) for p in PROGRAMMES]


def programme_name(code: str) -> str:
    for programme in PROGRAMMES:
        if programme.code == code:
            return str(programme.name)
    return str(_("Core")) if code == CORE else code
