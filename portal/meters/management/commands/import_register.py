"""``manage.py import_register --tenant SLUG --dataset register_meters FILE...`` — the grid register.

Areas first, then meters (a meter names its area by code). Synchronous, one summary line per file;
exits 1 when any file was rejected or failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.meters.imports import import_file
from portal.meters.imports.columns import REGISTER_SPECS
from portal.meters.models import ImportBatch
from portal.tenancy.models import Tenant

_NOT_IMPORTED = (ImportBatch.Status.REJECTED, ImportBatch.Status.FAILED)


class Command(BaseCommand):
    help = "Import the grid register (transformer areas or meters; CSV, XLSX) into one tenant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="tenant slug")
        parser.add_argument("--dataset", required=True, choices=sorted(REGISTER_SPECS))
        parser.add_argument(
            "--reject-all",
            action="store_true",
            help="refuse a whole file when any row is wrong (default: keep good rows)",
        )
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"], is_active=True).first()
        if tenant is None:
            raise CommandError(f"No active tenant with slug {options['tenant']!r}.")
        missing = [str(path) for path in options["files"] if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        on_error = ImportBatch.OnError.REJECT_ALL if options["reject_all"] else ImportBatch.OnError.KEEP_GOOD
        not_imported = 0
        for path in options["files"]:
            batch = import_file(
                tenant,
                options["dataset"],
                path,
                original_name=path.name,
                source=ImportBatch.Source.COMMAND,
                on_error=on_error,
            )
            line = (
                f"{path.name}: {batch.status} batch={batch.pk} rows={batch.rows_total} accepted={batch.rows_accepted}"
                f" rejected={batch.rows_rejected} created={batch.rows_created} updated={batch.rows_updated}"
                f" moved={batch.meters_moved}"
            )
            if batch.report_file:
                line += f" report={batch.report_file.path}"
            if batch.message and batch.status in _NOT_IMPORTED:
                line += f" — {batch.message}"
            self.stdout.write(line)
            not_imported += batch.status in _NOT_IMPORTED
        if not_imported:
            raise CommandError(f"{not_imported} of {len(options['files'])} files were not imported.")
