from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from portal.core.programmes import installed_programmes


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"installed_programmes": installed_programmes()}
