from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portal.api.models import ApiKey
from portal.core.client import client_address


class ApiClientThrottle(SimpleRateThrottle):
    """One budget per API key, or per user for browser sessions."""

    scope = "api_client"

    def get_rate(self) -> str | None:
        # DRF binds THROTTLE_RATES when the class is defined; read the live settings so a changed
        # PORTAL_API_RATE (or a test's override) applies without re-importing the module.
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        rate: str | None = rates.get(self.scope)
        return rate

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiKey):
            ident = f"key:{request.auth.pk}"
        elif getattr(request.user, "is_authenticated", False):
            ident = f"user:{request.user.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def get_ident(self, request: Request) -> str:
        # DRF's own reading trusts the whole X-Forwarded-For unless NUM_PROXIES is set: use the
        # portal's one rule instead.
        return client_address(request._request)
