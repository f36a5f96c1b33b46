"""``manage.py generate_meter_data``: a synthetic grid for a tenant, as rows, import files and a truth file.

The work is in ``portal.meters.generation``; see there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from portal.meters.generation import GeneratedImportRefused, create_rows, file_format, import_generated, write_files
from portal.meters.synthetic import GeneratorConfig, generate
from portal.tenancy.models import Tenant


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class Command(BaseCommand):
    help = "Create synthetic villages, areas and meters for a tenant, write their readings and import them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="tenant slug")
        parser.add_argument("--meters", type=int, required=True)
        parser.add_argument("--areas", type=int, required=True)
        parser.add_argument("--days", type=int, required=True)
        parser.add_argument("--seed", type=int, required=True)
        parser.add_argument(
            "--start", type=_date, help="first day (YYYY-MM-DD); default: so that the data end yesterday"
        )
        parser.add_argument("--out", type=Path, help="directory for the files (default: var/synthetic/<tenant>-<seed>)")
        parser.add_argument("--theft-areas", type=int, default=0)
        parser.add_argument("--care-subjects", type=int, default=0)
        parser.add_argument("--format", choices=["csv", "parquet"], help="file format (default: by size)")
        parser.add_argument("--no-import", action="store_true", help="write the files but do not import them")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with slug {options['tenant']!r}.")
        start = options["start"] or timezone.localdate() - dt.timedelta(days=options["days"])
        config = GeneratorConfig(
            meters=options["meters"],
            areas=options["areas"],
            days=options["days"],
            seed=options["seed"],
            start=start,
            theft_areas=options["theft_areas"],
            care_subjects=options["care_subjects"],
        )
        try:
            data = generate(config)
        except ValueError as error:
            raise CommandError(str(error)) from error
        created = create_rows(tenant, data)
        self.stdout.write(f"Rows created: {created} (existing codes left as they were).")
        out = options["out"] or Path(settings.VAR_DIR) / "synthetic" / f"{tenant.slug}-{config.seed}"
        fmt = options["format"] or file_format(data)
        files = write_files(data, out, fmt)
        self.stdout.write(f"Files written to {out}: {', '.join(p.name for p in files.values())}, truth.json")
        if options["no_import"]:
            return
        for dataset, path in files.items():
            try:
                batch = import_generated(tenant, dataset, path)
            except GeneratedImportRefused as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{dataset}: {batch.get_status_display()} — {batch.rows_accepted} rows accepted")
