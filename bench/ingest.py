"""Import speed with validation on: a Parquet and a CSV file through ``import_file``, against the ORM path.

The files are the generator's (200 k meters; Parquet: 30 days of all of them, CSV: the next 30 days of
the first 50 k). The baseline is what a plain Django app would do with the same Parquet rows: read the
file, check every row (known meter, number, not negative, not in the future) and ``bulk_create`` model
instances into a long table ``(meter, day, kwh)`` with a unique (meter, day) key — a table created
here with raw SQL for the benchmark only, not a portal model. Both are timed in this run.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from pathlib import Path

import _common
import pyarrow.parquet as pq
from django.db import connection, models, transaction

from portal.meters.generation import create_rows
from portal.meters.models import ImportBatch, Meter
from portal.meters.store import dataset_dir
from portal.meters.synthetic import GeneratorConfig, SyntheticData, export, generate

METERS = 200_000
AREAS = 2_000
DAYS = 30
CSV_METERS = 50_000
START = dt.date(2025, 3, 1)
BASELINE_ROWS = 1_000_000  # the ORM path is slow; its rate is measured on the first million rows
BULK = 5_000
TARGETS = {"parquet_rows_per_s": 1_000_000, "csv_rows_per_s": 300_000}


class BenchReading(models.Model):
    """The long table of the baseline; unmanaged, created and dropped by this script."""

    meter = models.ForeignKey(Meter, on_delete=models.DO_NOTHING, db_constraint=False)
    day = models.DateField()
    kwh = models.FloatField()

    class Meta:
        app_label = "meters"
        db_table = "bench_ingest_reading"
        managed = False

    def __str__(self) -> str:
        return f"{self.meter_id} {self.day}"


def write_files(folder: Path) -> tuple[Path, Path, int, int, SyntheticData]:
    data = generate(GeneratorConfig(meters=METERS, areas=AREAS, days=2 * DAYS, seed=7, start=START))
    meters, dates, readings = data.grid.meter_no, data.dates, data.readings
    parquet_table = export.long_table(meters, dates[:DAYS], readings[:, :DAYS], export.METER_COLUMNS)
    csv_table = export.long_table(meters[:CSV_METERS], dates[DAYS:], readings[:CSV_METERS, DAYS:], export.METER_COLUMNS)
    parquet, csv = folder / "meter_daily.parquet", folder / "meter_daily.csv"
    parquet.write_bytes(export.to_parquet(parquet_table))
    csv.write_bytes(export.to_csv(csv_table))
    return parquet, csv, parquet_table.num_rows, csv_table.num_rows, data


def timed_import(tenant: object, path: Path) -> tuple[float, ImportBatch]:
    from portal.meters.imports import import_file

    def work() -> ImportBatch:
        return import_file(tenant, "meter_daily", path, original_name=path.name, source=ImportBatch.Source.GENERATOR)

    seconds, batch = _common.best_of(1, work)
    if batch.status != ImportBatch.Status.COMMITTED or batch.rows_rejected:
        raise SystemExit(f"{path.name}: {batch.status}, {batch.rows_rejected} rejected: {batch.message}")
    return seconds, batch


def orm_baseline(tenant: object, parquet: Path) -> tuple[float, int]:
    """Read, validate row by row and bulk_create; returns (seconds, rows)."""
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_ingest_reading")
        cur.execute(
            "CREATE TABLE bench_ingest_reading (id bigserial PRIMARY KEY, meter_id bigint NOT NULL,"
            " day date NOT NULL, kwh double precision NOT NULL, UNIQUE (meter_id, day))"
        )

    def work() -> int:
        table = pq.read_table(parquet).slice(0, BASELINE_ROWS)
        meter_ids = dict(Meter.objects.for_tenant(tenant).values_list("meter_no", "pk"))  # type: ignore[arg-type]
        today = dt.date.today()
        rows: list[BenchReading] = []
        with transaction.atomic():
            for meter_no, day, kwh in zip(*(table.column(c).to_pylist() for c in export.METER_COLUMNS), strict=True):
                meter_id = meter_ids.get(meter_no)
                if meter_id is None or kwh is None or math.isnan(kwh) or kwh < 0 or day > today:
                    continue  # a real import would report the row; none are bad here
                rows.append(BenchReading(meter_id=meter_id, day=day, kwh=kwh))
                if len(rows) == BULK:
                    BenchReading.objects.bulk_create(rows)
                    rows = []
            BenchReading.objects.bulk_create(rows)
        return table.num_rows

    try:
        return _common.best_of(1, work)
    finally:
        with connection.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS bench_ingest_reading")


def main() -> None:
    tenant = _common.bench_tenant("bench-ingest")
    figures: dict[str, float] = {}
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        with _common.timed(figures, "generate_seconds"):
            parquet, csv, parquet_rows, csv_rows, data = write_files(folder)
        with _common.timed(figures, "meter_rows_seconds"):
            create_rows(tenant, data)
        del data
        _common.log(f"files: {parquet_rows:,} Parquet rows, {csv_rows:,} CSV rows; meters created")
        parquet_seconds, _ = timed_import(tenant, parquet)
        _common.log(f"Parquet import: {parquet_seconds} s")
        csv_seconds, _ = timed_import(tenant, csv)
        _common.log(f"CSV import: {csv_seconds} s")
        baseline_seconds, baseline_rows = orm_baseline(tenant, parquet)
        _common.log(f"ORM bulk_create: {baseline_rows:,} rows in {baseline_seconds} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(dataset_dir(tenant.pk, "meter_daily"), ignore_errors=True)

    parquet_rate = parquet_rows / parquet_seconds
    baseline_rate = baseline_rows / baseline_seconds
    _common.emit(
        {
            "name": "ingest",
            "meters": METERS,
            "days": DAYS,
            "rows": parquet_rows,
            "seconds": parquet_seconds,
            "baseline_seconds": baseline_seconds,
            "baseline_rows": baseline_rows,
            # Rates, because the baseline runs on fewer rows than the import.
            "speedup": round(parquet_rate / baseline_rate, 1),
            "parquet_rows_per_s": round(parquet_rate),
            "csv_rows": csv_rows,
            "csv_seconds": csv_seconds,
            "csv_rows_per_s": round(csv_rows / csv_seconds),
            "baseline_rows_per_s": round(baseline_rate),
            "meets_targets": parquet_rate >= TARGETS["parquet_rows_per_s"]
            and csv_rows / csv_seconds >= TARGETS["csv_rows_per_s"],
            "generate_seconds": figures["generate_seconds"],
            "meter_rows_seconds": figures["meter_rows_seconds"],
        }
    )


if __name__ == "__main__":
    main()
