"""Meter data for the demo: a small synthetic grid for a unit whose programme runs on it.

A programme's demo declares its grid (theftscan: Wuqing with theft in three areas; careband: the
metering centre with labelled inactivity spells of care subjects) and loads it here. The days end on
the demo's yesterday (``portal.demo.anchor``: the day the demo was first loaded, kept), so loading the
demo again on another day still changes nothing: the same seed and anchor give the same rows and
byte-identical files, and an identical file imports as "unchanged".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from portal.imports.report import file_checksum
from portal.meters.generation import create_rows, file_format, import_generated, write_files
from portal.meters.imports.pipeline import committed_twin
from portal.meters.models import ImportBatch
from portal.meters.synthetic import GeneratorConfig, generate
from portal.tenancy.models import Tenant


@dataclass(frozen=True)
class DemoGrid:
    tenant_slug: str
    config: GeneratorConfig


def load_grid(grid: DemoGrid, tally: Counter[str]) -> None:
    """The grid's areas and meters, and its readings imported through the import pipeline (idempotent)."""
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
