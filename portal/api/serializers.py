"""Base serializer for tenant-owned models: scoped relations and masked personal data."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from portal.audit.masking import mask
from portal.core.models import AuditedModel
from portal.tenancy.roles import Capability
from portal.tenancy.scoping import TenantQuerySet


def _scope_field(field: serializers.Field, tenant: Any) -> None:
    target: Any = getattr(field, "child_relation", field)
    queryset = getattr(target, "queryset", None)
    # ModelSerializer builds relation fields with the model's default manager, not a queryset.
    if isinstance(queryset, models.Manager):
        queryset = queryset.all()
    if isinstance(queryset, TenantQuerySet):
        target.queryset = queryset.for_tenant(tenant)


class TenantModelSerializer(serializers.ModelSerializer):
    """Related fields only accept the active tenant's rows (another tenant's id is "not found").

    Fields named in the model's ``personal_fields`` are masked unless the caller may see personal
    data; the viewset logs the read.
    """

    @property
    def request_tenant(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "tenant", None)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        tenant = self.request_tenant
        if tenant is not None:
            for field in fields.values():
                _scope_field(field, tenant)
        return fields

    def shows_personal_data(self) -> bool:
        request = self.context.get("request")
        return Capability.SEE_PERSONAL_DATA in getattr(request, "capabilities", frozenset())

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        personal = getattr(type(instance), "personal_fields", {})
        if personal and not self.shows_personal_data():
            for name, kind in personal.items():
                if name in data and isinstance(data[name], str):
                    data[name] = mask(kind, data[name])
        return data


def personal_fields_of(model: type[Any]) -> dict[str, str]:
    if isinstance(model, type) and issubclass(model, AuditedModel):
        return dict(model.personal_fields)
    return {}
