from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def tenancy(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "tenant_access", None)
    return {
        "active_tenant": getattr(request, "tenant", None),
        "available_tenants": access.tenants if access else (),
        "capabilities": {c.value for c in getattr(request, "capabilities", frozenset())},
    }
