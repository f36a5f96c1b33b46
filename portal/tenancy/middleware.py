"""Resolve the active tenant for each request and hold the strict scope while the view runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from portal.core.types import PortalRequest
from portal.tenancy.models import Membership, Tenant
from portal.tenancy.roles import Role, capabilities_of
from portal.tenancy.scoping import strict_scope

SESSION_KEY = "active_tenant_id"


@dataclass(frozen=True)
class TenantAccess:
    """What the current user may do where: the tenants they belong to and their roles there."""

    roles_by_tenant: dict[int, frozenset[str]] = field(default_factory=dict)
    tenants: tuple[Tenant, ...] = ()
    # Tenant id → the outside organisations (stakeholder ids) the user acts for there.
    organisations_by_tenant: dict[int, frozenset[int]] = field(default_factory=dict)

    def roles_in(self, tenant: Tenant | None) -> frozenset[str]:
        if tenant is None:
            return frozenset()
        return self.roles_by_tenant.get(tenant.pk, frozenset())

    def organisations_in(self, tenant: Tenant | None) -> frozenset[int]:
        if tenant is None:
            return frozenset()
        return self.organisations_by_tenant.get(tenant.pk, frozenset())


def access_for(user: Any) -> TenantAccess:
    if not getattr(user, "is_authenticated", False):
        return TenantAccess()
    if getattr(user, "is_superuser", False):
        tenants = tuple(Tenant.objects.filter(is_active=True).select_related("parent"))
        everything = frozenset({Role.TENANT_ADMIN.value})
        return TenantAccess({t.pk: everything for t in tenants}, tenants)
    roles: dict[int, set[str]] = {}
    organisations: dict[int, set[int]] = {}
    tenants_by_id: dict[int, Tenant] = {}
    for membership in Membership.objects.filter(user=user, tenant__is_active=True).select_related("tenant"):
        roles.setdefault(membership.tenant_id, set()).add(membership.role)
        if membership.organisation_id is not None:
            organisations.setdefault(membership.tenant_id, set()).add(membership.organisation_id)
        tenants_by_id[membership.tenant_id] = membership.tenant
    ordered = tuple(sorted(tenants_by_id.values(), key=lambda t: t.slug))
    return TenantAccess(
        {k: frozenset(v) for k, v in roles.items()}, ordered, {k: frozenset(v) for k, v in organisations.items()}
    )


def activate(request: PortalRequest, tenant: Tenant, access: TenantAccess) -> None:
    roles = access.roles_in(tenant)
    request.tenant = tenant
    request.tenant_roles = roles
    request.capabilities = capabilities_of(roles)
    request.acting_for = access.organisations_in(tenant)


class TenantMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: PortalRequest) -> HttpResponse:
        access = access_for(request.user)
        request.tenant_access = access
        request.tenant = None
        request.tenant_roles = frozenset()
        request.capabilities = frozenset()
        request.acting_for = frozenset()
        if access.tenants:
            wanted = request.session.get(SESSION_KEY)
            chosen = next((t for t in access.tenants if t.pk == wanted), access.tenants[0])
            activate(request, chosen, access)
        with strict_scope():
            return self.get_response(request)
