from __future__ import annotations

from django.contrib import admin

from portal.core.admin import TenantScopedAdmin
from portal.meters.models import Feeder, ImportBatch, Meter, MeterMove, TransformerArea, Village


@admin.register(Feeder)
class FeederAdmin(TenantScopedAdmin):
    list_display = ["code", "name", "substation"]
    search_fields = ["code", "name"]


@admin.register(Village)
class VillageAdmin(TenantScopedAdmin):
    list_display = ["name", "kind", "township", "district"]
    search_fields = ["name", "township"]


@admin.register(TransformerArea)
class TransformerAreaAdmin(TenantScopedAdmin):
    list_display = ["code", "name", "capacity_kva", "feeder"]
    search_fields = ["code", "name"]


@admin.register(Meter)
class MeterAdmin(TenantScopedAdmin):
    list_display = ["meter_no", "customer_type", "area", "status"]
    list_filter = ["customer_type", "status"]
    search_fields = ["meter_no"]


@admin.register(MeterMove)
class MeterMoveAdmin(TenantScopedAdmin):
    """Read-only: moves are written by register imports."""

    list_display = ["meter", "from_area", "to_area", "moved_on", "batch"]
    list_select_related = ["meter", "from_area", "to_area"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(TenantScopedAdmin):
    """Read-only: batches are written by the import pipeline only."""

    list_display = ["id", "original_name", "dataset", "status", "rows_accepted", "rows_rejected", "created_at"]
    list_filter = ["dataset", "status", "source"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
