"""Configuration pages for a unit's alliance: members, types and their clocks, places, replies, hookups."""

from __future__ import annotations

from django.contrib import admin

from alliance import models as m
from portal.core.admin import TenantScopedAdmin, TenantScopedInline


class AttributeInline(TenantScopedInline):
    model = m.ServiceAttribute


class ContactInline(TenantScopedInline):
    model = m.PlaceContact


class StepInline(TenantScopedInline):
    model = m.HookupStep


@admin.register(m.Member)
class MemberAdmin(TenantScopedAdmin):
    list_display = ("organisation", "utility", "hotline")


@admin.register(m.ServiceType)
class ServiceTypeAdmin(TenantScopedAdmin):
    list_display = ("code", "name", "utility", "member", "receipt_minutes", "receipt_working_days", "resolve_hours")
    inlines = [AttributeInline]


@admin.register(m.ServicePlace)
class ServicePlaceAdmin(TenantScopedAdmin):
    list_display = ("name", "kind", "wechat_group")
    inlines = [ContactInline]


@admin.register(m.CannedReply)
class CannedReplyAdmin(TenantScopedAdmin):
    list_display = ("title", "status", "service_type")


@admin.register(m.HookupTemplate)
class HookupTemplateAdmin(TenantScopedAdmin):
    list_display = ("name", "utility", "process")
    inlines = [StepInline]
