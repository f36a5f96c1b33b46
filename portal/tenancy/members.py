"""Who belongs to a tenant, with their roles: for the member page and the audit filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.tenancy.models import Membership, Tenant
from portal.tenancy.roles import Role


@dataclass(frozen=True)
class Member:
    user: User
    roles: tuple[str, ...]  # translated role labels, in the order of the Role choices

    @property
    def is_active(self) -> bool:
        return self.user.is_active


def members_of(tenant: Tenant) -> list[Member]:
    """One entry per user holding any role in ``tenant``, sorted by username."""
    order = {value: index for index, value in enumerate(Role.values)}
    roles_by_user: dict[int, list[str]] = {}
    users: dict[int, User] = {}
    for membership in Membership.objects.filter(tenant=tenant).select_related("user"):
        roles_by_user.setdefault(membership.user_id, []).append(membership.role)
        users[membership.user_id] = membership.user
    members = [
        Member(users[uid], tuple(str(Role(r).label) for r in sorted(roles, key=order.__getitem__)))
        for uid, roles in roles_by_user.items()
    ]
    return sorted(members, key=lambda m: m.user.username)


def member_users(tenant: Tenant) -> list[User]:
    return [m.user for m in members_of(tenant)]


def add_organisation_member(tenant: Tenant, organisation: Any, user: User) -> Membership:
    """Let ``user`` act for ``organisation`` (one of the tenant's stakeholders) in ``tenant``.

    Idempotent; a user acts for one organisation per tenant, so naming a second one is refused.
    """
    if organisation.tenant_id != tenant.pk:
        raise ValidationError({"organisation": _("Choose an organisation of this unit.")})
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            user=user, tenant=tenant, role=Role.ORGANISATION_MEMBER, defaults={"organisation": organisation}
        )
    if membership.organisation_id != organisation.pk:
        raise ValidationError({"organisation": _("This person already acts for another organisation of this unit.")})
    return membership
