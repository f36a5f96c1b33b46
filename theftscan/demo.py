"""Theft screening for the demo: Wuqing's synthetic grid (theft in three of its 24 areas), loaded through
the import pipeline and screened over its whole window, so the report, the heat map and the suspect
ranking have something to show. Re-running imports nothing new and upserts the same rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from portal.demo.anchor import demo_days_before
from portal.demo.meters import DemoGrid, load_grid
from portal.meters.synthetic import GeneratorConfig
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope
from theftscan.persist import run_screening

DAYS = 120


def demo_grid() -> DemoGrid:
    """120 days of readings ending on the demo's yesterday (see portal/demo/anchor.py)."""
    config = GeneratorConfig(meters=600, areas=24, days=DAYS, seed=2021, start=demo_days_before(DAYS), theft_areas=3)
    return DemoGrid("wuqing", config)


def load(tally: Counter[str]) -> None:
    grid = demo_grid()
    load_grid(grid, tally)
    tenant = Tenant.objects.get(slug=grid.tenant_slug)
    start = grid.config.start
    end = start + dt.timedelta(days=grid.config.days - 1)
    with strict_scope():
        run_screening(tenant, start, end)
