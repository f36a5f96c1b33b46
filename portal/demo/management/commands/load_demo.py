"""``manage.py load_demo``: create the demo tenants, logins and programme data (safe to repeat)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from portal.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the State Grid Tianjin demo data set. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        tally = load_demo()
        if not tally:
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        for label, count in sorted(tally.items()):
            self.stdout.write(f"  {label:<28} +{count}")
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {sum(tally.values())} rows created."))
