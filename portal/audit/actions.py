"""Writing the audit trail. Domain services call these explicitly; there are no signals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.core.models import AuditedModel
from portal.tenancy.models import Tenant


def _actor_fields(actor: Any) -> dict[str, Any]:
    """An actor is a User, an API key (anything with a ``name``), or a label string for jobs."""
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    if isinstance(actor, str):
        return {"actor": None, "actor_label": actor}
    if getattr(actor, "_meta", None) is not None and actor._meta.label == "accounts.User":
        return {"actor": actor, "actor_label": ""}
    return {"actor": None, "actor_label": str(getattr(actor, "name", actor))[:120]}


def record_change(
    obj: AuditedModel,
    actor: Any,
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


def save_audited(obj: AuditedModel, actor: Any, *, update_fields: Sequence[str] | None = None) -> AuditedModel:
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


def delete_audited(obj: AuditedModel, actor: Any) -> None:
    before = obj.audit_snapshot()
    record_change(obj, actor, ChangeRecord.Action.DELETE, before, {})
    obj.delete()


def record_personal_read(
    tenant: Tenant,
    model: type[models.Model],
    object_ids: Sequence[Any],
    fields: Sequence[str],
    *,
    actor: Any,
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
