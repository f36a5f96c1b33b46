"""Which tenants' figures a user may see from the active tenant: its own, plus its units' where the
user administers or manages programmes at the parent level."""

from __future__ import annotations

from portal.tenancy.models import Tenant
from portal.tenancy.roles import Capability


def figure_tenants(tenant: Tenant, capabilities: frozenset[Capability]) -> list[Tenant]:
    if tenant.kind == Tenant.Kind.UNIT or Capability.MANAGE_RECORDS not in capabilities:
        return [tenant]
    return [tenant, *tenant.descendants()]
