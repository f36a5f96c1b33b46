"""Base admin for tenant-owned models: superusers see every tenant, tenant admins only their own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import Http404, HttpRequest

from portal.tenancy.scoping import TenantQuerySet


class TenantScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Non-superusers (``is_staff`` with a membership) work on their active tenant only; another
    tenant's row is not found (the admin answers 404 for it) and cannot be chosen in a relation."""

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset: Any = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset.all_tenants()
        tenant = getattr(request, "tenant", None)
        return queryset.for_tenant(tenant) if tenant is not None else queryset.none().all_tenants()

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = tuple(super().get_list_filter(request))
        return ("tenant", *filters) if request.user.is_superuser else filters

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> Any:  # type: ignore[type-arg]
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, TenantQuerySet):
            tenant = getattr(request, "tenant", None)
            if request.user.is_superuser:
                field.queryset = queryset.all_tenants()  # type: ignore[union-attr]
            elif tenant is not None:
                field.queryset = queryset.for_tenant(tenant)  # type: ignore[union-attr]
        return field

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and getattr(obj, "tenant_id", None) is None:
            obj.tenant = request.tenant  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def _get_obj_does_not_exist_redirect(self, request: HttpRequest, opts: Any, object_id: str) -> Any:
        # Django redirects to the index with "perhaps it was deleted?"; for another tenant's row that
        # message would confirm it exists. Not found is the answer, as everywhere else.
        raise Http404

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or getattr(request, "tenant", None)) and super().has_module_permission(
            request
        )
