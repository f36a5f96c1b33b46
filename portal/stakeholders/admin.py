"""Admin of the stakeholder records: tenant-scoped, and audited like every other write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.audit.actions import delete_audited, save_audited
from portal.core.admin import TenantScopedAdmin
from portal.core.types import portal_request, user_of
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource


class AuditedAdmin(TenantScopedAdmin):
    """Saves and deletes of audited rows land in the audit trail, like those from the pages and API."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and getattr(obj, "tenant_id", None) is None:
            obj.tenant = portal_request(request).tenant
        save_audited(obj, user_of(request))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_audited(obj, user_of(request))

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            delete_audited(obj, user_of(request))


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("name", "short_name", "kind", "district")
    list_filter: Any = ("kind",)  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("name", "short_name")


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("name", "kind", "organisation", "position")
    list_filter: Any = ("kind",)  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("name", "position")


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("title", "programme", "signed_on", "valid_until")
    list_filter: Any = ("programme",)  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("title",)


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("title", "kind", "programme", "held_at")
    list_filter: Any = ("kind", "programme")  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("title", "place")


@admin.register(Need, Resource)
class AnalysisItemAdmin(TenantScopedAdmin):
    list_display = ("description", "organisation", "programme")
    list_filter: Any = ("programme",)  # type: ignore[misc]  # the base annotates it as an instance variable
    search_fields = ("description",)


@admin.register(Decision)
class DecisionAdmin(TenantScopedAdmin):
    list_display = ("text", "meeting")
    search_fields = ("text",)
