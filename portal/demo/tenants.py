"""The demo tenant tree: State Grid → Tianjin → the ten implementing units, plus two other provincial
companies (the care code was rolled out to 福建 and 新疆 among others)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from portal.core.catalogue import PROGRAMMES
from portal.demo.data import UNITS
from portal.tenancy.models import Tenant, TenantProgramme


@dataclass(frozen=True)
class TenantNode:
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None


UPPER_TREE = (
    TenantNode("sgcc", "国家电网有限公司", "国家电网", Tenant.Kind.GROUP, None),
    TenantNode("tianjin", "国网天津市电力公司", "国网天津电力", Tenant.Kind.PROVINCE, "sgcc"),
    TenantNode("fujian", "国网福建省电力有限公司", "国网福建电力", Tenant.Kind.PROVINCE, "sgcc"),
    TenantNode("xinjiang", "国网新疆电力有限公司", "国网新疆电力", Tenant.Kind.PROVINCE, "sgcc"),
)


# Each programme runs in the unit that ran it in the seed; the care code was rolled out further.
ROLLOUTS = (("careband", "fujian"), ("careband", "xinjiang"))


def tenant_tree() -> tuple[TenantNode, ...]:
    """Parents first, so each node's parent exists when it is created."""
    units = tuple(TenantNode(u.slug, u.name, u.short_name, Tenant.Kind.UNIT, "tianjin") for u in UNITS)
    return UPPER_TREE + units


def ensure_tenants(tally: Counter[str]) -> dict[str, Tenant]:
    """Create the tenants that are missing; an existing slug is left exactly as it is."""
    existing = {t.slug: t for t in Tenant.objects.all()}
    for node in tenant_tree():
        if node.slug in existing:
            continue
        parent = existing[node.parent] if node.parent else None
        existing[node.slug] = Tenant.objects.create(
            slug=node.slug, name=node.name, short_name=node.short_name, kind=node.kind, parent=parent
        )
        tally["tenancy.Tenant"] += 1
    return existing


def ensure_programmes(tenants: dict[str, Tenant], tally: Counter[str]) -> None:
    """Which unit runs which programme (what their menus and dashboards offer)."""
    for code, slug in (*((p.code, p.unit_slug) for p in PROGRAMMES), *ROLLOUTS):
        _row, created = TenantProgramme.objects.get_or_create(tenant=tenants[slug], programme=code)
        tally["tenancy.TenantProgramme"] += created
