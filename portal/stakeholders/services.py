"""Writing stakeholder records. Views and API viewsets call these; each change lands in the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from portal.audit.actions import record_change
from portal.audit.models import ChangeRecord
from portal.core.models import AuditedModel
from portal.core.types import Actor
from portal.stakeholders.models import Decision, Meeting, Need, Organisation, Resource


def _record_item(owner: AuditedModel, actor: Actor, key: str, item: dict[str, Any] | None, added: bool) -> None:
    """Needs, resources and decisions are not audited rows themselves: log them on their owner."""
    before, after = ({key: None}, {key: item}) if added else ({key: item}, {key: None})
    record_change(owner, actor, ChangeRecord.Action.UPDATE, before, after)


@transaction.atomic
def add_need(organisation: Organisation, actor: Actor, *, programme: str, description: str) -> Need:
    need = Need.objects.create(
        tenant_id=organisation.tenant_id, organisation=organisation, programme=programme, description=description
    )
    _record_item(organisation, actor, "need", {"programme": programme, "description": description}, added=True)
    return need


@transaction.atomic
def remove_need(need: Need, actor: Actor) -> None:
    item = {"programme": need.programme, "description": need.description}
    need.delete()
    _record_item(need.organisation, actor, "need", item, added=False)


@transaction.atomic
def add_resource(organisation: Organisation, actor: Actor, *, programme: str, description: str) -> Resource:
    resource = Resource.objects.create(
        tenant_id=organisation.tenant_id, organisation=organisation, programme=programme, description=description
    )
    _record_item(organisation, actor, "resource", {"programme": programme, "description": description}, added=True)
    return resource


@transaction.atomic
def remove_resource(resource: Resource, actor: Actor) -> None:
    item = {"programme": resource.programme, "description": resource.description}
    resource.delete()
    _record_item(resource.organisation, actor, "resource", item, added=False)


@transaction.atomic
def add_decision(meeting: Meeting, actor: Actor, *, text: str) -> Decision:
    decision = Decision.objects.create(tenant_id=meeting.tenant_id, meeting=meeting, text=text)
    _record_item(meeting, actor, "decision", {"text": text}, added=True)
    return decision
