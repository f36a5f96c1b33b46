"""The usual ``apply``: insert or update a tenant's rows by their natural key, and count them.

An app's apply resolves what its rows refer to and hands over the field values::

    def apply_rows(ctx: ImportContext, rows: list[Row]) -> None:
        lines = {line.code: line for line in Line.objects.for_tenant(ctx.tenant)}

        def values(row: Row) -> dict[str, Any] | None:
            line = lines.get(row["line_code"])
            if line is None:
                ctx.refuse(row, "line_code", None, _("Unknown line %(code)s.") % {"code": row["line_code"]})
                return None
            return {"line": line, **row.without("line_code")}

        upsert(ctx, Tower, rows, key=("line", "number"), values=values)

Audited models are saved one by one through ``save_audited`` (each change recorded, personal data
included); other models in bulk (``bulk_create`` / ``bulk_update``, 500 rows a statement). Existing
rows are locked (``select_for_update``) for the rest of the import's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from portal.audit.actions import save_audited
from portal.core.models import AuditedModel
from portal.imports.context import ImportContext, Row

BATCH_SIZE = 500

Values = Callable[[Row], dict[str, Any] | None]


def model_field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model._meta.label}.{name} is a reverse relation, not a field")
    return field


def _plain(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def same_value(field: models.Field, stored: Any, new: Any) -> bool:
    """Whether writing ``new`` would leave the stored value as it is."""
    new = _plain(new)
    if isinstance(field, models.DecimalField) and stored is not None and new is not None:
        places = Decimal(1).scaleb(-(field.decimal_places or 0))
        return Decimal(stored).quantize(places) == Decimal(new).quantize(places)
    return bool(stored == new)


def _blank_text(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """None in a text field that cannot be null is Django's blank text, "" (an optional choice, say)."""
    for name, value in values.items():
        field = model_field(model, name)
        if value is None and isinstance(field, (models.CharField, models.TextField)) and not field.null:
            values[name] = ""
    return values


def _too_long(ctx: ImportContext, row: Row, model: type[models.Model], values: dict[str, Any]) -> bool:
    """Refuse a text longer than its field (a column declared without ``max_length``)."""
    for name, value in values.items():
        field = model_field(model, name)
        limit = getattr(field, "max_length", None)
        if isinstance(value, str) and isinstance(field, models.CharField) and limit and len(value) > limit:
            reason = _("Too long: %(length)d characters, at most %(max)d.") % {"length": len(value), "max": limit}
            ctx.refuse(row, name, value, reason)
            return True
    return False


def upsert[M: models.Model](
    ctx: ImportContext,
    model: type[M],
    rows: Sequence[Row],
    *,
    key: Sequence[str],
    values: Values | None = None,
) -> dict[int, M]:
    """Create or update one ``model`` row per file row; returns row number → saved object.

    ``values(row)`` gives the model field values (default: the row's columns, as fields of the same
    names); it returns None for a row it refused with ``ctx.refuse``. ``key`` names the model fields
    of the natural key (within the tenant), which every values dict must hold. A field the file has
    no column for is not in the values, so an update leaves it alone.
    """
    wanted: list[tuple[Row, dict[str, Any]]] = []
    for row in rows:
        fields = dict(row.values) if values is None else values(row)
        if fields is None or _too_long(ctx, row, model, _blank_text(model, fields)):
            continue
        wanted.append((row, fields))
    key_fields = [model_field(model, name) for name in key]

    def key_of_values(fields: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(_plain(fields[name]) for name in key)

    def key_of_object(obj: M) -> tuple[Any, ...]:
        return tuple(getattr(obj, field.attname) for field in key_fields)

    first_values = {_plain(fields[key[0]]) for _row, fields in wanted}
    lookup = {f"{key_fields[0].attname}__in": first_values}
    existing = {
        key_of_object(obj): obj
        for obj in model._default_manager.for_tenant(ctx.tenant).filter(**lookup).select_for_update()  # type: ignore[attr-defined]
    }
    audited = issubclass(model, AuditedModel)
    saved: dict[int, M] = {}
    to_create: list[M] = []
    to_update: list[M] = []
    changed_fields: set[str] = set()
    for row, fields in wanted:
        obj = existing.get(key_of_values(fields))
        if obj is None:
            obj = model(tenant=ctx.tenant, **fields)
            existing[key_of_values(fields)] = obj
            if audited:
                save_audited(obj, ctx.actor)  # type: ignore[arg-type]
            else:
                to_create.append(obj)
            ctx.created += 1
        else:
            changes = {
                name: value
                for name, value in fields.items()
                if not same_value(model_field(model, name), getattr(obj, model_field(model, name).attname), value)
            }
            if not changes:
                ctx.unchanged += 1
            else:
                for name, value in changes.items():
                    setattr(obj, name, value)
                if audited:
                    save_audited(obj, ctx.actor)
                else:
                    to_update.append(obj)
                    changed_fields |= set(changes)
                ctx.updated += 1
        saved[row.number] = obj
    scoped = model._default_manager.for_tenant(ctx.tenant)  # type: ignore[attr-defined]
    if to_create:
        scoped.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        scoped.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH_SIZE)
    return saved
