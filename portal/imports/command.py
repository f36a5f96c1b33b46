"""The shape every file-import command shares (``import_readings``, ``import_register``,
``import_records``): a tenant, a data set, files; each file imported now with one summary line; the
command fails when any file was not imported.

A command says which data sets it knows, how its "refuse the whole file" flag maps to its batches'
on-error choice, how one file is imported and how a batch is summed up in a line.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.api.management.commands._tenant import tenant_by_slug
from portal.tenancy.models import Tenant


class FileImportCommand(BaseCommand):
    strict_flag = "--reject-all"
    strict_help = "refuse a whole file when any row is wrong (default: keep the good rows)"

    @abstractmethod
    def datasets(self) -> list[str]: ...

    @abstractmethod
    def import_one(self, tenant: Tenant, dataset: str, path: Path, *, strict: bool) -> Any:
        """Import ``path`` and return its batch, whatever its final status."""

    @abstractmethod
    def summary(self, path: Path, batch: Any) -> str: ...

    @abstractmethod
    def not_imported(self, batch: Any) -> bool: ...

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="tenant slug, e.g. binhai")
        parser.add_argument("--dataset", required=True, choices=sorted(self.datasets()))
        parser.add_argument(self.strict_flag, dest="strict", action="store_true", help=self.strict_help)
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = tenant_by_slug(options["tenant"])
        files: list[Path] = options["files"]
        missing = [str(path) for path in files if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        failed = 0
        for path in files:
            batch = self.import_one(tenant, options["dataset"], path, strict=options["strict"])
            self.stdout.write(self.summary(path, batch))
            failed += self.not_imported(batch)
        if failed:
            raise CommandError(f"{failed} of {len(files)} files were not imported.")
