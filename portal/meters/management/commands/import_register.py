"""``manage.py import_register --tenant SLUG --dataset register_meters FILE...`` — the grid register.

Areas first, then meters (a meter names its area by code). Synchronous, one summary line per file;
exits 1 when any file was rejected or failed.
"""

from __future__ import annotations

from portal.meters.imports.columns import REGISTER_SPECS
from portal.meters.management.commands._meter_import import MeterImportCommand
from portal.meters.models import ImportBatch


class Command(MeterImportCommand):
    help = "Import the grid register (transformer areas or meters; CSV, XLSX) into one tenant."

    def datasets(self) -> list[str]:
        return list(REGISTER_SPECS)

    def counts(self, batch: ImportBatch) -> str:
        return (
            f"rows={batch.rows_total} accepted={batch.rows_accepted} rejected={batch.rows_rejected}"
            f" created={batch.rows_created} updated={batch.rows_updated} moved={batch.meters_moved}"
        )
