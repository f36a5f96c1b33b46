"""Reading GeoReport v2 parameters: jurisdiction, api_key, dates, the search filters, attributes."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from alliance.models import ServiceAttribute, ServiceType
from portal.api.authentication import parse_token
from portal.api.models import ApiKey, hash_secret
from portal.tenancy.models import Tenant

SEARCH_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(*descriptions)
        self.status = status
        self.descriptions = descriptions


def jurisdiction(params: QueryDict, *, required: bool = True) -> Tenant | None:
    slug = params.get("jurisdiction_id", "").strip()
    if not slug:
        if required:
            raise Open311Error(400, _("jurisdiction_id was not provided."))
        return None
    tenant = Tenant.objects.filter(slug=slug, is_active=True).first()
    if tenant is None:
        raise Open311Error(404, _("jurisdiction_id not found."))
    return tenant


def api_key(params: QueryDict) -> ApiKey:
    """The partner key in ``api_key``: missing, unknown, expired, revoked or not for this programme → 403."""
    token = params.get("api_key", "").strip()
    if not token:
        raise Open311Error(403, _("api_key was not provided."))
    parsed = parse_token(token)
    key = None
    if parsed is not None:
        key = ApiKey.objects.all_tenants().select_related("tenant").filter(lookup=parsed[0]).first()
    if key is None or parsed is None or not hmac.compare_digest(key.secret_hash, hash_secret(parsed[1])):
        raise Open311Error(403, _("api_key is invalid."))
    if not key.is_usable or not key.allows_programme("alliance"):
        raise Open311Error(403, _("api_key may not post requests here."))
    return key


def service_type(tenant: Tenant, code: str) -> ServiceType:
    found = ServiceType.objects.for_tenant(tenant).filter(code=code, active=True).select_related("member").first()
    if found is None:
        raise Open311Error(404, _("service_code not found."))
    return found


def when(value: str, name: str) -> datetime:
    parsed = parse_datetime(value.strip()) if value.strip() else None
    if parsed is None or timezone.is_naive(parsed):
        raise Open311Error(
            400,
            _("%(name)s must be a W3C date and time with a time zone, e.g. 2021-06-01T08:00:00+08:00.")
            % {"name": name},
        )
    return parsed


def listed(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class Search:
    ids: list[str]
    codes: list[str]
    statuses: list[str]
    start: datetime
    end: datetime


def search(params: QueryDict, now: datetime) -> Search:
    statuses = listed(params.get("status", ""))
    if any(s not in ("open", "closed") for s in statuses):
        raise Open311Error(400, _("status must be open, closed or both separated by a comma."))
    start_text, end_text = params.get("start_date", ""), params.get("end_date", "")
    end = when(end_text, "end_date") if end_text else None
    start = when(start_text, "start_date") if start_text else None
    if start is None:
        end = end or now
        start = end - SEARCH_WINDOW
    elif end is None:
        end = start + SEARCH_WINDOW
    if end < start:
        raise Open311Error(400, _("end_date must not be before start_date."))
    if end - start > SEARCH_WINDOW:
        raise Open311Error(400, _("start_date and end_date may not span more than 90 days."))
    return Search(
        listed(params.get("service_request_id", "")), listed(params.get("service_code", "")), statuses, start, end
    )


def coordinate(params: QueryDict, name: str, limit: int) -> Decimal | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise Open311Error(400, _("%(name)s must be a number.") % {"name": name}) from None
    if not value.is_finite() or abs(value) > limit:
        raise Open311Error(400, _("%(name)s is out of range.") % {"name": name})
    return value.quantize(Decimal("0.000001"))


def _one_answer(attribute: ServiceAttribute, params: QueryDict) -> Any:
    key = f"attribute[{attribute.code}]"
    keys = [v["key"] for v in attribute.values if isinstance(v, dict) and "key" in v]
    if attribute.datatype == ServiceAttribute.Datatype.MULTI:
        chosen = [v for v in params.getlist(f"{key}[]") + params.getlist(key) if v.strip()]
        if any(v not in keys for v in chosen):
            raise Open311Error(400, _("%(attr)s has a value that is not one of its keys.") % {"attr": key})
        return chosen or None
    raw = params.get(key, "").strip()
    if not raw:
        return None
    if attribute.datatype == ServiceAttribute.Datatype.NUMBER:
        try:
            return float(Decimal(raw))
        except InvalidOperation:
            raise Open311Error(400, _("%(attr)s must be a number.") % {"attr": key}) from None
    if attribute.datatype == ServiceAttribute.Datatype.DATETIME:
        return when(raw, key).isoformat()
    if attribute.datatype == ServiceAttribute.Datatype.SINGLE and raw not in keys:
        raise Open311Error(400, _("%(attr)s is not one of its keys.") % {"attr": key})
    limit = 200 if attribute.datatype == ServiceAttribute.Datatype.STRING else 2000
    if len(raw) > limit:
        raise Open311Error(400, _("%(attr)s is too long (at most %(n)d characters).") % {"attr": key, "n": limit})
    return raw


def attributes(kind: ServiceType, params: QueryDict) -> dict[str, Any]:
    """The answers to the type's attributes; a missing required one or a bad value is a 400."""
    answers: dict[str, Any] = {}
    for attribute in kind.attributes.all():
        value = _one_answer(attribute, params)
        if value is None:
            if attribute.required:
                raise Open311Error(400, _("Required attribute %(code)s was not provided.") % {"code": attribute.code})
            continue
        answers[attribute.code] = value
    return answers
