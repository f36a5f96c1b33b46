"""Everything that changes a ticket. Views, the API, jobs and programme apps call these; each one is
atomic, validates before writing, and leaves a ``TicketEvent`` and an audit record behind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.actions import record_change, save_audited
from portal.audit.models import ChangeRecord
from portal.core.types import Actor
from portal.tenancy.models import Membership, Tenant
from portal.tickets import sla
from portal.tickets.attachments import check_upload
from portal.tickets.events import actor_columns, is_user, record_event
from portal.tickets.models import Attachment, Comment, Kind, Ticket, TicketEvent
from portal.tickets.references import next_reference
from portal.tickets.workflow import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Status,
    Transition,
    find_transition,
    status_label,
    transitions_from,
)

COMMENT_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000
# What an edit (web form or API PATCH) may change; status moves go through ``transition``.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "priority",
        "category",
        "assignee_user",
        "assignee_org",
        "due_at",
        "address",
        "latitude",
        "longitude",
        "requester_name",
        "requester_phone",
    }
)
_ASSIGNMENT_FIELDS = ("assignee_user", "assignee_org")


class InvalidTransition(ValidationError):
    """The move is not in the workflow table, or the ticket changed status meanwhile."""


class TransitionForbidden(PermissionDenied):
    """The move exists, but the actor lacks the capability it needs."""


# --- validation shared by creation and edits -----------------------------------------------------


def _check_links(ticket: Ticket) -> None:
    """Every row a ticket points to must belong to the ticket's tenant (forms and serializers scope
    their choices already; this guards callers that build tickets in code)."""
    errors: dict[str, str] = {}
    org = ticket.assignee_org
    if org is not None and org.tenant_id != ticket.tenant_id:
        errors["assignee_org"] = _("Choose an organisation of this unit.")
    if ticket.parent is not None and ticket.parent.tenant_id != ticket.tenant_id:
        errors["parent"] = _("The parent ticket must belong to this unit.")
    if ticket.parent_id is not None and ticket.parent_id == ticket.pk:
        errors["parent"] = _("A ticket cannot be its own parent.")
    user_id = ticket.assignee_user_id
    if user_id is not None and not Membership.objects.filter(user_id=user_id, tenant_id=ticket.tenant_id).exists():
        errors["assignee_user"] = _("Choose a member of this unit.")
    subject = ticket.subject if ticket.subject_type_id else None
    if subject is not None and getattr(subject, "tenant_id", ticket.tenant_id) != ticket.tenant_id:
        errors["subject_id"] = _("The linked record must belong to this unit.")
    if errors:
        raise ValidationError(errors)


def _validate(ticket: Ticket) -> None:
    ticket.full_clean(exclude=["reference"], validate_unique=False)
    _check_links(ticket)


# --- creation ------------------------------------------------------------------------------------


def create_ticket(
    tenant: Tenant,
    actor: Actor,
    *,
    title: str,
    now: datetime | None = None,
    terms: sla.SlaTerms | None = None,
    **fields: Any,
) -> Ticket:
    """Open a ticket: reference, SLA due times, a "created" event — the row written once.

    ``fields`` are Ticket fields (``kind``, ``priority``, ``assignee_org``, ``subject`` …). The due
    times come from ``terms`` when the caller has its own service promise, else from the matching
    ``SlaPolicy``; a ``due_at`` given in ``fields`` replaces the resolution due time.
    """
    now = now or timezone.now()
    ticket = Ticket(tenant=tenant, title=title, **fields)
    if ticket.owner_id is None and is_user(actor):
        ticket.owner = actor
    explicit_due = fields.get("due_at")
    with transaction.atomic():
        _validate(ticket)
        sla.apply_terms(ticket, now, terms)
        if explicit_due is not None:
            ticket.due_at = explicit_due
        ticket.reference = next_reference(tenant, now)
        save_audited(ticket, actor)
        record_event(ticket, TicketEvent.Kind.CREATED, actor, to_status=ticket.status)
        if ticket.assignee_user_id or ticket.assignee_org_id:
            record_event(ticket, TicketEvent.Kind.ASSIGNED, actor, note=_assignment_note(ticket))
    return ticket


def create_child_tickets(parent: Ticket, orgs: Iterable[Any], actor: Actor) -> list[Ticket]:
    """A joint visit: one task per member organisation, each a child of ``parent``.

    Organisations that already have an open child ticket of ``parent`` are skipped, so repeating
    the call does not duplicate work. The parent's row is locked first: a second joint visit of the
    same parent started at the same moment waits here until the first commits, then sees its
    children (without the lock both would read "no children yet" and both would insert).
    """
    orgs = list(orgs)
    foreign = [org for org in orgs if org.tenant_id != parent.tenant_id]
    if foreign:
        raise ValidationError({"assignee_org": _("Choose organisations of this unit.")})
    with transaction.atomic():
        Ticket.objects.for_tenant(parent.tenant).select_for_update().filter(pk=parent.pk).values_list("pk").get()
        taken = set(parent.children.open().values_list("assignee_org_id", flat=True))
        children: list[Ticket] = []
        for org in orgs:
            if org.pk in taken:
                continue
            taken.add(org.pk)
            title = _("%(title)s — %(organisation)s") % {"title": parent.title, "organisation": org}
            children.append(
                create_ticket(
                    parent.tenant,
                    actor,
                    title=title[:200],
                    description=parent.description,
                    programme=parent.programme,
                    kind=Kind.TASK,
                    category=parent.category,
                    priority=parent.priority,
                    channel=parent.channel,
                    parent=parent,
                    assignee_org=org,
                    subject_type=parent.subject_type,
                    subject_id=parent.subject_id,
                )
            )
    return children


# --- status moves --------------------------------------------------------------------------------


def _stamps(rule: Transition, ticket: Ticket, now: datetime) -> dict[str, datetime | None]:
    stamps: dict[str, datetime | None] = {}
    if rule.target != Status.CANCELLED and ticket.acknowledged_at is None and rule.target != Status.NEW:
        stamps["acknowledged_at"] = now  # any answer from us counts as acknowledgement
    if rule.target == Status.RESOLVED:
        stamps["resolved_at"] = now
    if rule.target in (Status.CLOSED, Status.REJECTED, Status.CANCELLED):
        stamps["closed_at"] = now
    if rule.source in FINISHED_STATUSES and rule.target in OPEN_STATUSES:  # reopened
        stamps["resolved_at"] = None
        stamps["closed_at"] = None
    return stamps


def _rule_for(ticket: Ticket, to_status: str, capabilities: frozenset[str] | None) -> Transition:
    rule = find_transition(ticket.status, to_status)
    if rule is None:
        raise InvalidTransition(
            _("A ticket cannot go from “%(source)s” to “%(target)s”.")
            % {"source": status_label(ticket.status), "target": status_label(to_status)},
            code="invalid_transition",
        )
    if capabilities is not None and rule.capability not in capabilities:
        raise TransitionForbidden(_("You may not do this: “%(action)s”.") % {"action": rule.label})
    return rule


def transition(
    ticket: Ticket,
    to_status: str,
    actor: Actor,
    note: str = "",
    public: bool = True,
    *,
    capabilities: frozenset[str] | None = None,
    now: datetime | None = None,
) -> Ticket:
    """Move ``ticket`` to ``to_status`` if the workflow allows it from the status the caller saw.

    The UPDATE is conditional on that status, so of two people clicking at once only the first
    wins; the second gets ``InvalidTransition``. ``capabilities`` (the caller's) are checked against
    the transition's; ``None`` means system code, which may do any allowed move.
    """
    rule = _rule_for(ticket, to_status, capabilities)
    note = note.strip()
    if rule.note_required and not note:
        raise ValidationError({"note": _("Please give a reason: “%(action)s” needs a note.") % {"action": rule.label}})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": _("The note is too long (at most %(n)d characters).") % {"n": NOTE_MAX_LENGTH}})
    now = now or timezone.now()
    stamps = _stamps(rule, ticket, now)
    before = {"status": rule.source, **{k: _iso(getattr(ticket, k)) for k in stamps}}
    with transaction.atomic():
        changed = (
            Ticket.objects.for_tenant(ticket.tenant)
            .filter(pk=ticket.pk, status=rule.source)
            .update(status=rule.target, updated_at=now, **stamps)
        )
        if changed != 1:
            current = Ticket.objects.for_tenant(ticket.tenant).filter(pk=ticket.pk).values_list("status", flat=True)
            raise InvalidTransition(
                _("Someone changed this ticket meanwhile: it is now “%(current)s”. Reload the page and try again.")
                % {"current": status_label(current.first() or "")},
                code="stale",
            )
        ticket.status = rule.target
        ticket.updated_at = now
        for field, value in stamps.items():
            setattr(ticket, field, value)
        after = {"status": rule.target, **{k: _iso(v) for k, v in stamps.items()}}
        record_event(
            ticket,
            TicketEvent.Kind.STATUS,
            actor,
            from_status=rule.source,
            to_status=rule.target,
            note=note,
            public=public,
        )
        record_change(ticket, actor, ChangeRecord.Action.TRANSITION, before, after)
    return ticket


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- assignment and edits ------------------------------------------------------------------------


def _assignment_note(ticket: Ticket) -> str:
    names = [str(x) for x in (ticket.assignee_user, ticket.assignee_org) if x is not None]
    return _("Assigned to %(who)s.") % {"who": "、".join(names)} if names else _("Unassigned.")


def assign(ticket: Ticket, actor: Actor, *, user: Any = None, org: Any = None) -> Ticket:
    """Give the ticket to a person and/or a member organisation (``None`` clears that side)."""
    return update_ticket(ticket, actor, {"assignee_user": user, "assignee_org": org})


def update_ticket(ticket: Ticket, actor: Actor, changes: Mapping[str, Any]) -> Ticket:
    """Apply an edit. A new priority recomputes both due times from the creation time, unless the
    same edit sets ``due_at`` itself. Returns the saved ticket (a fresh instance)."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        stored = Ticket.objects.for_tenant(ticket.tenant).select_for_update().get(pk=ticket.pk)
        changed = [name for name, value in changes.items() if getattr(stored, name) != value]
        if not changed:
            return stored
        old_priority = stored.priority
        for name in changed:
            setattr(stored, name, changes[name])
        _validate(stored)
        if "priority" in changed and "due_at" not in changed:
            due_at_before = stored.due_at
            sla.apply_terms(stored, stored.created_at)
            if stored.due_at != due_at_before:
                changed.append("due_at")
            changed.append("acknowledge_due_at")
        save_audited(stored, actor, update_fields=[*set(changed), "updated_at"])
        _record_edit_events(stored, actor, changed, old_priority)
    return stored


def field_label(name: str) -> str:
    return str(getattr(Ticket._meta.get_field(name), "verbose_name", name))


def _record_edit_events(ticket: Ticket, actor: Actor, changed: list[str], old_priority: str) -> None:
    if any(name in changed for name in _ASSIGNMENT_FIELDS):
        record_event(ticket, TicketEvent.Kind.ASSIGNED, actor, note=_assignment_note(ticket))
    others = [name for name in changed if name not in _ASSIGNMENT_FIELDS and name != "acknowledge_due_at"]
    if not others:
        return
    labels = [field_label(name) for name in dict.fromkeys(others)]
    note = _("Changed: %(fields)s.") % {"fields": "、".join(labels)}
    if "priority" in others:
        note = _("%(changes)s Priority %(old)s → %(new)s.") % {
            "changes": note,
            "old": Ticket(priority=old_priority).get_priority_display(),
            "new": ticket.get_priority_display(),
        }
    record_event(ticket, TicketEvent.Kind.UPDATED, actor, note=note, public=False)


# --- comments and attachments --------------------------------------------------------------------


def add_comment(ticket: Ticket, author: Any, body: str, *, internal: bool = False) -> Comment:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"body": _("The comment is too long (at most %(n)d characters).") % {"n": COMMENT_MAX_LENGTH}}
        )
    return Comment.objects.create(
        tenant_id=ticket.tenant_id,
        ticket=ticket,
        body=body,
        internal=internal,
        **actor_columns(author, user_field="author", label_field="author_label"),
    )


def add_attachment(ticket: Ticket, uploaded_by: Any, upload: UploadedFile) -> Attachment:
    """Store an uploaded file on the ticket; refuses types and sizes ``attachments.check_upload`` refuses."""
    try:
        content_type = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    original_name = (upload.name or "file").rsplit("/", 1)[-1][:200]
    with transaction.atomic():
        return Attachment.objects.create(
            tenant_id=ticket.tenant_id,
            ticket=ticket,
            file=upload,
            original_name=original_name,
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=uploaded_by if is_user(uploaded_by) else None,
        )


def allowed_transitions(ticket: Ticket, capabilities: frozenset[str]) -> list[Transition]:
    """The moves to offer this caller as buttons."""
    return [t for t in transitions_from(ticket.status) if t.capability in capabilities]
