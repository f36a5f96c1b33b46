"""A batch is visible in the store only once the catalogue has committed it, whatever fails between.

The import names its files as *pending* in the manifest, commits the ``ImportBatch`` row, then
publishes. These tests break that sequence for real: PostgreSQL refusing the commit (a deferred
constraint trigger, checked at COMMIT), and a worker that died after preparing (the store left as
such a crash leaves it), before and after its commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from django.db import connection

from portal.meters.imports import create_batch
from portal.meters.imports.reconcile import PUBLISHED, WITHDRAWN, reconcile_store
from portal.meters.models import ImportBatch
from portal.meters.store import PendingPublication, Readings, dataset_dir, dataset_lock, read_matrix, stage
from tests.meters.helpers import day, nan_list, run, write_file
from tests.personas import World

FIRST = "表号,日期,电量\nM001,2024-01-30,1\nM002,2024-01-30,3\n"
SECOND = "表号,日期,电量\nM001,2024-01-31,2\nM003,2024-01-31,5\n"
REFUSED_NAME = "refused-at-commit.csv"

REFUSE_AT_COMMIT = f"""
CREATE FUNCTION test_refuse_batch_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'committed' AND NEW.original_name = '{REFUSED_NAME}' THEN
    RAISE EXCEPTION 'the catalogue refuses this batch' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER test_refuse_batch_commit AFTER UPDATE ON meters_importbatch
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_batch_commit();
"""
DROP_REFUSAL = """
DROP TRIGGER IF EXISTS test_refuse_batch_commit ON meters_importbatch;
DROP FUNCTION IF EXISTS test_refuse_batch_commit();
"""


def _matrix(world: World) -> list[list[float | None]]:
    """M001..M003 on 30 and 31 January, as readers see them."""
    matrix = read_matrix(
        world.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-31"), keys=["M001", "M002", "M003"]
    )
    return [nan_list(row) for row in matrix.values]


def _manifest(world: World) -> dict[str, object]:
    return json.loads((dataset_dir(world.binhai.pk, "meter_daily") / "_manifest.json").read_text())


def _files(world: World) -> set[str]:
    root = dataset_dir(world.binhai.pk, "meter_daily")
    return {str(p.relative_to(root)) for p in root.rglob("*.parquet")}


@pytest.fixture
def refusing_database() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(REFUSE_AT_COMMIT)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(DROP_REFUSAL)


@pytest.mark.django_db(transaction=True)
def test_a_commit_refused_by_the_database_leaves_the_batch_invisible_and_a_reimport_works(
    register: World, tmp_path: Path, refusing_database: None
) -> None:
    run(register.binhai, write_file(tmp_path, "first.csv", FIRST))
    files_before = _files(register)
    refused = run(register.binhai, write_file(tmp_path, REFUSED_NAME, SECOND))

    assert refused.status == ImportBatch.Status.FAILED
    assert "the catalogue refuses this batch" in refused.message
    # Only the first file's two readings: M001 on the 31st and M003 never became visible.
    assert _matrix(register) == [[1.0, None], [3.0, None], [None, None]]
    assert "pending" not in _manifest(register)
    assert _files(register) == files_before  # the refused batch's month file was deleted again

    with connection.cursor() as cursor:
        cursor.execute(DROP_REFUSAL)
    again = run(register.binhai, write_file(tmp_path, REFUSED_NAME, SECOND))
    assert again.status == ImportBatch.Status.COMMITTED
    assert _matrix(register) == [[1.0, 2.0], [3.0, None], [None, 5.0]]


def _prepared_then_crashed(world: World, tmp_path: Path, status: str) -> ImportBatch:
    """What a worker leaves when it dies after ``prepare()``: the batch row with ``status`` and the
    manifest's pending entry naming its files (M001 = 7 on the 31st)."""
    batch = create_batch(
        world.binhai,
        "meter_daily",
        write_file(tmp_path, "crashed.csv", "表号,日期,电量\nM001,2024-01-31,7\n"),
        original_name="crashed.csv",
        source=ImportBatch.Source.COMMAND,
    )
    ImportBatch.objects.for_tenant(world.binhai).filter(pk=batch.pk).update(status=status)
    readings = Readings(
        keys=pa.array(["M001"]),
        key_index=np.array([0], dtype=np.int32),
        times=np.array(["2024-01-31"], dtype="datetime64[D]"),
        values=np.array([7.0], dtype=np.float32),
    )
    with dataset_lock(world.binhai.pk, "meter_daily") as root:
        stage(root, "meter_daily", batch.pk, readings).prepare()
    return batch


