from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from portal.core.contract import Navigation, ProgrammeApp
from portal.core.programmes import PROGRAMMES, Programme, programme_apps
from portal.tenancy.models import programmes_run_by
from portal.tenancy.roles import Capability


def _entry_for(app: ProgrammeApp, roles: frozenset[str], can_view: bool) -> Navigation | None:
    """The first of the app's menu entries this member is offered (see ``Navigation``)."""
    for entry in app.navigation:
        if (entry.roles and entry.roles & roles) or (not entry.roles and can_view):
            return entry
    return None


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The programmes in the menu: installed, run by the active unit, and with a page for this member."""
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return {"programme_links": []}
    running = programmes_run_by(tenant)
    roles: frozenset[str] = getattr(request, "tenant_roles", frozenset())
    can_view = Capability.VIEW in getattr(request, "capabilities", frozenset())
    by_code: dict[str, Programme] = {p.code: p for p in PROGRAMMES}
    links: list[tuple[Programme, str]] = []
    for app in programme_apps():
        entry = _entry_for(app, roles, can_view) if app.code in running else None
        if entry is None:
            continue
        # A declared entry always reverses: the system check ``portal.core.checks`` makes sure of it.
        links.append((by_code[app.code], reverse(f"{app.code}:{entry.url_name}")))
    return {"programme_links": links}
