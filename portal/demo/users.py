"""The demo logins: one superuser, and per unit an administrator, a staff member and a grid worker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from portal.accounts.models import User
from portal.demo.data import UNITS
from portal.demo.data.schema import UnitSpec, phone
from portal.tenancy.models import Membership, Tenant
from portal.tenancy.roles import Role

DEMO_PASSWORD = "portal-demo-2026"
SUPERUSER = "admin"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str
    unit: str | None  # tenant slug; None for the superuser
    roles: tuple[Role, ...]
    key: str  # "admin" | "staff" | "grid": how data modules refer to the user
    phone: str = ""


def _unit_logins(unit_no: int, unit: UnitSpec) -> tuple[DemoLogin, ...]:
    return (
        DemoLogin(
            f"{unit.slug}-admin", unit.staff.admin, unit.slug, (Role.TENANT_ADMIN,), "admin", phone(unit_no, 901)
        ),
        DemoLogin(
            f"{unit.slug}-staff",
            unit.staff.staff,
            unit.slug,
            (Role.PROGRAMME_MANAGER, Role.FIELD_STAFF),
            "staff",
            phone(unit_no, 902),
        ),
        DemoLogin(f"{unit.slug}-grid", unit.staff.grid, unit.slug, (Role.GRID_WORKER,), "grid", phone(unit_no, 903)),
    )


def demo_logins() -> tuple[DemoLogin, ...]:
    superuser = DemoLogin(SUPERUSER, "系统管理员", None, (), "admin")
    return (superuser, *(login for n, unit in enumerate(UNITS) for login in _unit_logins(n, unit)))


def ensure_users(tenants: dict[str, Tenant], tally: Counter[str]) -> dict[str, dict[str, User]]:
    """Create missing users and memberships; returns unit slug → {"admin"|"staff"|"grid": user}.

    Existing users keep their password and names: a demo someone has been using is not reset.
    """
    # One hash for all of them: a fresh PBKDF2 hash per user would cost ~0.5 s each, and the demo
    # password is printed on the console anyway.
    password = make_password(DEMO_PASSWORD)
    logins = demo_logins()
    users = {u.username: u for u in User.objects.filter(username__in=[login.username for login in logins])}
    held = set(Membership.objects.filter(user__in=users.values()).values_list("user__username", "tenant__slug", "role"))
    by_unit: dict[str, dict[str, User]] = {}
    for login in logins:
        user = users.get(login.username)
        if user is None:
            user = User.objects.create(
                username=login.username,
                password=password,
                display_name=login.display_name,
                phone=login.phone,
                is_staff=login.unit is None,
                is_superuser=login.unit is None,
            )
            users[login.username] = user
            tally["accounts.User"] += 1
        if login.unit is None:
            continue
        by_unit.setdefault(login.unit, {})[login.key] = user
        for role in login.roles:
            if (login.username, login.unit, role.value) not in held:
                Membership.objects.create(user=user, tenant=tenants[login.unit], role=role)
                tally["tenancy.Membership"] += 1
    return by_unit
