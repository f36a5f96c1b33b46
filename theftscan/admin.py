from __future__ import annotations

from django.contrib import admin

from portal.core.admin import TenantScopedAdmin
from theftscan.models import BillingRule, Case, ScreeningRules


@admin.register(ScreeningRules)
class ScreeningRulesAdmin(TenantScopedAdmin):
    list_display = ["tenant", "threshold", "rise", "baseline_days", "persistence_days"]


@admin.register(BillingRule)
class BillingRuleAdmin(TenantScopedAdmin):
    list_display = ["name", "code", "formula", "article"]


@admin.register(Case)
class CaseAdmin(TenantScopedAdmin):
    list_display = ["meter_no", "area", "result", "penalty_yuan"]
