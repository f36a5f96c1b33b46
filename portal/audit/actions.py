"""Writing the audit trail. Domain services call these explicitly; there are no signals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.core.models import AuditedModel
from portal.core.types import Actor, person
from portal.tenancy.models import Tenant


def _actor_fields(actor: Actor) -> dict[str, Any]:
    """An actor is a User, an API key (anything with a ``name``), or a label string for jobs."""
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    if isinstance(actor, str):
        return {"actor": None, "actor_label": actor}
    user = person(actor)
    if user is not None:
        return {"actor": user, "actor_label": ""}
    return {"actor": None, "actor_label": str(getattr(actor, "name", actor))[:120]}


def record_change(
    obj: AuditedModel,
    actor: Actor,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> ChangeRecord:
    if after is None and action != ChangeRecord.Action.DELETE:
        after = obj.audit_snapshot()
    return ChangeRecord.objects.create(
        tenant_id=obj.tenant_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before or {},
        after=after or {},
        **_actor_fields(actor),
    )


def save_audited(obj: AuditedModel, actor: Actor, *, update_fields: Sequence[str] | None = None) -> AuditedModel:
    """Save a new or changed row and record the change with its before and after."""
    creating = obj._state.adding
    before: dict[str, Any] = {}
    if not creating:
        stored = type(obj)._base_manager.filter(pk=obj.pk).first()
        before = stored.audit_snapshot() if stored is not None else {}
    obj.save(update_fields=update_fields)
    after = obj.audit_snapshot()
    if creating or before != after:
        action = ChangeRecord.Action.CREATE if creating else ChangeRecord.Action.UPDATE
        record_change(obj, actor, action, before, after)
    return obj


Relations = Mapping[str, Iterable[models.Model]]


def _relation_ids(obj: models.Model, names: Iterable[str]) -> dict[str, list[int]]:
    return {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in names}


def save_record[T: AuditedModel](obj: T, actor: Actor, relations: Relations | None = None) -> T:
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


def delete_audited(obj: AuditedModel, actor: Actor) -> None:
    before = obj.audit_snapshot()
    record_change(obj, actor, ChangeRecord.Action.DELETE, before, {})
    obj.delete()


def record_personal_read(
    tenant: Tenant,
    model: type[models.Model],
    object_ids: Sequence[Any],
    fields: Sequence[str],
    *,
    actor: Actor,
    channel: str,
    masked: bool,
    path: str = "",
) -> PersonalDataAccess | None:
    if not object_ids or not fields:
        return None
    return PersonalDataAccess.objects.create(
        tenant=tenant,
        channel=channel,
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=True),
        object_ids=[str(i) for i in object_ids],
        fields=list(fields),
        masked=masked,
        path=path[:300],
        **_actor_fields(actor),
    )
