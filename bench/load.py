"""Bulk read of a whole tenant: 1 M meters × 90 days from the meter store, against a PostgreSQL long table.

Both sides hold the same generated readings (1 % of meter-days missing for outages). The store is
written through its own write path, one batch per month as monthly imports would; the baseline table
``(meter int, day date, kwh real)`` is loaded with binary COPY and read back with binary COPY parsed
straight into numpy — the fastest way out of PostgreSQL we know, so the speedup is not flattered.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import _common
import numpy as np
import psycopg
import pyarrow as pa
from django.conf import settings

from portal.meters.store import Readings, dataset_dir, dataset_lock, read_matrix, stage
from portal.meters.synthetic import GeneratorConfig, generate

METERS = 1_000_000
AREAS = 10_000
DAYS = 90
START = dt.date(2025, 1, 1)
TARGET_SECONDS = 3.0
TABLE = "bench_load_reading"
COPY_CHUNK = 100_000  # meters per COPY chunk
PG_EPOCH = np.datetime64("2000-01-01", "D")
# One binary COPY tuple: field count, then (length, value) for int4 meter, date day, float4 kwh.
ROW = np.dtype(
    [("n", ">i2"), ("l1", ">i4"), ("meter", ">i4"), ("l2", ">i4"), ("day", ">i4"), ("l3", ">i4"), ("kwh", ">f4")]
)
HEADER = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
TRAILER = b"\xff\xff"


def write_store(tenant_id: int, keys: np.ndarray, dates: np.ndarray, readings: np.ndarray) -> None:
    key_array = pa.array(keys.astype(str))
    months = dates.astype("datetime64[M]")
    for batch_id, month in enumerate(np.unique(months), start=1):
        columns = np.flatnonzero(months == month)
        block = readings[:, columns]
        row, day = np.nonzero(~np.isnan(block))
        batch = Readings(key_array, row.astype(np.int32), dates[columns][day], block[row, day])
        with dataset_lock(tenant_id, "meter_daily") as root:
            stage(root, "meter_daily", batch_id, batch).publish()


def pg_rows(first_meter: int, block: np.ndarray, dates: np.ndarray) -> bytes:
    row, day = np.nonzero(~np.isnan(block))
    rows = np.empty(len(row), dtype=ROW)
    rows["n"], rows["l1"], rows["l2"], rows["l3"] = 3, 4, 4, 4
    rows["meter"] = row + first_meter
    rows["day"] = (dates[day] - PG_EPOCH).astype(np.int32)
    rows["kwh"] = block[row, day]
    return rows.tobytes()


def load_postgres(conn: psycopg.Connection, readings: np.ndarray, dates: np.ndarray) -> None:
    with conn.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(f"CREATE TABLE {TABLE} (meter integer NOT NULL, day date NOT NULL, kwh real NOT NULL)")
        with cur.copy(f"COPY {TABLE} (meter, day, kwh) FROM STDIN (FORMAT binary)") as copy:
            copy.write(HEADER)
            for first in range(0, len(readings), COPY_CHUNK):
                copy.write(pg_rows(first, readings[first : first + COPY_CHUNK], dates))
            copy.write(TRAILER)
        cur.execute(f"ANALYZE {TABLE}")
    conn.commit()


def read_postgres(conn: psycopg.Connection, n_meters: int, dates: np.ndarray) -> np.ndarray:
    """The whole table into a [meters, days] float32 matrix, NaN where no row, through the client."""
    chunks: list[bytes] = []
    with conn.cursor() as cur, cur.copy(f"COPY {TABLE} (meter, day, kwh) TO STDOUT (FORMAT binary)") as copy:
        chunks.extend(bytes(data) for data in copy)
    raw = b"".join(chunks)
    del chunks
    return to_matrix(raw, n_meters, dates)


def read_postgres_server_side(conn: psycopg.Connection, n_meters: int, dates: np.ndarray) -> np.ndarray:
    """The same, but the server writes the COPY to a file that numpy reads whole.

    libpq hands COPY data over one row per call, so the client read above spends most of its time
    in that loop; this variant (needs a superuser and a shared filesystem) shows PostgreSQL's best."""
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    folder.chmod(0o777)
    target = folder / "copy.bin"
    try:
        with conn.cursor() as cur:
            cur.execute(f"COPY {TABLE} (meter, day, kwh) TO '{target}' (FORMAT binary)")
        return to_matrix(target.read_bytes(), n_meters, dates)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def to_matrix(raw: bytes, n_meters: int, dates: np.ndarray) -> np.ndarray:
    rows = np.frombuffer(
        raw, dtype=ROW, offset=len(HEADER), count=(len(raw) - len(HEADER) - len(TRAILER)) // ROW.itemsize
    )
    matrix = np.full((n_meters, len(dates)), np.nan, dtype=np.float32)
    day = rows["day"].astype(np.int64) - int((dates[0] - PG_EPOCH).astype(np.int64))
    matrix[rows["meter"].astype(np.int64), day] = rows["kwh"]
    return matrix


