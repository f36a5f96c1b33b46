"""Types the whole portal shares: the request as the tenancy middleware leaves it, and who acts.

``PortalRequest`` is for type checking only: ``TenantMiddleware`` sets these attributes on Django's
own request object. Views and viewsets annotate ``request: PortalRequest`` (the base mixins do), so
``request.tenant`` and ``request.capabilities`` are checked like any other attribute instead of being
silenced with ``# type: ignore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

if TYPE_CHECKING:
    from portal.accounts.models import User
    from portal.api.models import ApiKey
    from portal.tenancy.middleware import TenantAccess
    from portal.tenancy.models import Tenant
    from portal.tenancy.roles import Capability


class PortalRequest(HttpRequest):
    user: User | AnonymousUser  # narrower than HttpRequest's
    tenant: Tenant | None  # the active unit; None for a visitor or a user of no unit
    tenant_roles: frozenset[str]  # the user's roles there (``Role`` values)
    capabilities: frozenset[Capability]  # what those roles allow there
    acting_for: frozenset[int]  # the outside organisations (stakeholder ids) the user acts for there
    tenant_access: TenantAccess  # every unit the user belongs to


# Who does something, as the audit trail and the tickets record it: a person, a partner's API key, a
# named system process ("SLA sweep", "demo"), or None for the system itself.
type Actor = User | ApiKey | str | None
