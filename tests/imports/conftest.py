"""Record-import fixtures: private media, a probe data set with one column of every kind, helpers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from portal.imports import Column, RecordImport, register_import
from portal.imports.context import ImportContext, Row
from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import import_file
from portal.imports.registry import unregister_import
from portal.tenancy.models import Tenant

ORGANISATIONS = "stakeholders.organisations"
PROBE = "alliance.probe"
# The rows the probe's apply was handed, per batch: what the framework lets through, seen from an app.
PROBED: dict[int, list[Row]] = {}


@pytest.fixture(autouse=True)
def _private_media(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> None:
    # Tests on the real worker share the worker's media folder (set by scripts/with-services.sh).
    if request.node.get_closest_marker("worker"):
        return
    settings.MEDIA_ROOT = tmp_path / "media"


def _probe_apply(ctx: ImportContext, rows: list[Row]) -> None:
    """Writes nothing: counts every row unchanged and keeps it for the test to look at."""
    PROBED[ctx.batch.pk] = rows
    ctx.unchanged += len(rows)


PROBE_SPEC = RecordImport(
    code=PROBE,
    label="探针",
    programme="alliance",
    columns=(
        Column("code", "编号", aliases=("code_no",), required=True, max_length=6),
        Column("count", "数量", kind="integer", min_value=0, max_value=100),
        Column("height_m", "高度", aliases=("呼高",), kind="decimal", min_value=0),
        Column("day", "日期", kind="date"),
        Column("moment", "时间", kind="datetime"),
        Column("active", "在用", kind="boolean"),
        Column("kind", "类型", choices=(("straight", "直线塔"), ("tension", "耐张塔"))),
        Column("latitude", "纬度", kind="latitude"),
        Column("longitude", "经度", kind="longitude"),
        Column("phone", "电话", kind="phone"),
    ),
    key=("code",),
    apply=_probe_apply,
    sample=(("T001", "3", "36", "2021-05-01", "2021-05-01 08:30", "是", "直线塔", "39.21", "117.63", "13812345678"),),
)


@pytest.fixture
def probe() -> Iterator[RecordImport]:
    """A test-only data set of the alliance programme with a column of every kind."""
    register_import(PROBE_SPEC)
    PROBED.clear()
    yield PROBE_SPEC
    unregister_import(PROBE)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def run(tenant: Tenant, path: Path, dataset: str = ORGANISATIONS, **kwargs: Any) -> RecordImportBatch:
    return import_file(
        tenant, dataset, path, original_name=path.name, source=RecordImportBatch.Source.COMMAND, **kwargs
    )


def report_rows(batch: RecordImportBatch) -> list[list[str]]:
    """The error report without its header row, decoded as Excel would (UTF-8 with BOM)."""
    with batch.report_file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


def counts(batch: RecordImportBatch) -> tuple[str, int, int, int, int, int]:
    """(status, read, created, updated, unchanged, refused)."""
    return (
        batch.status,
        batch.rows_read,
        batch.rows_created,
        batch.rows_updated,
        batch.rows_unchanged,
        batch.rows_refused,
    )
