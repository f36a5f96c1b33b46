"""Idempotency, replacement by later batches, atomicity, and crash leftovers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from portal.meters.models import ImportBatch
from portal.meters.store import dataset_dir, read_matrix
from tests.meters.helpers import day, nan_list, run, write_file
from tests.personas import World

FIRST = "表号,日期,电量\nM001,2024-01-30,1\nM001,2024-01-31,2\nM002,2024-01-30,3\n"


def _store_files(world: World) -> dict[str, bytes]:
    root = dataset_dir(world.binhai.pk, "meter_daily")
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _january(world: World) -> list[list[float | None]]:
    matrix = read_matrix(world.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-31"))
    return [nan_list(row) for row in matrix.values]


def test_the_same_file_twice_changes_nothing_the_second_time(register: World, tmp_path: Path) -> None:
    first = run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    before = _store_files(register)
    second = run(register.binhai, write_file(tmp_path, "a-again.csv", FIRST))
    assert first.status == ImportBatch.Status.COMMITTED
    assert second.status == ImportBatch.Status.UNCHANGED
    assert second.message == f"与第 {first.pk} 批内容完全相同，已导入过，未作任何改动。"
    assert second.rows_accepted == 0
    assert _store_files(register) == before


def test_the_same_file_for_another_data_set_or_tenant_is_not_unchanged(register: World, tmp_path: Path) -> None:
    run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    other = run(register.wuqing, write_file(tmp_path, "b.csv", FIRST))
    assert other.status == ImportBatch.Status.REJECTED  # Wuqing has no M001: checked, not skipped


def test_a_corrected_file_replaces_values_and_says_from_which_batch(register: World, tmp_path: Path) -> None:
    first = run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    # M001 on the 31st corrected (replaced), M002 on the 30th restated (not a replacement), M002 on the 31st new.
    second = run(
        register.binhai,
        write_file(tmp_path, "b.csv", "表号,日期,电量\nM001,2024-01-31,2.5\nM002,2024-01-30,3\nM002,2024-01-31,4\n"),
    )
    assert (second.rows_replaced, second.replaced) == (1, {str(first.pk): 1})
    assert _january(register) == [[1.0, 2.5], [3.0, 4.0]]
    third = run(
        register.binhai, write_file(tmp_path, "c.csv", "表号,日期,电量\nM001,2024-01-31,2.6\nM002,2024-01-30,3.3\n")
    )
    # Both cells now belong to the second batch: restating M002/30th unchanged made it its last writer.
    assert (third.rows_replaced, third.replaced) == (2, {str(second.pk): 2})
    assert _january(register) == [[1.0, 2.6], [3.3, 4.0]]


def test_an_older_batch_committing_late_does_not_overwrite_a_newer_one(register: World, tmp_path: Path) -> None:
    from portal.meters.imports import create_batch, run_import

    older = create_batch(
        register.binhai,
        "meter_daily",
        write_file(tmp_path, "old.csv", "表号,日期,电量\nM001,2024-01-30,9\n"),
        original_name="old.csv",
        source=ImportBatch.Source.COMMAND,
    )
    newer = run(register.binhai, write_file(tmp_path, "new.csv", "表号,日期,电量\nM001,2024-01-30,1\n"))
    older = run_import(older)
    assert newer.status == older.status == ImportBatch.Status.COMMITTED
    assert older.rows_replaced == 0
    assert "1 个值保留了更新批次的数据" in older.message
    assert _january(register)[0] == [1.0, None]


def test_a_failing_progress_step_leaves_no_batch_and_the_store_as_before(register: World, tmp_path: Path) -> None:
    run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    before = _store_files(register)

    def stop_before_publishing(percent: float, message: str | None = None, /, **params: object) -> None:
        if percent == 90:
            raise RuntimeError("worker killed")

    batch = run(
        register.binhai,
        write_file(tmp_path, "b.csv", "表号,日期,电量\nM001,2024-01-30,7\nM003,2024-02-01,5\n"),
        progress=stop_before_publishing,
    )
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.message == "RuntimeError: worker killed"
    assert (batch.rows_accepted, batch.rows_replaced, batch.replaced) == (0, 0, {})
    assert _store_files(register) == before  # the staged month files were removed again
    assert _january(register) == [[1.0, 2.0], [3.0, None]]


def test_a_write_failing_in_the_second_month_leaves_the_first_month_unpublished(
    register: World, tmp_path: Path
) -> None:
    run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    # A plain file where February's directory must go: January is written, February's write fails.
    blocker = dataset_dir(register.binhai.pk, "meter_daily") / "month=2024-02"
    blocker.write_text("not a directory")
    batch = run(
        register.binhai, write_file(tmp_path, "b.csv", "表号,日期,电量\nM001,2024-01-30,7\nM001,2024-02-01,5\n")
    )
    assert batch.status == ImportBatch.Status.FAILED
    assert _january(register) == [[1.0, 2.0], [3.0, None]]
    matrix = read_matrix(register.binhai.pk, "meter_daily", day("2024-02-01"), day("2024-02-01"))
    assert np.isnan(matrix.values).all()


def test_crash_leftovers_are_ignored_by_reads_and_removed_by_the_next_import(register: World, tmp_path: Path) -> None:
    run(register.binhai, write_file(tmp_path, "a.csv", FIRST))
    root = dataset_dir(register.binhai.pk, "meter_daily")
    leftovers = [root / "month=2024-01" / "part-v000009-b99-deadbeef.parquet", root / ".tmp-1234_manifest.json"]
    for path in leftovers:
        path.write_bytes(b"half written")
    assert _january(register) == [[1.0, 2.0], [3.0, None]]
    run(register.binhai, write_file(tmp_path, "b.csv", "表号,日期,电量\nM003,2024-01-30,1\n"))
    assert not any(path.exists() for path in leftovers)


@pytest.mark.parametrize("dataset", ["bogus", ""])
def test_an_unknown_data_set_is_refused_before_anything_is_kept(register: World, tmp_path: Path, dataset: str) -> None:
    with pytest.raises(ValueError, match="unknown data set"):
        run(register.binhai, write_file(tmp_path, "a.csv", FIRST), dataset=dataset)
    assert not ImportBatch.objects.for_tenant(register.binhai).exists()
