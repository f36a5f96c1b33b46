"""The before/after table of one change record, with personal data masked for those who may not see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.audit.masking import mask
from portal.audit.models import ChangeRecord


@dataclass(frozen=True)
class DiffRow:
    field: str
    label: str
    before: Any
    after: Any
    changed: bool


def personal_fields_for(record: ChangeRecord) -> dict[str, str]:
    model = record.content_type.model_class()
    return dict(getattr(model, "personal_fields", {}) or {})


def _label(model: Any, name: str) -> str:
    if model is None:
        return name
    for field in model._meta.concrete_fields:
        if name in (field.name, field.attname):
            return str(field.verbose_name)
    return name


def _shown(value: Any, kind: str | None, masked: bool) -> Any:
    if kind is not None and masked and isinstance(value, str):
        return mask(kind, value)
    return value


def diff_rows(record: ChangeRecord, *, masked: bool) -> list[DiffRow]:
    """One row per field found before or after, changed ones flagged; sorted by field name."""
    model = record.content_type.model_class()
    personal = personal_fields_for(record)
    rows: list[DiffRow] = []
    for name in sorted(set(record.before) | set(record.after)):
        before, after = record.before.get(name), record.after.get(name)
        kind = personal.get(name.removesuffix("_id"), personal.get(name))
        rows.append(
            DiffRow(
                field=name,
                label=_label(model, name),
                before=_shown(before, kind, masked),
                after=_shown(after, kind, masked),
                changed=before != after,
            )
        )
    return rows
