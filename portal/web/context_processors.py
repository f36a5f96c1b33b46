from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from portal.core.programmes import installed_programmes


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The programmes in the navigation: installed, and with a page to go to (their ``index``)."""
    links = []
    for programme in installed_programmes():
        try:
            links.append((programme, reverse(f"{programme.code}:index")))
        except NoReverseMatch:  # an app still being built shows nothing rather than a placeholder
            continue
    return {"programme_links": links}
