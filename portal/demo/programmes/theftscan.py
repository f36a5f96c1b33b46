"""Theft screening for the demo: Wuqing's synthetic grid screened over its whole window, so the report,
the heat map and the suspect ranking have something to show. Re-running upserts the same rows."""

from __future__ import annotations

import datetime as dt

from portal.demo.meters import DEMO_GRIDS
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import strict_scope
from theftscan.persist import run_screening

SCREENED_UNIT = "wuqing"


def screen_demo_grid() -> None:
    grid = next(g for g in DEMO_GRIDS if g.tenant_slug == SCREENED_UNIT)
    tenant = Tenant.objects.get(slug=SCREENED_UNIT)
    start = grid.config.start
    end = start + dt.timedelta(days=grid.config.days - 1)
    with strict_scope():
        run_screening(tenant, start, end)
