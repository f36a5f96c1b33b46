"""What the desk does with a request after intake: status moves with a note the requester sees,
"not our responsibility" with a re-route, joint visits, one-visit flag and satisfaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from alliance import notify
from alliance.models import CannedReply, DeskRequest, Member
from portal.audit.actions import record_change, save_audited
from portal.audit.models import ChangeRecord
from portal.core.types import Actor
from portal.tickets import services as tickets
from portal.tickets.models import Ticket
from portal.tickets.workflow import FINISHED_STATUSES, Status, status_label

REASON_MAX_LENGTH = 500
COMMENT_MAX_LENGTH = 500


def canned_replies(request: DeskRequest, status: str) -> list[CannedReply]:
    """The ready notes for moving this request to ``status``: its type's first, then the general ones."""
    rows = CannedReply.objects.for_tenant(request.tenant).filter(status=status)
    rows = rows.filter(service_type__isnull=True) | rows.filter(service_type=request.service_type)
    return sorted(rows, key=lambda r: (r.service_type_id is None, r.title))


def default_note(request: DeskRequest, status: str) -> str:
    replies = canned_replies(request, status)
    if replies:
        return replies[0].text
    return _("Your request %(reference)s is now: %(status)s.") % {
        "reference": request.ticket.reference,
        "status": status_label(status),
    }


def change_status(
    request: DeskRequest,
    to_status: str,
    actor: Actor,
    note: str = "",
    *,
    capabilities: frozenset[str] | None = None,
    one_visit: bool | None = None,
    now: datetime | None = None,
) -> Ticket:
    """Move the ticket; the note (or the canned reply for that status) is public and sent to the requester."""
    note = note.strip() or default_note(request, to_status)
    with transaction.atomic():
        ticket = tickets.transition(
            request.ticket, to_status, actor, note, public=True, capabilities=capabilities, now=now
        )
        if to_status == Status.RESOLVED and one_visit is not None:
            request.one_visit = one_visit
            save_audited(request, actor, update_fields=["one_visit", "updated_at"])
        notify.send_pending(request.tenant)
    return ticket


def not_ours(request: DeskRequest, actor: Actor, reason: str, to_member: Member) -> DeskRequest:
    """The assigned member says it is not theirs: the reason goes on record and the request moves on."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this is not your responsibility.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("The reason is too long (at most %(n)d characters).") % {"n": 500}})
    if to_member.tenant_id != request.tenant_id:
        raise ValidationError({"to_member": _("Choose a member of this alliance.")})
    if to_member.organisation_id == request.ticket.assignee_org_id:
        raise ValidationError({"to_member": _("Choose another member than the one it is assigned to now.")})
    if request.ticket.status in FINISHED_STATUSES:
        raise ValidationError(_("This request is finished; reopen it first."))
    with transaction.atomic():
        from_org = request.ticket.assignee_org
        request.lead_member = to_member
        save_audited(request, actor, update_fields=["lead_member", "updated_at"])
        tickets.add_comment(
            request.ticket,
            actor,
            _("Not the responsibility of %(from)s: %(reason)s Passed to %(to)s.")
            % {"from": from_org or "—", "reason": reason, "to": to_member},
        )
        request.ticket = tickets.assign(request.ticket, actor, user=None, org=to_member.organisation)
    return request


def joint_visit(request: DeskRequest, actor: Actor, members: Sequence[Member], lead: Member) -> list[Ticket]:
    """One child task per member (联盟跑腿); the lead member keeps the parent request."""
    if len(members) < 2:
        raise ValidationError({"members": _("A joint visit needs at least two members.")})
    if any(m.tenant_id != request.tenant_id for m in [*members, lead]):
        raise ValidationError({"members": _("Choose members of this alliance.")})
    if lead not in members:
        raise ValidationError({"lead": _("The lead member must take part in the visit.")})
    with transaction.atomic():
        children = tickets.create_child_tickets(request.ticket, [m.organisation for m in members], actor)
        request.lead_member = lead
        save_audited(request, actor, update_fields=["lead_member", "updated_at"])
        if request.ticket.assignee_org_id != lead.organisation_id:
            request.ticket = tickets.assign(request.ticket, actor, user=None, org=lead.organisation)
    return children


def rate(request: DeskRequest, rating: int, comment: str = "") -> DeskRequest:
    """The requester's satisfaction after the work is done; once only (a conditional UPDATE)."""
    if request.ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise ValidationError(_("You can rate the service once the request is resolved."))
    if not 1 <= rating <= 5:
        raise ValidationError({"satisfaction": _("Choose from 1 to 5 stars.")})
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"satisfaction_comment": _("The comment is too long (at most 500 characters).")})
    with transaction.atomic():
        before = request.audit_snapshot()
        updated = (
            DeskRequest.objects.for_tenant(request.tenant)
            .filter(pk=request.pk, satisfaction__isnull=True)
            .update(satisfaction=rating, satisfaction_comment=comment.strip())
        )
        if updated != 1:
            raise ValidationError(_("This request has been rated already. Thank you!"))
        request.satisfaction, request.satisfaction_comment = rating, comment.strip()
        record_change(request, "requester", ChangeRecord.Action.UPDATE, before, request.audit_snapshot())
    return request
