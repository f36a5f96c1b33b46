"""Meter data for the demo: a small synthetic grid for the units whose programmes run on it.

Wuqing screens line loss (theft in three of its areas), the metering centre (marketing) runs the care
code (elderly people living alone with labelled inactivity spells). The days are fixed, not "up to
yesterday", so loading the demo again on another day still changes nothing: the same seed gives the
same rows and byte-identical files, and an identical file imports as "unchanged".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from portal.meters.generation import create_rows, file_format, import_generated, write_files
from portal.meters.imports.pipeline import committed_twin, file_checksum
from portal.meters.models import ImportBatch
from portal.meters.synthetic import GeneratorConfig, generate
from portal.tenancy.models import Tenant


@dataclass(frozen=True)
class DemoGrid:
    tenant_slug: str
    config: GeneratorConfig


DEMO_GRIDS = (
    DemoGrid(
        "wuqing", GeneratorConfig(meters=600, areas=24, days=120, seed=2021, start=dt.date(2026, 7, 26), theft_areas=3)
    ),
    DemoGrid(
        "marketing",
        GeneratorConfig(meters=300, areas=10, days=120, seed=2104, start=dt.date(2026, 7, 26), care_subjects=60),
    ),
)


def load_meter_data(tally: Counter[str]) -> None:
    for grid in DEMO_GRIDS:
        tenant = Tenant.objects.get(slug=grid.tenant_slug)
        data = generate(grid.config)
        tally["meters.rows"] += create_rows(tenant, data)
        out = Path(settings.VAR_DIR) / "demo-meters" / f"{tenant.slug}-{grid.config.seed}"
        for dataset, path in write_files(data, out, file_format(data)).items():
            # Not even an "unchanged" batch row on a second run: the demo leaves every table as it was.
            if committed_twin(tenant, dataset, file_checksum(path)) is not None:
                continue
            batch = import_generated(tenant, dataset, path)
            tally["meters.ImportBatch"] += batch.status == ImportBatch.Status.COMMITTED
