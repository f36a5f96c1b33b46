from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.core.admin import TenantScopedAdmin
from portal.tickets.models import SlaPolicy, Ticket


@admin.register(SlaPolicy)
class SlaPolicyAdmin(TenantScopedAdmin):
    list_display = ("programme", "kind", "category", "priority", "acknowledge_minutes", "resolve_minutes", "clock")
    list_filter = ("programme", "kind")  # the base admin declares it as an instance variable


@admin.register(Ticket)
class TicketAdmin(TenantScopedAdmin):
    """Read-only: tickets change through the workflow (pages, API, services), which keeps their history."""

    list_display = ("reference", "title", "programme", "kind", "status", "priority", "due_at")
    list_filter = ("programme", "kind", "status", "priority")  # the base admin declares it as an instance variable
    search_fields = ("reference", "title")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
