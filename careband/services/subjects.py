"""Enrolling a subject, consent and its withdrawal, pausing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from careband.models import AreaLevel, CareArea, CareCode, CareSubject, SubjectMeter
from portal.audit.actions import record_change, save_audited
from portal.audit.models import ChangeRecord
from portal.core.types import Actor
from portal.tenancy.models import Tenant

MAX_METERS = 5


def clean_meter_numbers(raw: str | list[str]) -> list[str]:
    parts = raw if isinstance(raw, list) else raw.replace("，", ",").replace(";", ",").split(",")
    numbers = list(dict.fromkeys(p.strip() for p in parts if p and p.strip()))
    if not numbers:
        raise ValidationError({"meters": _("Give at least one meter number.")})
    if len(numbers) > MAX_METERS or any(len(n) > 40 for n in numbers):
        raise ValidationError({"meters": _("At most 5 meter numbers of at most 40 characters each.")})
    return numbers


def enrol(tenant: Tenant, actor: Actor, subject: CareSubject, meters: list[str]) -> CareSubject:
    """Save a new subject with its meters; refuses a grid of another unit or a meter already enrolled."""
    subject.tenant = tenant
    if subject.grid_id is not None and (subject.grid.tenant_id != tenant.pk or subject.grid.level != AreaLevel.GRID):
        raise ValidationError({"grid": _("Choose a grid of this unit.")})
    subject.full_clean(exclude=["tenant"])
    taken = set(SubjectMeter.objects.for_tenant(tenant).filter(meter_no__in=meters).values_list("meter_no", flat=True))
    if taken:
        raise ValidationError(
            {"meters": _("Already enrolled for another subject: %(m)s") % {"m": ", ".join(sorted(taken))}}
        )
    with transaction.atomic():
        save_audited(subject, actor)
        SubjectMeter.objects.bulk_create([SubjectMeter(tenant=tenant, subject=subject, meter_no=m) for m in meters])
    return subject


def withdraw_consent(subject: CareSubject, actor: Actor, now: datetime | None = None) -> bool:
    """Stop scoring and hide the history from now on. False when it was withdrawn already."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = (
            CareSubject.objects.for_tenant(subject.tenant)
            .filter(pk=subject.pk, consent_withdrawn_at__isnull=True)
            .update(consent_withdrawn_at=now, updated_at=now)
        )
        if not changed:
            return False
        CareCode.objects.for_tenant(subject.tenant).filter(subject=subject).delete()
        record_change(
            subject,
            actor,
            ChangeRecord.Action.UPDATE,
            {"consent_withdrawn_at": None},
            {"consent_withdrawn_at": now.isoformat()},
        )
    subject.consent_withdrawn_at = now
    return True


def pause(subject: CareSubject, actor: Actor, until: date | None, reason: str = "") -> CareSubject:
    """Pause (in hospital, travelling) until a day, or resume with ``until=None``."""
    if until is not None and until < timezone.localdate():
        raise ValidationError({"paused_until": _("The pause must end today or later.")})
    if len(reason) > 100:
        raise ValidationError({"pause_reason": _("At most 100 characters.")})
    subject.paused_until = until
    subject.pause_reason = reason.strip() if until else ""
    save_audited(subject, actor, update_fields=["paused_until", "pause_reason"])
    return subject


def grids(tenant: Tenant) -> Any:
    return CareArea.objects.for_tenant(tenant).filter(level=AreaLevel.GRID)
