"""What ``import_readings`` and ``import_register`` share: both import into the meter catalogue's batches."""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

from portal.imports.command import FileImportCommand
from portal.meters.imports import import_file
from portal.meters.models import ImportBatch
from portal.tenancy.models import Tenant

NOT_IMPORTED = (ImportBatch.Status.REJECTED, ImportBatch.Status.FAILED)


class MeterImportCommand(FileImportCommand):
    def import_one(self, tenant: Tenant, dataset: str, path: Path, *, strict: bool) -> ImportBatch:
        on_error = ImportBatch.OnError.REJECT_ALL if strict else ImportBatch.OnError.KEEP_GOOD
        return import_file(
            tenant, dataset, path, original_name=path.name, source=ImportBatch.Source.COMMAND, on_error=on_error
        )

    def not_imported(self, batch: ImportBatch) -> bool:
        return batch.status in NOT_IMPORTED

    @abstractmethod
    def counts(self, batch: ImportBatch) -> str:
        """The batch's row counts, as ``name=value`` pairs."""

    def summary(self, path: Path, batch: ImportBatch) -> str:
        line = f"{path.name}: {batch.status} batch={batch.pk} {self.counts(batch)}"
        if batch.report_file:
            line += f" report={batch.report_file.path}"
        if batch.message and batch.status in NOT_IMPORTED:
            line += f" — {batch.message}"
        return line
