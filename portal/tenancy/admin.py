"""The tenant tree in the admin: superusers only (the tree spans every tenant), with the programmes each
unit runs. Memberships are managed by each tenant's administrators on the portal's own pages."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from portal.tenancy.models import Tenant, TenantProgramme


class SuperuserOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # tenants are deactivated, never deleted (their rows are PROTECTed)


class TenantProgrammeInline(admin.TabularInline):
    model = TenantProgramme
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Tenant)
class TenantAdmin(SuperuserOnlyAdmin):
    list_display = ("slug", "name", "kind", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("slug", "name", "short_name")
    inlines = (TenantProgrammeInline,)
