"""``manage.py demo_logins``: the table of demo logins (username, role, unit) and where to log in."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.urls import reverse

from portal.accounts.models import User
from portal.demo.data import UNITS
from portal.demo.users import DEMO_PASSWORD, DemoLogin, demo_logins


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def login_row(login: DemoLogin, unit_names: dict[str, str]) -> tuple[str, str, str, str]:
    roles = " + ".join(str(role.label) for role in login.roles) or "superuser"
    unit = unit_names[login.unit] if login.unit else "*"
    return (login.username, roles, unit, login.display_name)


class Command(BaseCommand):
    help = "Print the demo logins (username, role, unit) and the login URL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where the portal runs (default: %(default)s)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        logins = demo_logins()
        present = set(User.objects.filter(username__in=[x.username for x in logins]).values_list("username", flat=True))
        if not present:
            self.stderr.write("No demo logins found: run `manage.py load_demo` first.")
            return
        unit_names = {unit.slug: unit.name for unit in UNITS}
        rows = [("username", "role", "unit", "name")]
        rows += [login_row(login, unit_names) for login in logins if login.username in present]
        widths = [max(display_width(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            self.stdout.write("  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        self.stdout.write(f"Log in at: {options['base_url'].rstrip('/')}{reverse('accounts:login')}")
