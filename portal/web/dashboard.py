"""What the dashboard shows: figures computed from the tenant's own rows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from portal.tenancy.models import Tenant


def dashboard_context(request: HttpRequest, tenant: Tenant) -> dict[str, Any]:
    return {}
