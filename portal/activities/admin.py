from __future__ import annotations

from typing import Any

from django.contrib import admin

from portal.activities.models import Activity
from portal.stakeholders.admin import AuditedAdmin


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ("title", "kind", "programme", "start_date", "people_reached")
    list_filter: Any = ("kind", "programme")  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("title", "place")
    date_hierarchy = "start_date"
