"""The people and tenants every view and API test uses.

Alice is tenant admin of Binhai; Bob works in Binhai too, as field staff; Charlie is tenant admin
of Wuqing, another tenant. Every isolation test asks: can Charlie reach Alice's objects? (No: 404.)
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import User
from portal.core.catalogue import PROGRAMMES
from portal.tenancy.models import Membership, Tenant, TenantProgramme
from portal.tenancy.roles import Role

PASSWORD = "correct-horse-battery-9"


@dataclass
class World:
    sgcc: Tenant
    tianjin: Tenant
    binhai: Tenant
    wuqing: Tenant
    alice: User
    bob: User
    charlie: User
    partner: User


def make_user(username: str, tenant: Tenant, *roles: Role) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=username.title())
    for role in roles:
        Membership.objects.create(user=user, tenant=tenant, role=role)
    return user


def make_world() -> World:
    sgcc = Tenant.objects.create(slug="sgcc", name="国家电网", kind=Tenant.Kind.GROUP)
    tianjin = Tenant.objects.create(slug="tianjin", name="国网天津电力", kind=Tenant.Kind.PROVINCE, parent=sgcc)
    binhai = Tenant.objects.create(slug="binhai", name="国网天津滨海公司", short_name="滨海", parent=tianjin)
    wuqing = Tenant.objects.create(slug="wuqing", name="国网天津武清公司", short_name="武清", parent=tianjin)
    # Both units run every programme, so each programme's menu entry and pages are in every walk.
    TenantProgramme.objects.bulk_create(
        TenantProgramme(tenant=unit, programme=p.code) for unit in (binhai, wuqing) for p in PROGRAMMES
    )
    return World(
        sgcc=sgcc,
        tianjin=tianjin,
        binhai=binhai,
        wuqing=wuqing,
        alice=make_user("alice", binhai, Role.TENANT_ADMIN),
        bob=make_user("bob", binhai, Role.FIELD_STAFF),
        charlie=make_user("charlie", wuqing, Role.TENANT_ADMIN),
        partner=make_user("partner", binhai, Role.PARTNER_VIEWER),
    )
