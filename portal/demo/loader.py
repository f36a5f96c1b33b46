"""Load the whole demo data set: tenants, logins, each unit's records and tickets, then each programme
app's own rows through the hooks it declares (``demo`` and ``demo_after_commit``, see
portal/core/contract.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.core.programmes import programme_apps
from portal.demo.data import UNITS
from portal.demo.records import load_unit_records
from portal.demo.tenants import ensure_programmes, ensure_tenants
from portal.demo.tickets import load_tickets
from portal.demo.users import ensure_users

DemoHook = Callable[[Counter[str]], None]


def demo_hooks(after_commit: bool) -> list[DemoHook]:
    """The installed programme apps' demo loaders of one phase, in catalogue order."""
    paths = [app.demo_after_commit if after_commit else app.demo for app in programme_apps()]
    return [import_string(path.replace(":", ".")) for path in paths if path]


def load_demo() -> Counter[str]:
    """Create whatever of the demo is missing; returns how many rows of each model were created.

    Idempotent: every row is looked up by its natural key first and skipped when present.
    """
    for unit in UNITS:
        unit.check()  # before any write: a broken data module loads nothing
    tally: Counter[str] = Counter()
    now = timezone.now()  # the recent tickets are placed at fixed offsets before this moment
    with transaction.atomic():
        tenants = ensure_tenants(tally)
        ensure_programmes(tenants, tally)
        users = ensure_users(tenants, tally)
        for unit in UNITS:
            organisations = load_unit_records(tenants[unit.slug], unit, tally)
            # Last: tickets point at the unit's organisations and users.
            load_tickets(tenants[unit.slug], unit, users[unit.slug], organisations, now, tally)
        # The programmes' own records, on top of the unit's stakeholders.
        for hook in demo_hooks(after_commit=False):
            hook(tally)
    # After the commit: files (the meter store is published by the import pipeline on its own terms)
    # and work that must see committed rows.
    for hook in demo_hooks(after_commit=True):
        hook(tally)
    return +tally  # drop the zero counts
