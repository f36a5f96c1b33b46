"""Issuing and revoking partner API keys: the one place both the command and the admin page call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.api.models import ApiKey
from portal.core.programmes import PROGRAMMES
from portal.tenancy.models import Tenant

MAX_DAYS = 3 * 365  # a partner renews its key at least every three years
NAME_MAX_LENGTH = ApiKey._meta.get_field("name").max_length or 100


def programme_codes() -> list[str]:
    """The programme codes a key may be scoped to (the core is always included)."""
    return [p.code for p in PROGRAMMES]


def clean_programmes(codes: Iterable[str]) -> list[str]:
    wanted = sorted({c.strip() for c in codes if c.strip()})
    unknown = [c for c in wanted if c not in programme_codes()]
    if unknown:
        raise ValidationError(
            _("Unknown programme code(s): %(codes)s. Valid codes: %(valid)s.")
            % {"codes": ", ".join(unknown), "valid": ", ".join(programme_codes())},
            code="unknown_programme",
        )
    return wanted


def clean_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("A key must be valid for 1 to %(max)d days.") % {"max": MAX_DAYS}, code="bad_days")
    return days


def clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the key a name."), code="required")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name may have at most %(max)d characters.") % {"max": NAME_MAX_LENGTH}, code="max_length"
        )
    return name


def issue_key(
    tenant: Tenant,
    name: str,
    *,
    programmes: Iterable[str] = (),
    days: int = 365,
    can_see_personal_data: bool = False,
    created_by: Any = None,
) -> tuple[ApiKey, str]:
    """Validate and create a key; returns it with the plain token, which is never stored.

    Raises ``ValidationError`` for bad input, and when the tenant already has a usable key of that
    name (the database's partial unique constraint decides, so two requests cannot both win).
    """
    name = clean_name(name)
    codes = clean_programmes(programmes)
    days = clean_days(days)
    try:
        with transaction.atomic():
            return ApiKey.issue(
                tenant,
                name,
                programmes=codes,
                days=days,
                can_see_personal_data=can_see_personal_data,
                created_by=created_by,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This unit already has an active key named “%(name)s”. Revoke it first or choose another name.")
            % {"name": name},
            code="duplicate",
        ) from exc


def revoke_key(tenant: Tenant, *, name: str | None = None, pk: int | None = None) -> int:
    """Revoke the tenant's active key with this name or id; returns how many rows were revoked.

    One conditional UPDATE: a key already revoked keeps its first revocation time.
    """
    keys = ApiKey.objects.for_tenant(tenant).filter(revoked_at__isnull=True)
    if name is not None:
        keys = keys.filter(name=name)
    if pk is not None:
        keys = keys.filter(pk=pk)
    return keys.update(revoked_at=timezone.now())
