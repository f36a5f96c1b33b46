"""``manage.py import_readings --tenant SLUG --dataset meter_daily FILE...`` — for nightly file drops.

Synchronous, one summary line per file; exits 1 when any file was rejected or failed.
"""

from __future__ import annotations

from portal.meters.imports.columns import SPECS
from portal.meters.management.commands._meter_import import MeterImportCommand
from portal.meters.models import ImportBatch


class Command(MeterImportCommand):
    help = "Import meter-reading files (CSV, XLSX, Parquet) into one tenant's meter store."

    def datasets(self) -> list[str]:
        return list(SPECS)

    def counts(self, batch: ImportBatch) -> str:
        line = (
            f"rows={batch.rows_total} accepted={batch.rows_accepted} rejected={batch.rows_rejected}"
            f" replaced={batch.rows_replaced}"
        )
        return line + (f" days={batch.date_from}..{batch.date_to}" if batch.date_from else "")
