"""``manage.py import_records --tenant binhai --dataset stakeholders.organisations FILE... [--all-or-nothing]``

Imports each file now, one summary line per file; exits non-zero when any file was refused or failed
(a partly imported file is reported, with its report's path, but is not an error of the command).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.api.management.commands._tenant import tenant_by_slug
from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import import_file
from portal.imports.registry import all_imports

_NOT_IMPORTED = (RecordImportBatch.Status.REJECTED, RecordImportBatch.Status.FAILED)


class Command(BaseCommand):
    help = "Import register files (CSV in UTF-8 or GBK, XLSX) into one data set of one tenant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="tenant slug, e.g. binhai")
        parser.add_argument("--dataset", required=True, choices=[spec.code for spec in all_imports()])
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help="refuse a whole file when any row is wrong (default: keep the good rows)",
        )
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = tenant_by_slug(options["tenant"])
        missing = [str(path) for path in options["files"] if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        on_error = (
            RecordImportBatch.OnError.ALL_OR_NOTHING
            if options["all_or_nothing"]
            else RecordImportBatch.OnError.KEEP_GOOD
        )
        not_imported = 0
        for path in options["files"]:
            batch = import_file(
                tenant,
                options["dataset"],
                path,
                original_name=path.name,
                source=RecordImportBatch.Source.COMMAND,
                on_error=on_error,
            )
            self.stdout.write(self._summary(path, batch))
            not_imported += batch.status in _NOT_IMPORTED
        if not_imported:
            raise CommandError(f"{not_imported} of {len(options['files'])} files were not imported.")

    def _summary(self, path: Path, batch: RecordImportBatch) -> str:
        line = (
            f"{path.name}: {batch.status} batch={batch.pk} read={batch.rows_read} created={batch.rows_created}"
            f" updated={batch.rows_updated} unchanged={batch.rows_unchanged} refused={batch.rows_refused}"
        )
        if batch.report_file:
            line += f" report={batch.report_file.path}"
        if batch.message and batch.status in (*_NOT_IMPORTED, RecordImportBatch.Status.UNCHANGED):
            line += f" — {batch.message}"
        return line
