"""Base admin for tenant-owned models: superusers see every tenant, tenant admins only their own."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from guardian.admin import GuardedModelAdminMixin

from portal.core.types import portal_request
from portal.tenancy.scoping import TenantQuerySet


def _scope_for(request: HttpRequest, queryset: TenantQuerySet) -> TenantQuerySet:
    """Superusers work across tenants; a staff member only on their active tenant (none without one)."""
    if request.user.is_superuser:
        return queryset.all_tenants()
    tenant = getattr(request, "tenant", None)
    return queryset.for_tenant(tenant) if tenant is not None else queryset.none()


def _scoped_formfield(field: Any, request: HttpRequest) -> Any:
    queryset = getattr(field, "queryset", None)
    if isinstance(queryset, TenantQuerySet):
        field.queryset = _scope_for(request, queryset)
    return field


class TenantScopedInline(admin.TabularInline):
    """Inline rows of a tenant-owned parent: the same scoping as ``TenantScopedAdmin`` (the inline's own
    queryset and every relation it offers), and new rows take the parent's tenant on save."""

    extra = 0
    exclude = ("tenant",)

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset: Any = super().get_queryset(request)  # the inline model's TenantQuerySet
        return _scope_for(request, queryset)

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> Any:
        return _scoped_formfield(super().formfield_for_dbfield(db_field, request, **kwargs), request)


class TenantScopedAdmin(GuardedModelAdminMixin, admin.ModelAdmin):  # type: ignore[misc]
    """Non-superusers (``is_staff`` with a membership) work on their active tenant only; another
    tenant's row is not found (the admin answers 404 for it) and cannot be chosen in a relation.

    Each row's "Object permissions" page (django-guardian) is where a single row is granted to a
    user of another tenant (see ``portal.tenancy.grants``)."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return _scope_for(request, super().get_queryset(request))

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = tuple(super().get_list_filter(request))
        return ("tenant", *filters) if request.user.is_superuser else filters

    def formfield_for_dbfield(self, db_field: models.Field, request: HttpRequest, **kwargs: Any) -> Any:
        return _scoped_formfield(super().formfield_for_dbfield(db_field, request, **kwargs), request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and getattr(obj, "tenant_id", None) is None:
            obj.tenant = portal_request(request).tenant
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """New inline rows belong to their parent's tenant (the tenant field is not on the form)."""
        for inline_form in formset.forms:
            row = inline_form.instance
            if hasattr(row, "tenant_id") and row.tenant_id is None:
                row.tenant_id = form.instance.tenant_id
        super().save_formset(request, form, formset, change)

    def _get_obj_does_not_exist_redirect(self, request: HttpRequest, opts: Any, object_id: str) -> Any:
        # Django redirects to the index with "perhaps it was deleted?"; for another tenant's row that
        # message would confirm it exists. Not found is the answer, as everywhere else.
        raise Http404

    # django-guardian's object-permission pages check the admin permission first and redirect; look the
    # row up first instead, so another tenant's row is a 404 there too.
    def _found(self, request: HttpRequest, object_pk: str) -> None:
        get_object_or_404(self.get_queryset(request), pk=unquote(object_pk))

    def obj_perms_manage_view(self, request: HttpRequest, object_pk: str) -> Any:
        self._found(request, object_pk)
        return super().obj_perms_manage_view(request, object_pk)

    def obj_perms_manage_user_view(self, request: HttpRequest, object_pk: str, user_id: Any) -> Any:
        self._found(request, object_pk)
        return super().obj_perms_manage_user_view(request, object_pk, user_id)

    def obj_perms_manage_group_view(self, request: HttpRequest, object_pk: str, group_id: Any) -> Any:
        self._found(request, object_pk)
        return super().obj_perms_manage_group_view(request, object_pk, group_id)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser or getattr(request, "tenant", None)) and super().has_module_permission(
            request
        )
