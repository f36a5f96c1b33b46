"""Personal data on the pages: masked unless the user may see it, and every read logged."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from portal.audit.actions import record_personal_read
from portal.audit.masking import mask
from portal.audit.models import PersonalDataAccess
from portal.core.types import PortalRequest, tenant_of, user_of
from portal.tenancy.roles import Capability


def sees_personal_data(request: PortalRequest) -> bool:
    return Capability.SEE_PERSONAL_DATA in getattr(request, "capabilities", frozenset())


def shown_value(request: PortalRequest, obj: models.Model, field: str) -> str:
    """The value of a personal field as this user may see it."""
    value = getattr(obj, field) or ""
    if sees_personal_data(request):
        return str(value)
    kind = getattr(type(obj), "personal_fields", {}).get(field)
    return str(mask(kind, value) or "") if kind else str(value)


def log_page_read(request: PortalRequest, objects: Iterable[models.Model], fields: Sequence[str]) -> None:
    """Log that a page showed these rows' personal ``fields`` (only rows that hold any of them)."""
    rows = [obj for obj in objects if any(getattr(obj, f, "") for f in fields)]
    if not rows:
        return
    record_personal_read(
        tenant_of(request),
        type(rows[0]),
        [obj.pk for obj in rows],
        sorted(fields),
        actor=user_of(request),
        channel=PersonalDataAccess.Channel.WEB,
        masked=not sees_personal_data(request),
        path=request.get_full_path(),
    )


def log_detail_read(request: PortalRequest, obj: Any) -> None:
    log_page_read(request, [obj], sorted(getattr(type(obj), "personal_fields", {})))
