"""Giving synthetic data a home in the portal: rows, import files, and the one import path.

The numbers come from the pure generator (``portal.meters.synthetic``); these functions create the
villages, transformer areas and meters (once per code, so a rerun with the same seed creates nothing
new), write the files in the documented import format and import them like any other file. The labels
(thieves, care events, outages) go to ``truth.json`` next to the files and never into the database.
Used by ``manage.py generate_meter_data`` and by the demo loader.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from django.db import transaction

from portal.meters.imports import import_file
from portal.meters.models import Feeder, ImportBatch, Meter, TransformerArea, Village
from portal.meters.synthetic import SyntheticData, export
from portal.meters.synthetic.households import CUSTOMER_TYPE
from portal.meters.synthetic.places import DISTRICT
from portal.tenancy.models import Tenant

# Above this many readings the files are Parquet: CSV of a million meters would be tens of gigabytes.
CSV_MAX_READINGS = 2_000_000
AREAS_PER_FEEDER = 20
BULK = 5000
CAPACITIES_KVA = np.array([100, 200, 315, 400, 630, 800])


class GeneratedImportRefused(Exception):
    """A generated file did not import: the generator and the import rules disagree."""


def file_format(data: SyntheticData) -> str:
    return "csv" if data.config.meters * data.config.days <= CSV_MAX_READINGS else "parquet"


def write_files(data: SyntheticData, out: Path, fmt: str) -> dict[str, Path]:
    """The two import files and the truth file; returns the import files by data set."""
    out.mkdir(parents=True, exist_ok=True)
    serialise = export.to_csv if fmt == "csv" else export.to_parquet
    tables = {"meter_daily": export.meter_daily_table(data), "area_daily": export.area_daily_table(data)}
    files: dict[str, Path] = {}
    for dataset, table in tables.items():
        files[dataset] = out / f"{dataset}.{fmt}"
        files[dataset].write_bytes(serialise(table))
    (out / "truth.json").write_bytes(export.truth_json(data))
    return files


def import_generated(tenant: Tenant, dataset: str, path: Path) -> ImportBatch:
    batch = import_file(
        tenant,
        dataset,
        path,
        original_name=path.name,
        source=ImportBatch.Source.GENERATOR,
        on_error=ImportBatch.OnError.REJECT_ALL,
    )
    if batch.status not in (ImportBatch.Status.COMMITTED, ImportBatch.Status.UNCHANGED):
        raise GeneratedImportRefused(f"{path.name} was not imported ({batch.get_status_display()}): {batch.message}")
    return batch


@transaction.atomic
def create_rows(tenant: Tenant, data: SyntheticData) -> int:
    """Villages, feeders, areas and meters; rows whose code already exists are left untouched."""
    before = _count(tenant)
    village_ids = _create_villages(tenant, data)
    feeder_ids = _create_feeders(tenant, data)
    area_ids = _create_areas(tenant, data, village_ids, feeder_ids)
    _create_meters(tenant, data, village_ids, area_ids)
    return _count(tenant) - before


def _count(tenant: Tenant) -> int:
    return sum(model.objects.for_tenant(tenant).count() for model in (Village, Feeder, TransformerArea, Meter))


def _create_villages(tenant: Tenant, data: SyntheticData) -> list[int]:
    v = data.grid.villages
    rows = [
        Village(
            tenant=tenant,
            name=v.name[i],
            kind=Village.Kind.COMMUNITY if v.is_community[i] else Village.Kind.VILLAGE,
            township=v.township[i],
            district=DISTRICT,
            latitude=round(float(v.latitude[i]), 6),
            longitude=round(float(v.longitude[i]), 6),
        )
        for i in range(len(v))
    ]
    Village.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BULK)
    found = {(t, n): pk for pk, t, n in Village.objects.for_tenant(tenant).values_list("pk", "township", "name")}
    return [found[(v.township[i], v.name[i])] for i in range(len(v))]


def _feeder_code(seed: int, index: int) -> str:
    return f"XL{seed % 1000:03d}-{index + 1:03d}"


def _create_feeders(tenant: Tenant, data: SyntheticData) -> list[int]:
    count = -(-data.config.areas // AREAS_PER_FEEDER)
    seed = data.config.seed
    rows = [
        Feeder(tenant=tenant, code=_feeder_code(seed, i), name=f"10kV 雍阳{i + 1}号线", substation="武清110kV变电站")
        for i in range(count)
    ]
    Feeder.objects.bulk_create(rows, ignore_conflicts=True)
    found = dict(Feeder.objects.for_tenant(tenant).values_list("code", "pk"))
    return [found[_feeder_code(seed, i)] for i in range(count)]


def _create_areas(tenant: Tenant, data: SyntheticData, village_ids: list[int], feeder_ids: list[int]) -> list[int]:
    grid, v = data.grid, data.grid.villages
    users = np.bincount(grid.area_of_meter, minlength=data.config.areas)
    capacity = CAPACITIES_KVA[np.minimum(np.searchsorted([40, 80, 150, 250, 400], users), len(CAPACITIES_KVA) - 1)]
    rows = []
    for a, code in enumerate(grid.area_code):
        village = grid.area_village[a]
        rows.append(
            TransformerArea(
                tenant=tenant,
                code=str(code),
                name=f"{v.name[village]}{a % 9 + 1}号台区",
                capacity_kva=int(capacity[a]),
                feeder_id=feeder_ids[a // AREAS_PER_FEEDER],
                supply_meter_no=f"Z{code}",
                village_id=village_ids[village],
                latitude=round(float(v.latitude[village]) + (a % 7 - 3) * 0.002, 6),
                longitude=round(float(v.longitude[village]) + (a % 5 - 2) * 0.002, 6),
            )
        )
    TransformerArea.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BULK)
    found = dict(TransformerArea.objects.for_tenant(tenant).values_list("code", "pk"))
    return [found[str(code)] for code in grid.area_code]


def _create_meters(tenant: Tenant, data: SyntheticData, village_ids: list[int], area_ids: list[int]) -> None:
    grid, v = data.grid, data.grid.villages
    village_of_meter = grid.area_village[grid.area_of_meter]
    # Place meters around their village centre, deterministically from their index.
    index = np.arange(len(grid.meter_no))
    latitude = np.round(v.latitude[village_of_meter] + ((index * 7919) % 101 - 50) * 0.00005, 6)
    longitude = np.round(v.longitude[village_of_meter] + ((index * 104729) % 101 - 50) * 0.00005, 6)
    start = data.config.start
    for first in range(0, len(index), BULK):
        rows = [
            Meter(
                tenant=tenant,
                meter_no=str(grid.meter_no[i]),
                account_no=str(grid.account_no[i]),
                customer_name=str(grid.customer_name[i]),
                address=_address(v.township[village_of_meter[i]], v.name[village_of_meter[i]], i),
                customer_type=CUSTOMER_TYPE[data.population.profile[i]],
                area_id=area_ids[grid.area_of_meter[i]],
                village_id=village_ids[village_of_meter[i]],
                grid_cell=f"{v.name[village_of_meter[i]]}第{grid.area_of_meter[i] % 4 + 1}网格",
                latitude=float(latitude[i]),
                longitude=float(longitude[i]),
                installed_on=start - dt.timedelta(days=365 + int(i % 1500)),
            )
            for i in range(first, min(first + BULK, len(index)))
        ]
        Meter.objects.bulk_create(rows, ignore_conflicts=True)


def _address(township: str, village: str, index: int) -> str:
    return f"天津市{DISTRICT}{township}{village}{index % 300 + 1}号"
