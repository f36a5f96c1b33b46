"""``Authorization: Bearer sap_<lookup>_<secret>`` for partner systems."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from portal.api.models import KEY_PREFIX, ApiKey, hash_secret
from portal.core.types import portal_request
from portal.tenancy.roles import Capability, Role, capabilities_of

# "Last used" is for people judging whether a key is still in use, not a request log: writing it on
# every call would turn each read of the API into a write. Once per key per interval is enough.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class ApiClient:
    """The principal behind an API key: behaves enough like a user for DRF and the audit trail."""

    key: ApiKey
    is_authenticated: bool = True
    is_anonymous: bool = False
    is_superuser: bool = False
    is_staff: bool = False
    pk: None = None

    @property
    def name(self) -> str:
        return f"API: {self.key.name}"

    def __str__(self) -> str:
        return self.name


def record_use(key: ApiKey, now: datetime) -> bool:
    """Move the key's ``last_used_at`` to ``now`` unless it was set less than the resolution ago.

    The key was just read, so a recent value costs not even a statement; otherwise one conditional
    UPDATE, so that concurrent requests write it once. Returns whether it was written."""
    if key.last_used_at is not None and key.last_used_at >= now - LAST_USED_RESOLUTION:
        return False
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    return ApiKey.objects.all_tenants().filter(stale, pk=key.pk).update(last_used_at=now) == 1


def parse_token(token: str) -> tuple[str, str] | None:
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiKey] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _sep, token = header.partition(" ")
        if scheme != self.keyword:
            return None
        parsed = parse_token(token.strip())
        if parsed is None:
            raise exceptions.AuthenticationFailed(_("Malformed API key."))
        lookup, secret = parsed
        key = ApiKey.objects.all_tenants().select_related("tenant").filter(lookup=lookup).first()
        if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(secret)):
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        if not key.is_usable:
            raise exceptions.AuthenticationFailed(_("This API key has expired or was revoked."))
        record_use(key, timezone.now())
        # The key decides the tenant and what may be done there: partners read, masked by default.
        django_request = portal_request(request)
        django_request.tenant = key.tenant
        roles = frozenset({Role.PARTNER_VIEWER.value})
        django_request.tenant_roles = roles
        django_request.acting_for = frozenset()
        capabilities = set(capabilities_of(roles))
        if key.can_see_personal_data:
            capabilities.add(Capability.SEE_PERSONAL_DATA)
        django_request.capabilities = frozenset(capabilities)
        return ApiClient(key), key

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'
