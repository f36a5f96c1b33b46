"""Relatives: an invitation code from the staff, accepted by a signed-in portal user."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from careband.models import CareAlert, CareCode, CareSubject, Invitation, Relative
from portal.core.types import Actor
from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from portal.tenancy.scoping import allow_unscoped
from portal.tickets import services as tickets

INVITATION_DAYS = 14


def invite(subject: CareSubject, actor: Actor, relationship: str) -> Invitation:
    relationship = relationship.strip()
    if not relationship or len(relationship) > 30:
        raise ValidationError({"relationship": _("Say how they are related (at most 30 characters).")})
    if not subject.consenting:
        raise ValidationError(_("Consent was withdrawn: nobody new may follow this person."))
    return Invitation.objects.create(
        tenant=subject.tenant,
        subject=subject,
        relationship=relationship,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )


def accept(code: str, user: Any, now: datetime | None = None) -> Relative:
    """Link ``user`` to the invitation's subject, once. The code is the secret, so the lookup spans
    tenants (system code: the user has no membership in that tenant yet)."""
    now = now or timezone.now()
    with allow_unscoped(), transaction.atomic():
        invitation = (
            Invitation.objects.all_tenants().select_related("subject", "tenant").filter(code=code.strip()).first()
        )
        if invitation is None or invitation.expires_at < now:
            raise ValidationError({"code": _("This invitation code is unknown or has expired.")})
        if not invitation.subject.consenting:
            raise ValidationError({"code": _("This invitation is no longer valid.")})
        claimed = (
            Invitation.objects.all_tenants()
            .filter(pk=invitation.pk, accepted_at__isnull=True)
            .update(accepted_by=user, accepted_at=now)
        )
        if not claimed:
            raise ValidationError({"code": _("This invitation has been used already.")})
        Membership.objects.get_or_create(user=user, tenant=invitation.tenant, role=Role.RELATIVE)
        relative, _created = Relative.objects.all_tenants().get_or_create(
            user=user,
            subject=invitation.subject,
            defaults={"tenant": invitation.tenant, "relationship": invitation.relationship},
        )
    return relative


def confirm_contacted(subject: CareSubject, relative: Any, now: datetime | None = None) -> bool:
    """Note on today's code that a relative has contacted the person, and tell the grid worker on the
    open alert, if there is one, so they know before they set out."""
    now = now or timezone.now()
    with transaction.atomic():
        marked = CareCode.objects.for_tenant(subject.tenant).filter(subject=subject).update(contacted_at=now)
        alert = (
            CareAlert.objects.for_tenant(subject.tenant)
            .filter(subject=subject, closed_at__isnull=True)
            .select_related("ticket")
            .first()
        )
        if alert is not None:
            when = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
            note = _("A relative (%(name)s) says they contacted the person at %(time)s.") % {
                "name": str(relative),
                "time": when,
            }
            tickets.add_comment(alert.ticket, relative, note)
    return bool(marked)