def directory_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def main() -> None:
    tenant = _common.bench_tenant("bench-load")
    figures: dict[str, float] = {}
    with _common.timed(figures, "generate_seconds"):
        data = generate(GeneratorConfig(meters=METERS, areas=AREAS, days=DAYS, seed=2025, start=START))
    keys, dates, readings = data.grid.meter_no, data.dates, data.readings
    del data
    present = int((~np.isnan(readings)).sum())
    _common.log(f"generated {present:,} readings in {figures['generate_seconds']} s")

    root = dataset_dir(tenant.pk, "meter_daily")
    shutil.rmtree(root, ignore_errors=True)
    try:
        with _common.timed(figures, "write_seconds"):
            write_store(tenant.pk, keys, dates, readings)
        store_bytes = directory_bytes(root)
        _common.log(f"store written in {figures['write_seconds']} s ({store_bytes / 2**20:.0f} MiB)")
        end = START + dt.timedelta(days=DAYS - 1)
        with _common.timed(figures, "first_read_seconds"):
            matrix = read_matrix(tenant.pk, "meter_daily", START, end)
        del matrix
        seconds, matrix = _common.best_of(3, lambda: read_matrix(tenant.pk, "meter_daily", START, end))
        same = bool(
            np.array_equal(matrix.keys, keys.astype(str)) and np.array_equal(matrix.values, readings, equal_nan=True)
        )
        del matrix
        _common.log(f"store read: {seconds} s (best of 3), matches the generated matrix: {same}")
    finally:
        shutil.rmtree(root, ignore_errors=True)

    with psycopg.connect(_dsn()) as conn:
        try:
            with _common.timed(figures, "baseline_load_seconds"):
                load_postgres(conn, readings, dates)
            _common.log(f"PostgreSQL loaded by COPY in {figures['baseline_load_seconds']} s")
            baseline_seconds, baseline = _common.best_of(1, lambda: read_postgres(conn, METERS, dates))
            baseline_same = bool(np.array_equal(baseline, readings, equal_nan=True))
            del baseline
            _common.log(f"PostgreSQL read: {baseline_seconds} s, matches: {baseline_same}")
            server_seconds, _ = _common.best_of(1, lambda: read_postgres_server_side(conn, METERS, dates))
            _common.log(f"PostgreSQL server-side COPY to a file, then numpy: {server_seconds} s")
        finally:
            with conn.cursor() as cur:
                cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            conn.commit()

    _common.emit(
        {
            "name": "load",
            "meters": METERS,
            "days": DAYS,
            "rows": present,
            "seconds": seconds,
            "baseline_seconds": baseline_seconds,
            "speedup": round(baseline_seconds / seconds, 1),
            "target_seconds": TARGET_SECONDS,
            "meets_target": seconds <= TARGET_SECONDS,
            "values_per_s": round(METERS * DAYS / seconds),
            "first_read_seconds": figures["first_read_seconds"],
            "write_seconds": figures["write_seconds"],
            "store_mib": round(store_bytes / 2**20, 1),
            "generate_seconds": figures["generate_seconds"],
            "baseline_load_seconds": figures["baseline_load_seconds"],
            "baseline_server_copy_seconds": server_seconds,
            "speedup_vs_server_copy": round(server_seconds / seconds, 1),
            "store_matches": same,
            "baseline_matches": baseline_same,
        }
    )


def _dsn() -> str:
    db = settings.DATABASES["default"]
    return f"host={db['HOST']} port={db['PORT']} dbname={db['NAME']} user={db['USER']}"


if __name__ == "__main__":
    main()
