"""Theft screening for the demo: Wuqing's synthetic grid (theft in three of its 24 areas), loaded through
the import pipeline and screened over its whole window, so the report, the heat map and the suspect
ranking have something to show. Re-running imports nothing new and upserts the same rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from portal.demo.meters import DemoGrid, load_grid
from portal.meters.synthetic import GeneratorConfig
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope
from theftscan.persist import run_screening

GRID = DemoGrid(
    "wuqing", GeneratorConfig(meters=600, areas=24, days=120, seed=2021, start=dt.date(2026, 7, 26), theft_areas=3)
)


def load(tally: Counter[str]) -> None:
    load_grid(GRID, tally)
    tenant = Tenant.objects.get(slug=GRID.tenant_slug)
    start = GRID.config.start
    end = start + dt.timedelta(days=GRID.config.days - 1)
    with strict_scope():
        run_screening(tenant, start, end)
