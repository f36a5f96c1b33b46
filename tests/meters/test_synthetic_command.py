"""``generate_meter_data``: rows once per code, byte-identical files per seed, and the import of them."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from portal.meters.models import Feeder, ImportBatch, Meter, TransformerArea, Village
from portal.meters.synthetic import GeneratorConfig, generate
from tests.personas import World

ARGS = ["--tenant", "wuqing", "--meters", "120", "--areas", "6", "--days", "40", "--seed", "5", "--start", "2025-01-10"]


def _run(out: Path, *extra: str) -> None:
    call_command("generate_meter_data", *ARGS, "--out", str(out), *extra)


def _import_pipeline_ready() -> bool:
    try:
        return hasattr(importlib.import_module("portal.meters.imports"), "import_file")
    except ImportError:
        return False


@pytest.mark.django_db
def test_charlies_tenant_gets_villages_areas_and_meters_once_per_seed(world: World, tmp_path: Path) -> None:
    _run(tmp_path / "a", "--no-import")
    meters = Meter.objects.for_tenant(world.wuqing)
    assert meters.count() == 120
    assert TransformerArea.objects.for_tenant(world.wuqing).count() == 6
    assert Village.objects.for_tenant(world.wuqing).count() == 2  # one village per three areas
    assert Feeder.objects.for_tenant(world.wuqing).count() == 1
    first = meters.order_by("meter_no").first()
    assert first is not None
    assert first.meter_no == "300500000001"
    assert first.area is not None
    assert first.area.code == "TQ005-00001"
    assert first.address.startswith("天津市武清区")
    # The same seed again: every code exists already, so nothing is added or duplicated.
    _run(tmp_path / "b", "--no-import")
    assert meters.count() == 120
    assert Meter.objects.for_tenant(world.binhai).count() == 0


@pytest.mark.django_db
def test_the_same_seed_writes_byte_identical_files(world: World, tmp_path: Path) -> None:
    _run(tmp_path / "a", "--no-import", "--theft-areas", "2", "--care-subjects", "5")
    _run(tmp_path / "b", "--no-import", "--theft-areas", "2", "--care-subjects", "5")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["area_daily.csv", "meter_daily.csv", "truth.json"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "meter_daily.csv").read_text(encoding="utf-8").startswith("meter_no,date,kwh\n")
    assert (tmp_path / "a" / "area_daily.csv").read_text(encoding="utf-8").startswith("area_code,date,supplied_kwh\n")
    truth = json.loads((tmp_path / "a" / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["theft_areas"]) == 2
    assert len(truth["care_subjects"]) == 5


@pytest.mark.django_db
def test_parquet_is_written_when_asked(world: World, tmp_path: Path) -> None:
    _run(tmp_path, "--no-import", "--format", "parquet")
    assert (tmp_path / "meter_daily.parquet").read_bytes()[:4] == b"PAR1"


@pytest.mark.django_db
def test_no_labels_reach_the_portal_database(world: World, tmp_path: Path) -> None:
    _run(tmp_path, "--no-import", "--theft-areas", "2", "--care-subjects", "5")
    assert ImportBatch.objects.for_tenant(world.wuqing).count() == 0
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    thief = truth["thieves"][0]["meter_no"]
    row = Meter.objects.for_tenant(world.wuqing).get(meter_no=thief)
    assert "h1" not in row.customer_name
    assert "theft" not in " ".join(str(v) for v in row.audit_snapshot().values())


@pytest.mark.django_db
def test_an_unknown_tenant_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No tenant"):
        call_command("generate_meter_data", *ARGS[2:], "--tenant", "nowhere", "--out", str(tmp_path), "--no-import")
    assert Meter.objects.all_tenants().count() == 0


@pytest.mark.django_db
def test_more_areas_than_meters_is_refused_and_nothing_is_written(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="areas must not exceed meters"):
        call_command("generate_meter_data", *ARGS, "--areas", "500", "--out", str(tmp_path / "x"), "--no-import")
    assert Meter.objects.for_tenant(world.wuqing).count() == 0
    assert not (tmp_path / "x").exists()


@pytest.mark.skipif(not _import_pipeline_ready(), reason="portal.meters.imports.import_file has not landed")
@pytest.mark.django_db(transaction=True)
def test_generated_files_are_imported_and_read_back_as_generated(world: World, tmp_path: Path) -> None:
    from portal.meters.store import read_matrix

    _run(tmp_path)
    batches = ImportBatch.objects.for_tenant(world.wuqing)
    assert sorted(batches.values_list("dataset", "status", "source")) == [
        ("area_daily", "committed", "generator"),
        ("meter_daily", "committed", "generator"),
    ]
    data = generate(GeneratorConfig(meters=120, areas=6, days=40, seed=5, start=date(2025, 1, 10)))
    matrix = read_matrix(world.wuqing.pk, "meter_daily", date(2025, 1, 10), date(2025, 2, 18))
    order = np.argsort(np.asarray(matrix.keys, dtype=str))
    np.testing.assert_allclose(matrix.values[order], data.readings, atol=0.006)
    assert np.array_equal(np.isnan(matrix.values[order]), np.isnan(data.readings))
    # Running again imports the same files: nothing changes.
    _run(tmp_path)
    assert batches.filter(status="committed").count() == 2
