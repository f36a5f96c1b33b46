"""Official calendar days: national rows, edited by superusers only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from portal.calendars import coverage, loader, registry
from portal.calendars.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("calendar", "day", "working", "name", "source")
    list_filter = ("calendar", "working")
    date_hierarchy = "day"
    search_fields = ("name", "source")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        today = timezone.localdate()
        for code in registry.CALENDARS:
            calendar = loader.load(code)
            missing = coverage.missing_years(calendar, today)
            if missing:
                messages.warning(request, coverage.remedy(calendar, missing))
        return super().changelist_view(request, extra_context)
