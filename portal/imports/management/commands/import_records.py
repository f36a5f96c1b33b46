"""``manage.py import_records --tenant binhai --dataset stakeholders.organisations FILE... [--all-or-nothing]``

Imports each file now, one summary line per file; exits non-zero when any file was refused or failed
(a partly imported file is reported, with its report's path, but is not an error of the command).
"""

from __future__ import annotations

from pathlib import Path

from portal.imports.command import FileImportCommand
from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import import_file
from portal.imports.registry import all_imports
from portal.tenancy.models import Tenant

_NOT_IMPORTED = (RecordImportBatch.Status.REJECTED, RecordImportBatch.Status.FAILED)


class Command(FileImportCommand):
    help = "Import register files (CSV in UTF-8 or GBK, XLSX) into one data set of one tenant."
    strict_flag = "--all-or-nothing"

    def datasets(self) -> list[str]:
        return [spec.code for spec in all_imports()]

    def import_one(self, tenant: Tenant, dataset: str, path: Path, *, strict: bool) -> RecordImportBatch:
        on_error = RecordImportBatch.OnError.ALL_OR_NOTHING if strict else RecordImportBatch.OnError.KEEP_GOOD
        return import_file(
            tenant, dataset, path, original_name=path.name, source=RecordImportBatch.Source.COMMAND, on_error=on_error
        )

    def not_imported(self, batch: RecordImportBatch) -> bool:
        return batch.status in _NOT_IMPORTED

    def summary(self, path: Path, batch: RecordImportBatch) -> str:
        line = (
            f"{path.name}: {batch.status} batch={batch.pk} read={batch.rows_read} created={batch.rows_created}"
            f" updated={batch.rows_updated} unchanged={batch.rows_unchanged} refused={batch.rows_refused}"
        )
        if batch.report_file:
            line += f" report={batch.report_file.path}"
        if batch.message and batch.status in (*_NOT_IMPORTED, RecordImportBatch.Status.UNCHANGED):
            line += f" — {batch.message}"
        return line
