"""How the partner API key appears in the OpenAPI schema (drf-spectacular cannot guess it)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"  # the same name as the scheme in SPECTACULAR_SETTINGS["APPEND_COMPONENTS"]

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Partner API key: `Authorization: Bearer sap_<lookup>_<secret>`",
        }
