"""Record imports: a register of 10 000 organisations through ``import_file``, against the form path.

The file is CSV (UTF-8) with every column of ``stakeholders.organisations``. Timed in this run:
- the first import (10 000 created, each through ``save_audited``: one change record per row);
- a second file with one field changed in every 10th row (1 000 updated, 9 000 unchanged);
- the same file again (answered "unchanged" from its checksum);
- the baseline: what the portal's pages do per organisation — ``OrganisationForm`` validation and
  ``save_record`` (audited) — for the same 10 000 rows, read with ``csv.DictReader``.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import _common
from django.utils import translation

from portal.imports.models import RecordImportBatch
from portal.imports.pipeline import import_file
from portal.stakeholders.forms import OrganisationForm
from portal.stakeholders.models import Organisation
from portal.tenancy.scoping import strict_scope

ROWS = 10_000
HEADER = ["名称", "类型", "所在区", "简称", "地址", "联系人", "联系电话", "说明", "纬度", "经度"]
KINDS = ["政府部门", "企业", "居委会", "村委会", "学校"]


def register(rows: int, changed_every: int = 0) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for number in range(rows):
        phone = f"138{number:08d}"
        if changed_every and number % changed_every == 0:
            phone = f"139{number:08d}"
        writer.writerow(
            [
                f"基准单位{number:05d}",
                KINDS[number % len(KINDS)],
                "滨海新区",
                f"单位{number:05d}",
                f"天津市滨海新区幸福路{number}号",
                "王磊",
                phone,
                "",
                f"{39 + number / 100_000:.6f}",
                f"{117 + number / 100_000:.6f}",
            ]
        )
    return buffer.getvalue()


def timed_import(tenant: object, path: Path, expect: tuple[str, int, int, int]) -> float:
    def work() -> RecordImportBatch:
        with strict_scope():
            return import_file(
                tenant,  # type: ignore[arg-type]
                "stakeholders.organisations",
                path,
                original_name=path.name,
                source=RecordImportBatch.Source.COMMAND,
            )

    seconds, batch = _common.best_of(1, work)
    found = (batch.status, batch.rows_created, batch.rows_updated, batch.rows_unchanged)
    if found != expect:
        raise SystemExit(f"{path.name}: {found} instead of {expect}: {batch.message}")
    return seconds


def form_baseline(tenant: object, text: str) -> float:
    from portal.audit.actions import save_record

    kinds = {str(label): value for value, label in Organisation.Kind.choices}
    fields = ["name", "kind", "district", "short_name", "address", "contact_name", "contact_phone", "description"]

    def work() -> int:
        saved = 0
        with translation.override("zh-hans"):
            for row in csv.DictReader(io.StringIO(text)):
                data = dict(zip(fields, (row[h] for h in HEADER[:8]), strict=True))
                data["kind"] = kinds[data["kind"]]
                data["latitude"], data["longitude"] = row["纬度"], row["经度"]
                form = OrganisationForm(data, tenant=tenant)
                if not form.is_valid():
                    raise SystemExit(f"baseline refused {row}: {form.errors}")
                save_record(form.save(commit=False), "bench")
                saved += 1
        return saved

    seconds, _saved = _common.best_of(1, work)
    return seconds


def main() -> None:
    tenant = _common.bench_tenant("bench-records")
    baseline_tenant = _common.bench_tenant("bench-records-form")
    figures: dict[str, object] = {"name": "records", "rows": ROWS}
    folder = Path(tempfile.mkdtemp(prefix="bench-records-"))
    first = folder / "v1.csv"
    first.write_text(register(ROWS), encoding="utf-8")
    second = folder / "v2.csv"
    second.write_text(register(ROWS, changed_every=10), encoding="utf-8")
    try:
        figures["seconds"] = timed_import(tenant, first, ("committed", ROWS, 0, 0))
        figures["update_seconds"] = timed_import(tenant, second, ("committed", 0, ROWS // 10, ROWS - ROWS // 10))
        figures["reimport_seconds"] = timed_import(tenant, second, ("unchanged", 0, 0, 0))
        _common.log("imports done; the form baseline")
        figures["baseline_seconds"] = form_baseline(baseline_tenant, first.read_text(encoding="utf-8"))
    finally:
        for unit in (tenant, baseline_tenant):
            Organisation.objects.for_tenant(unit).delete()
    figures["speedup"] = round(figures["baseline_seconds"] / figures["seconds"], 2)  # type: ignore[operator]
    figures["rows_per_s"] = round(ROWS / figures["seconds"])  # type: ignore[operator]
    _common.emit(figures)


if __name__ == "__main__":
    main()
