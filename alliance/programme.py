"""The alliance's declaration to the core (see portal/core/contract.py)."""

from __future__ import annotations

from portal.core.contract import BeatEntry, Mount, ProgrammeApp, PublicRoute

_OPEN311 = (
    "Open311 GeoReport v2 is the public request interface: the jurisdiction is a parameter, personal data"
    " is masked and locations are rounded."
)
_CARD = (
    "Residents reach the form, their '+1' and their status page by unguessable keys printed on the contact"
    " card; no other data is shown."
)

PROGRAMME = ProgrammeApp(
    code="alliance",
    mounts=(Mount("open311/v2/", "alliance.open311.urls"),),
    public_routes=(
        *(
            PublicRoute(f"open311:{name}", _OPEN311)
            for name in ("discovery", "services", "service", "requests", "request", "token", "not-found")
        ),
        PublicRoute("alliance:public-form", _CARD),
        PublicRoute("alliance:public-plus-one", _CARD),
        PublicRoute("alliance:public-status", _CARD),
    ),
    beat=(
        # Status changes made outside the desk (core ticket pages, the API) reach the requester.
        BeatEntry("alliance-requester-updates", "alliance.tasks.send_requester_updates", 60.0),
    ),
    demo="alliance.demo:load",
)
