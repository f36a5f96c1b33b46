"""Types the whole portal shares: the request as the tenancy middleware leaves it, and who acts.

``PortalRequest`` is for type checking only: ``TenantMiddleware`` sets these attributes on Django's
own request object. Views and viewsets annotate ``request: PortalRequest`` (the base mixins do), so
``request.tenant`` and ``request.capabilities`` are checked like any other attribute instead of being
silenced with ``# type: ignore``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from rest_framework.request import Request

    from portal.accounts.models import User
    from portal.api.authentication import ApiClient
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
    htmx: HtmxDetails  # django-htmx: was this request made by htmx, and how


# Who does something, as the audit trail and the tickets record it: a person, a partner's API key (or
# the API principal wrapping it), a named system process ("SLA sweep", "demo"), or None for the system.
type Actor = User | ApiKey | ApiClient | str | None


def tenant_of(request: PortalRequest) -> Tenant:
    """The active unit of a request that the base mixins let through (they answer 404 without one)."""
    if request.tenant is None:
        from django.http import Http404

        raise Http404("No tenant is active for this user.")
    return request.tenant


def portal_request(request: HttpRequest | Request) -> PortalRequest:
    """The Django request the tenancy middleware (or the API-key authentication) annotated, typed.

    A DRF ``Request`` wraps Django's; the attributes live on the wrapped one."""
    return cast("PortalRequest", getattr(request, "_request", request))


def person(actor: Actor) -> User | None:
    """The person behind an actor, if it is one (an API key or a system process is not)."""
    from portal.accounts.models import User

    return actor if isinstance(actor, User) else None


def user_of(request: HttpRequest) -> User:
    """The signed-in user of a request that only signed-in users reach (log-in required before)."""
    from portal.accounts.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user
