"""The grid register import: 1,000,000 meters in 10,000 transformer areas from CSV (target ≤ 60 s).

Files as a marketing system exports them (Chinese headers, UTF-8): 10,000 areas (code, name,
capacity, feeder, supply meter, village, coordinates) and 1,000,000 meters (number, account, name,
customer type, area, address, coordinates). Each goes through ``portal.meters.imports.import_file``
(parse, every row check, write), on PostgreSQL: COPY into a staging table and a set-based merge.

Timed: the first import of the meters (all new); a second file in which 5 % of the meters moved to
another area (dated) and 5 % changed their name, the rest as before (90 % unchanged, 10 % written,
50,000 moves dated). Baseline, in the same run: the plain Django way, ``update_or_create`` per row
in one transaction, on the first ``BENCH_BASELINE_ROWS`` rows of the second file (default 20,000),
scaled to the million; and the embedded (SQLite) path's ORM merge, run here on PostgreSQL on the
same sample.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import _common
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from django.conf import settings
from django.db import transaction

from portal.meters.imports import import_file
from portal.meters.imports.columns import REGISTER_SPECS
from portal.meters.imports.parsing import parse
from portal.meters.imports.register import validate_meters
from portal.meters.imports.register.write import _meter_rows, _write_meters_orm
from portal.meters.models import ImportBatch, Meter, MeterMove, TransformerArea

METERS = int(os.environ.get("REGISTER_BENCH_METERS", 1_000_000))
AREAS = int(os.environ.get("REGISTER_BENCH_AREAS", 10_000))
BASELINE_ROWS = int(os.environ.get("BENCH_BASELINE_ROWS", 20_000))
TARGET_SECONDS = 60.0
SURNAMES = np.array(list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"))
GIVEN = np.array(["秀英", "建国", "志强", "海燕", "春梅", "国庆", "文军", "永红", "金山", "立新"])


def _csv(columns: dict[str, Any]) -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(pa.table(columns), sink)
    return sink.getvalue()


def area_file(codes: np.ndarray) -> bytes:
    index = np.arange(len(codes))
    return _csv(
        {
            "台区编号": codes,
            "台区名称": np.char.add(codes, "台区"),
            "容量(kVA)": np.array([200, 315, 400, 630])[index % 4],
            "线路编号": np.char.add("XL-", (index // 20).astype(str)),
            "考核表号": np.char.add("K", codes),
            "乡镇/街道": np.array(["杨村街道", "下朱庄街道", "梅厂镇"])[index % 3],
            "村/社区": np.char.add("第", np.char.add((index // 4).astype(str), "村")),
            "纬度": np.round(39.3 + (index % 97) * 0.001, 6),
            "经度": np.round(117.0 + (index % 89) * 0.001, 6),
        }
    )


def meter_file(numbers: np.ndarray, area: np.ndarray, codes: np.ndarray, names: np.ndarray) -> bytes:
    index = np.arange(len(numbers))
    return _csv(
        {
            "表号": numbers,
            "户号": np.char.add("H", numbers),
            "户名": names,
            "用户类别": np.where(index % 10 == 0, "一般工商业", "居民"),
            "台区编号": codes[area],
            "用电地址": np.char.add(
                np.char.add("天津市武清区", codes[area]), np.char.add("号院", (index % 500).astype(str))
            ),
            "纬度": np.round(39.3 + (index % 997) * 0.0001, 6),
            "经度": np.round(117.0 + (index % 991) * 0.0001, 6),
        }
    )


def _import(tenant: Any, dataset: str, path: Path) -> tuple[float, ImportBatch]:
    started = time.perf_counter()
    batch = import_file(tenant, dataset, path, original_name=path.name, source=ImportBatch.Source.COMMAND)
    seconds = round(time.perf_counter() - started, 2)
    assert batch.status == ImportBatch.Status.COMMITTED, batch.message
    return seconds, batch


def baseline_per_row(tenant: Any, path: Path, rows: int, areas: dict[str, int]) -> float:
    """``update_or_create`` per row, in one transaction; rolled back so the real figures stay clean."""
    table = pacsv.read_csv(path).slice(0, rows).to_pylist()
    started = time.perf_counter()
    with transaction.atomic():
        for row in table:
            Meter.objects.for_tenant(tenant).update_or_create(
                tenant=tenant,
                meter_no=str(row["表号"]),
                defaults={
                    "account_no": str(row["户号"]),
                    "customer_name": row["户名"],
                    "area_id": areas[row["台区编号"]],
                    "address": row["用电地址"],
                },
            )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def orm_path(tenant: Any, path: Path, rows: int, areas: dict[str, int]) -> float:
    """The embedded path's merge (pandas + bulk_create), on the same sample, rolled back."""
    sample = path.with_name("sample.csv")
    with path.open("rb") as source:
        lines = [next(source) for _ in range(rows + 1)]
    sample.write_bytes(b"".join(lines))
    spec = REGISTER_SPECS["register_meters"]
    checked = validate_meters(parse(sample, spec), spec, areas, set(), dt.date.today())
    batch = ImportBatch.objects.create(tenant=tenant, dataset="register_meters", source="command", checksum="bench")
    started = time.perf_counter()
    with transaction.atomic():
        _write_meters_orm(tenant, *_meter_rows(tenant, checked), batch, dt.date.today(), lambda _p, _m: None)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    batch.delete()
    return seconds


