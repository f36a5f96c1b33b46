"""Care alerts: a red code opens one, the clock escalates it, a visit closes it.

The ticket carries the SLA (programme "careband", kind "alert"; acknowledge and visit minutes from the
tenant's ``CareSettings``, written into an ``SlaPolicy`` row so the tickets pages show the same
clocks). Escalation here is about *who*: an alert nobody acknowledged within one acknowledge window
goes to the community's guardian, after two windows to the street's. The tickets SLA sweep raises
the priority on its own schedule; both leave events on the ticket.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from careband.models import AreaLevel, CareAlert, CareArea, CareSettings, CareSubject, Guardian, Visit
from careband.services.areas import ancestor_at
from portal.audit.actions import save_audited
from portal.core.types import Actor, person
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from portal.tickets.events import record_event
from portal.tickets.models import Kind, Priority, SlaPolicy, Ticket, TicketEvent
from portal.tickets.workflow import Status

PROGRAMME = "careband"
ESCALATION_ACTOR = "Care-code escalation"
PHOTO_MAX_BYTES = 8 * 1024 * 1024
_PHOTO_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def settings_for(tenant: Tenant) -> CareSettings:
    found = CareSettings.objects.for_tenant(tenant).first()
    return found if found is not None else CareSettings(tenant=tenant)


def ensure_policy(tenant: Tenant) -> None:
    care = settings_for(tenant)
    SlaPolicy.objects.for_tenant(tenant).update_or_create(
        tenant=tenant,
        programme=PROGRAMME,
        kind=Kind.ALERT,
        category="",
        priority="",
        defaults={"acknowledge_minutes": care.acknowledge_minutes, "resolve_minutes": care.visit_minutes},
    )


def guardian_user(area: CareArea | None) -> Any:
    if area is None:
        return None
    guardian = Guardian.objects.for_tenant(area.tenant).filter(area=area).select_related("user").order_by("pk").first()
    return guardian.user if guardian else None


def open_alert(subject: CareSubject, day: date, reason: str, now: datetime | None = None) -> CareAlert | None:
    """A ticket for the subject's grid worker; None when the subject has an open alert already."""
    tenant = subject.tenant
    if CareAlert.objects.for_tenant(tenant).filter(subject=subject, closed_at__isnull=True).exists():
        return None
    ensure_policy(tenant)
    try:
        with transaction.atomic():
            ticket = tickets.create_ticket(
                tenant,
                None,
                title=(_("Care code red: %(name)s") % {"name": subject.name})[:200],
                description=reason,
                programme=PROGRAMME,
                kind=Kind.ALERT,
                priority=Priority.HIGH,
                channel="system",
                address=subject.address,
                assignee_user=guardian_user(subject.grid),
                subject=subject,
                now=now,
            )
            return CareAlert.objects.create(tenant=tenant, subject=subject, ticket=ticket, day=day, reason=reason[:200])
    except IntegrityError:  # a concurrent run opened it first (one open alert per subject)
        return None


def _level_due(alert: CareAlert, now: datetime, ack_minutes: int) -> str:
    """Past the acknowledge time: the community; one more window after that: the street."""
    due = alert.ticket.acknowledge_due_at
    if due is None or now < due:
        return AreaLevel.GRID
    return AreaLevel.STREET if now >= due + timedelta(minutes=ack_minutes) else AreaLevel.COMMUNITY


def unacknowledged(alerts: QuerySet[CareAlert]) -> QuerySet[CareAlert]:
    """Open alerts nobody acknowledged yet: the ones escalation may move up."""
    return alerts.filter(closed_at__isnull=True, ticket__acknowledged_at__isnull=True)