@pytest.mark.django_db(transaction=True)
def test_a_batch_prepared_by_a_worker_that_died_is_invisible_then_withdrawn(register: World, tmp_path: Path) -> None:
    run(register.binhai, write_file(tmp_path, "first.csv", FIRST))
    files_before = _files(register)
    crashed = _prepared_then_crashed(register, tmp_path, ImportBatch.Status.RUNNING)
    pending = _manifest(register)["pending"]
    assert isinstance(pending, dict)
    assert pending["batch"] == crashed.pk
    assert _matrix(register)[0] == [1.0, None]  # readers ignore the pending entry

    assert reconcile_store() == {f"tenant_{register.binhai.pk}/meter_daily": WITHDRAWN}
    crashed.refresh_from_db()
    assert crashed.status == ImportBatch.Status.FAILED
    assert crashed.message == "导入在登记完成前中断，其读数已撤回。"
    assert "pending" not in _manifest(register)
    assert _files(register) == files_before
    assert reconcile_store() == {}  # settled once


@pytest.mark.django_db(transaction=True)
def test_a_batch_committed_before_its_worker_died_is_published_by_the_reconcile(
    register: World, tmp_path: Path
) -> None:
    run(register.binhai, write_file(tmp_path, "first.csv", FIRST))
    crashed = _prepared_then_crashed(register, tmp_path, ImportBatch.Status.COMMITTED)
    assert _matrix(register)[0] == [1.0, None]
    assert reconcile_store() == {f"tenant_{register.binhai.pk}/meter_daily": PUBLISHED}
    assert _matrix(register)[0] == [1.0, 7.0]
    assert _manifest(register)["batch"] == crashed.pk


@pytest.mark.django_db(transaction=True)
def test_the_next_import_settles_a_pending_batch_before_merging_its_own(register: World, tmp_path: Path) -> None:
    run(register.binhai, write_file(tmp_path, "first.csv", FIRST))
    _prepared_then_crashed(register, tmp_path, ImportBatch.Status.COMMITTED)
    later = run(register.binhai, write_file(tmp_path, "later.csv", "表号,日期,电量\nM003,2024-01-31,5\n"))
    assert later.status == ImportBatch.Status.COMMITTED
    # The crashed-but-committed 7 was kept: the later batch merged into it, not into the old state.
    assert _matrix(register) == [[1.0, 7.0], [3.0, None], [None, 5.0]]


@pytest.mark.django_db(transaction=True)
def test_writing_over_a_pending_batch_directly_is_refused(register: World, tmp_path: Path) -> None:
    crashed = _prepared_then_crashed(register, tmp_path, ImportBatch.Status.RUNNING)
    one_day = np.array(["2024-01-30"], "datetime64[D]")
    readings = Readings(pa.array(["M002"]), np.array([0], np.int32), one_day, np.ones(1, np.float32))
    with dataset_lock(register.binhai.pk, "meter_daily") as root, pytest.raises(PendingPublication):
        stage(root, "meter_daily", crashed.pk + 1, readings)


@pytest.mark.django_db(transaction=True)
def test_the_sweep_leaves_a_data_set_alone_while_its_writer_holds_the_lock(register: World, tmp_path: Path) -> None:
    _prepared_then_crashed(register, tmp_path, ImportBatch.Status.RUNNING)
    with dataset_lock(register.binhai.pk, "meter_daily"):
        assert reconcile_store() == {}
    assert "pending" in _manifest(register)
