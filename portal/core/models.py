"""The ladder of abstract base models every app builds on. Pick the lowest rung that fits.

- ``TimestampedModel``: any row people create or edit; records when.
- ``TenantOwnedModel``: any row that belongs to one tenant. Brings the fail-closed ``objects``
  manager (see ``portal.tenancy.scoping``) and the tenant foreign key. Use it for everything a
  tenant's users see; never add a second ``tenant`` field by hand.
- ``AuditedModel``: a tenant-owned row whose every change must be recorded (who, when, before,
  after) — tickets, stakeholders, anything holding personal data. Declare ``personal_fields`` to
  have those fields masked for partners and their reads logged.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from portal.tenancy.scoping import TenantManager, allow_unscoped


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TenantOwnedModel(TimestampedModel):
    tenant = models.ForeignKey(
        "tenancy.Tenant", verbose_name=_("tenant"), on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = TenantManager()

    class Meta:
        abstract = True

    # Uniqueness checks look rows up by the constrained fields; every constraint on a tenant-owned
    # model includes ``tenant``, so these lookups cannot see another tenant's rows.
    def validate_unique(self, exclude: Any = None) -> None:
        with allow_unscoped():
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude: Any = None) -> None:
        with allow_unscoped():
            super().validate_constraints(exclude=exclude)


class AuditedModel(TenantOwnedModel):
    # Field name → kind of personal data ("name", "phone", "id_number", "address", "text").
    personal_fields: ClassVar[dict[str, str]] = {}
    # Fields left out of the audit trail (derived or noisy).
    audit_exclude: ClassVar[tuple[str, ...]] = ("created_at", "updated_at")

    class Meta:
        abstract = True

    def audit_snapshot(self) -> dict[str, Any]:
        """The field values as JSON-friendly data, for the before/after of a change record."""
        snapshot: dict[str, Any] = {}
        for field in self._meta.concrete_fields:
            if field.name in self.audit_exclude:
                continue
            value = field.value_from_object(self)
            snapshot[field.attname if field.is_relation else field.name] = _jsonable(value)
        return snapshot


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):  # (hasattr(value, "url") raises on an empty one)
        return value.name or ""
    return str(value)