def main() -> None:
    figures: dict[str, Any] = {"name": "register", "meters": METERS, "areas": AREAS, "rows": METERS}
    tenant = _common.bench_tenant("bench-register")
    folder = Path(tempfile.mkdtemp(prefix="register-bench-"))
    settings.MEDIA_ROOT = folder / "media"
    try:
        rng = np.random.default_rng(2026)
        codes = np.char.add("WQ", np.char.zfill(np.arange(1, AREAS + 1).astype(str), 6))
        numbers = np.char.add("3", np.char.zfill(np.arange(1, METERS + 1).astype(str), 11))
        area = np.sort(rng.integers(0, AREAS, METERS))
        names = np.char.add(
            SURNAMES[rng.integers(0, len(SURNAMES), METERS)], GIVEN[rng.integers(0, len(GIVEN), METERS)]
        )
        (folder / "areas.csv").write_bytes(area_file(codes))
        with _common.timed(figures, "write_files_s"):
            (folder / "meters.csv").write_bytes(meter_file(numbers, area, codes, names))
            moved = rng.random(METERS) < 0.05
            renamed = ~moved & (rng.random(METERS) < 0.05 / 0.95)
            new_area = np.where(moved, (area + 1 + rng.integers(0, AREAS - 1, METERS)) % AREAS, area)
            new_names = np.where(renamed, np.char.add(names, "（户主变更）"), names)
            (folder / "meters-next.csv").write_bytes(meter_file(numbers, new_area, codes, new_names))
        figures["file_mib"] = round((folder / "meters.csv").stat().st_size / 2**20, 1)
        figures["areas_s"], _ = _import(tenant, "register_areas", folder / "areas.csv")
        figures["first_import_s"], first = _import(tenant, "register_meters", folder / "meters.csv")
        figures["second_import_s"], second = _import(tenant, "register_meters", folder / "meters-next.csv")
        figures["created"] = first.rows_created
        figures["updated"] = second.rows_updated
        figures["moved"] = second.meters_moved
        figures["move_rows"] = MeterMove.objects.for_tenant(tenant).count()
        assert figures["created"] == METERS
        assert figures["moved"] == int(moved.sum())
        assert figures["updated"] == int((moved | renamed).sum())
        ids = dict(TransformerArea.objects.for_tenant(tenant).values_list("code", "id"))
        baseline = baseline_per_row(tenant, folder / "meters-next.csv", BASELINE_ROWS, ids)
        figures["baseline_rows"] = BASELINE_ROWS
        figures["baseline_seconds"] = round(baseline * METERS / BASELINE_ROWS, 1)
        figures["orm_path_seconds_scaled"] = round(
            orm_path(tenant, folder / "meters-next.csv", BASELINE_ROWS, ids) * METERS / BASELINE_ROWS, 1
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures["seconds"] = max(figures["first_import_s"], figures["second_import_s"])
    figures["target_seconds"] = TARGET_SECONDS
    figures["meets_target"] = figures["seconds"] <= TARGET_SECONDS
    figures["speedup"] = round(figures["baseline_seconds"] / figures["seconds"], 1)
    _common.emit(figures)


if __name__ == "__main__":
    main()
