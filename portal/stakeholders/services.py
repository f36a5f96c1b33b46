"""Writing stakeholder records. Views and API viewsets call these; each change lands in the audit trail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from portal.audit.actions import record_change, save_audited
from portal.audit.models import ChangeRecord
from portal.core.models import AuditedModel
from portal.stakeholders.models import Decision, Meeting, Need, Organisation, Resource

Relations = Mapping[str, Iterable[models.Model]]


def _relation_ids(obj: models.Model, names: Iterable[str]) -> dict[str, list[int]]:
    return {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in names}


def save_record[T: AuditedModel](obj: T, actor: Any, relations: Relations | None = None) -> T:
    """Save a new or changed audited row and its many-to-many relations, all or nothing.

    The row's own fields are recorded by ``save_audited``; a change of its relations (parties of an
    agreement, partners of an activity) gets a second change record with the ids before and after,
    because the row's snapshot cannot hold them.
    """
    relations = relations or {}
    # Uniqueness within the tenant (the forms cannot check it: the tenant is not one of their
    # fields). The database constraint still guards against two saves racing each other.
    obj.validate_constraints()
    creating = obj._state.adding
    try:
        with transaction.atomic():
            before = {name: [] for name in relations} if creating else _relation_ids(obj, relations)
            save_audited(obj, actor)
            for name, rows in relations.items():
                getattr(obj, name).set(list(rows))
            after = _relation_ids(obj, relations)
            if after != before:
                record_change(obj, actor, ChangeRecord.Action.UPDATE, before, after)
    except IntegrityError as exc:
        if creating:
            obj.pk = None
            obj._state.adding = True
        raise ValidationError(_("This record clashes with one saved at the same moment; please try again.")) from exc
    return obj


def _record_item(owner: AuditedModel, actor: Any, key: str, item: dict[str, Any] | None, added: bool) -> None:
    """Needs, resources and decisions are not audited rows themselves: log them on their owner."""
    before, after = ({key: None}, {key: item}) if added else ({key: item}, {key: None})
    record_change(owner, actor, ChangeRecord.Action.UPDATE, before, after)


@transaction.atomic
def add_need(organisation: Organisation, actor: Any, *, programme: str, description: str) -> Need:
    need = Need.objects.create(
        tenant_id=organisation.tenant_id, organisation=organisation, programme=programme, description=description
    )
    _record_item(organisation, actor, "need", {"programme": programme, "description": description}, added=True)
    return need


@transaction.atomic
def remove_need(need: Need, actor: Any) -> None:
    item = {"programme": need.programme, "description": need.description}
    need.delete()
    _record_item(need.organisation, actor, "need", item, added=False)


@transaction.atomic
def add_resource(organisation: Organisation, actor: Any, *, programme: str, description: str) -> Resource:
    resource = Resource.objects.create(
        tenant_id=organisation.tenant_id, organisation=organisation, programme=programme, description=description
    )
    _record_item(organisation, actor, "resource", {"programme": programme, "description": description}, added=True)
    return resource


@transaction.atomic
def remove_resource(resource: Resource, actor: Any) -> None:
    item = {"programme": resource.programme, "description": resource.description}
    resource.delete()
    _record_item(resource.organisation, actor, "resource", item, added=False)


@transaction.atomic
def add_decision(meeting: Meeting, actor: Any, *, text: str) -> Decision:
    decision = Decision.objects.create(tenant_id=meeting.tenant_id, meeting=meeting, text=text)
    _record_item(meeting, actor, "decision", {"text": text}, added=True)
    return decision
