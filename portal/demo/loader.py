"""Load the whole demo data set in one transaction: tenants, logins, each unit's records, tickets."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

from portal.demo.data import UNITS
from portal.demo.meters import load_meter_data
from portal.demo.programmes.alliance import load as load_alliance
from portal.demo.programmes.careband import load as load_care_code
from portal.demo.programmes.theftscan import screen_demo_grid
from portal.demo.records import load_unit_records
from portal.demo.tenants import ensure_tenants
from portal.demo.tickets import load_tickets
from portal.demo.users import ensure_users


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
        users = ensure_users(tenants, tally)
        for unit in UNITS:
            organisations = load_unit_records(tenants[unit.slug], unit, tally)
            # Last: tickets point at the unit's organisations and users.
            load_tickets(tenants[unit.slug], unit, users[unit.slug], organisations, now, tally)
        # The programmes' own records, on top of the unit's stakeholders.
        tally += load_alliance(tenants["binhai"])
    # After the commit: the meter store is files, published by the import pipeline on its own terms.
    load_meter_data(tally)
    screen_demo_grid()
    load_care_code(tally)
    return +tally  # drop the zero counts