def escalate_alerts(tenant: Tenant, now: datetime | None = None) -> int:
    """Move unacknowledged alerts up a level; returns how many moved."""
    now = now or timezone.now()
    ack_minutes = settings_for(tenant).acknowledge_minutes
    moved = 0
    pending = unacknowledged(CareAlert.objects.for_tenant(tenant)).select_related("ticket", "subject__grid")
    order = [AreaLevel.GRID, AreaLevel.COMMUNITY, AreaLevel.STREET]
    for alert in pending:
        target = _level_due(alert, now, ack_minutes)
        if order.index(AreaLevel(target)) <= order.index(AreaLevel(alert.level)):
            continue
        with transaction.atomic():
            # Conditional on the level we saw: a concurrent sweep moves it once.
            if (
                not CareAlert.objects.for_tenant(tenant)
                .filter(pk=alert.pk, level=alert.level)
                .update(level=target, escalated_at=now)
            ):
                continue
            user = guardian_user(ancestor_at(alert.subject.grid, target))
            if user is not None:
                tickets.assign(alert.ticket, ESCALATION_ACTOR, user=user)
            note = _("Not acknowledged in time: handed to the %(level)s.") % {"level": AreaLevel(target).label}
            record_event(alert.ticket, TicketEvent.Kind.ESCALATED, ESCALATION_ACTOR, note=note, public=False)
        moved += 1
    return moved


def acknowledge(alert: CareAlert, actor: Actor, capabilities: frozenset[str] | None = None) -> Ticket:
    return tickets.transition(alert.ticket, Status.ACKNOWLEDGED, actor, capabilities=capabilities)


def check_photo(photo: UploadedFile | None) -> None:
    if photo is None:
        return
    if photo.size is not None and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is too large (at most 8 MB).")})
    head = photo.read(8)
    photo.seek(0)
    if not any(head.startswith(magic) for magic in _PHOTO_MAGIC):
        raise ValidationError({"photo": _("The photo must be a JPEG or PNG image.")})


def record_visit(
    alert: CareAlert,
    actor: Actor,
    *,
    outcome: str,
    note: str = "",
    photo: UploadedFile | None = None,
    now: datetime | None = None,
) -> Visit:
    """Save the visit and close the alert and its ticket; a false alarm widens the subject's band."""
    now = now or timezone.now()
    check_photo(photo)
    visit = Visit(tenant=alert.tenant, alert=alert, outcome=outcome, note=note.strip(), visited_at=now)
    visit.visited_by = person(actor)
    if photo is not None:
        visit.photo = photo
    visit.full_clean(exclude=["tenant", "alert", "photo"])
    with transaction.atomic():
        if (
            not CareAlert.objects.for_tenant(alert.tenant)
            .filter(pk=alert.pk, closed_at__isnull=True)
            .update(closed_at=now)
        ):
            raise ValidationError(_("This alert is closed already."))
        save_audited(visit, actor)
        _close_ticket(alert.ticket, actor, visit, now)
        if outcome == Visit.Outcome.FALSE_ALARM:
            _widen(alert.subject, actor)
    alert.closed_at = now
    return visit


def _close_ticket(ticket: Ticket, actor: Actor, visit: Visit, now: datetime) -> None:
    note = _("Visit: %(outcome)s. %(note)s") % {"outcome": visit.get_outcome_display(), "note": visit.note}
    path = {
        Status.NEW: [Status.ACKNOWLEDGED, Status.RESOLVED, Status.CLOSED],
        Status.ACKNOWLEDGED: [Status.RESOLVED, Status.CLOSED],
        Status.IN_PROGRESS: [Status.RESOLVED, Status.CLOSED],
        Status.WAITING: [Status.RESOLVED, Status.CLOSED],
        Status.RESOLVED: [Status.CLOSED],
    }.get(Status(ticket.status), [])
    for step in path:
        tickets.transition(ticket, step, actor, note=note.strip() if step == Status.RESOLVED else "", now=now)


TOLERANCE_STEP = 1.25
TOLERANCE_MAX = 3.0


def _widen(subject: CareSubject, actor: Actor) -> None:
    subject.refresh_from_db(fields=["tolerance"])
    subject.tolerance = min(subject.tolerance * TOLERANCE_STEP, TOLERANCE_MAX)
    save_audited(subject, actor, update_fields=["tolerance"])
