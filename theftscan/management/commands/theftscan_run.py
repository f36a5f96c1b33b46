"""``manage.py theftscan_run --tenant SLUG --start D --end D``: screen a window now, in this process."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.jobs.messages import printed
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope
from theftscan.persist import run_screening


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Screen a tenant's transformer areas for line loss and rank suspects over a date range."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tenant", required=True, help="tenant slug")
        parser.add_argument("--start", required=True, help="first day (YYYY-MM-DD)")
        parser.add_argument("--end", required=True, help="last day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        tenant = Tenant.objects.filter(slug=options["tenant"]).first()
        if tenant is None:
            raise CommandError(f"No tenant with slug {options['tenant']!r}.")
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("The end is before the start.")
        if (end - start).days + 1 < 14:
            raise CommandError("Screen at least 14 days: the rules need a baseline and a run of days.")
        with strict_scope():
            result = run_screening(tenant, start, end, progress=printed(self.stdout.write))
        self.stdout.write(
            f"{result['areas']} areas, {result['meters']} meters; "
            f"{result['flagged']} flagged; {result['suspects']} suspects."
        )
