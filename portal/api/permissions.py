from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from portal.api.models import ApiKey
from portal.tenancy.roles import Capability

# What an HTTP method needs, unless a viewset says otherwise with ``write_capability``.
SAFE = permissions.SAFE_METHODS


class IsTenantMember(permissions.BasePermission):
    """Signed in (session or key), with an active tenant, allowed this programme and method."""

    message = _("You do not have access to this resource.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.user is None or not getattr(request.user, "is_authenticated", False):
            return False
        if getattr(request, "tenant", None) is None:
            return False
        programme = getattr(view, "programme", "core")
        if isinstance(request.auth, ApiKey) and not request.auth.allows_programme(programme):
            return False
        capabilities: frozenset[Capability] = getattr(request, "capabilities", frozenset())
        if request.method in SAFE:
            return Capability.VIEW in capabilities
        needed = getattr(view, "write_capabilities", {}).get(
            getattr(view, "action", None), getattr(view, "write_capability", Capability.MANAGE_RECORDS)
        )
        return needed in capabilities
