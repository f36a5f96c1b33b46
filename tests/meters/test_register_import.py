"""The grid register import: areas and meters from files, updates by natural key, dated moves, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from portal.meters.imports.columns import REGISTER_SPECS
from portal.meters.imports.parsing import parse
from portal.meters.imports.pipeline import silent
from portal.meters.imports.register import validate_meters, write_meters
from portal.meters.imports.register.write import _write_meters_orm
from portal.meters.models import Feeder, ImportBatch, Meter, MeterMove, TransformerArea, Village
from portal.meters.store import read_matrix
from tests.meters.helpers import report_rows, run, write_file
from tests.personas import World

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
AREAS = "台区编号,台区名称,容量(kVA),纬度,经度\nA01,一号台区,400,39.1,117.2\nA02,二号台区,200,,\n"


def _areas(world: World, tmp_path: Path, text: str = AREAS, name: str = "areas.csv", **kwargs: object) -> ImportBatch:
    return run(world.binhai, write_file(tmp_path, name, text), dataset="register_areas", **kwargs)


def _meters(world: World, tmp_path: Path, text: str, name: str = "meters.csv", **kwargs: object) -> ImportBatch:
    return run(world.binhai, write_file(tmp_path, name, text), dataset="register_meters", **kwargs)


def test_the_sample_files_import_cleanly_areas_first_then_meters(world: World) -> None:
    areas = run(world.binhai, SAMPLES / "register_areas.csv", dataset="register_areas")
    meters = run(world.binhai, SAMPLES / "register_meters.csv", dataset="register_meters")
    assert (areas.status, areas.rows_created, areas.rows_rejected) == ("committed", 3, 0)
    assert (meters.status, meters.rows_created, meters.rows_rejected) == ("committed", 4, 0)
    area = TransformerArea.objects.for_tenant(world.binhai).select_related("feeder", "village").get(code="TQ-001")
    assert (area.name, area.capacity_kva, area.supply_meter_no) == ("幸福里1号台区", 400, "Z-TQ-001")
    assert (area.feeder.code, area.feeder.name) == ("XL-101", "10kV 新港一线")
    assert (area.village.township, area.village.name) == ("新港街道", "幸福里社区")
    assert (area.latitude, area.longitude) == (Decimal("39.021345"), Decimal("117.712308"))
    assert Feeder.objects.for_tenant(world.binhai).count() == 2  # XL-101 named once though given twice
    shop = Meter.objects.for_tenant(world.binhai).get(meter_no="1100000003")
    assert (shop.customer_type, shop.area.code, shop.village.name) == ("commercial", "TQ-002", "王庄村")
    assert shop.installed_on == dt.date(2020, 3, 1)
    # The sample readings name the sample register's meters and areas.
    readings = run(world.binhai, SAMPLES / "meter_daily.csv")
    supply = run(world.binhai, SAMPLES / "area_daily.csv", dataset="area_daily")
    assert (readings.rows_accepted, supply.rows_accepted) == (3, 2)


def test_the_same_register_file_twice_is_unchanged_and_a_corrected_one_updates_in_place(
    world: World, tmp_path: Path
) -> None:
    first = _areas(world, tmp_path)
    again = _areas(world, tmp_path, name="areas-again.csv")
    assert (first.rows_created, first.rows_updated) == (2, 0)
    assert again.status == ImportBatch.Status.UNCHANGED
    before = dict(TransformerArea.objects.for_tenant(world.binhai).values_list("code", "id"))
    corrected = _areas(
        world,
        tmp_path,
        "台区编号,台区名称,容量(kVA),纬度,经度\nA01,一号台区,630,39.1,117.2\nA02,二号台区,200,,\n",
        "fix.csv",
    )
    # A01's capacity changed; A02 is the same as before: one update, nothing created.
    assert (corrected.rows_created, corrected.rows_updated, corrected.rows_accepted) == (0, 1, 2)
    assert dict(TransformerArea.objects.for_tenant(world.binhai).values_list("code", "id")) == before
    assert TransformerArea.objects.for_tenant(world.binhai).get(code="A01").capacity_kva == 630


def test_bad_area_rows_are_refused_one_by_one_with_chinese_reasons(world: World, tmp_path: Path) -> None:
    text = (
        "台区编号,台区名称,容量(kVA),纬度,经度\n"
        "A01,一号台区,abc,39.1,117.2\n"  # row 2: capacity not a number
        "A02,二号台区,315.5,,\n"  # row 3: not whole
        "A03,三号台区,200,117.2,39.1\n"  # row 4: latitude and longitude swapped
        "A04,四号台区,200,39.1,\n"  # row 5: longitude missing
        "A05,,200,,\n"  # row 6: no name
        "A06,六号台区,100,,\n"  # row 7 and 8: the same code twice, differently
        "A06,六号台区,200,,\n"
        "A07,七号台区,100,,\n"  # rows 9 and 10: the same row twice: one area
        "A07,七号台区,100,,\n"
    )
    batch = _areas(world, tmp_path, text)
    assert (batch.status, batch.rows_total, batch.rows_rejected, batch.rows_created) == ("committed", 9, 7, 1)
    assert report_rows(batch) == [
        ["行号", "列", "值", "原因"],
        ["2", "容量(kVA)", "abc", "容量须为 1 至 100000 之间的整数（kVA）。"],
        ["3", "容量(kVA)", "315.5", "容量须为 1 至 100000 之间的整数（kVA）。"],
        ["4", "纬度", "117.2", "不是中国境内的位置（纬度 3.5–54，经度 73–136）：是否输错，或经纬度写反？"],
        ["4", "经度", "39.1", "不是中国境内的位置（纬度 3.5–54，经度 73–136）：是否输错，或经纬度写反？"],
        ["5", "经度", "", "经度和纬度须同时填写。"],
        ["6", "台区名称", "", "该单元格为空。"],
        ["7", "台区编号", "A06", "与第 8 行的台区编号相同，但内容不同。"],
        ["8", "台区编号", "A06", "与第 7 行的台区编号相同，但内容不同。"],
    ]
    assert list(TransformerArea.objects.for_tenant(world.binhai).values_list("code", flat=True)) == ["A07"]


def test_bad_meter_rows_are_refused_unknown_area_duplicates_types_and_area_meters(world: World, tmp_path: Path) -> None:
    _areas(world, tmp_path)
    TransformerArea.objects.for_tenant(world.binhai).filter(code="A01").update(supply_meter_no="Z-A01")
    text = (
        "表号,台区编号,用户类别\n"
        "M1,A01,居民\n"  # row 2: fine
        "M2,A99,居民\n"  # row 3: unknown area
        "M3,A01,外星人\n"  # row 4: unknown customer type
        "M4,A01,居民\n"  # rows 5 and 6: one meter number in two areas
        "M4,A02,居民\n"
        "Z-A01,A01,居民\n"  # row 7: the area's own meter
        "M5,A02,一般工商业\n"  # row 8: fine
    )
    batch = _meters(world, tmp_path, text)
    assert (batch.status, batch.rows_accepted, batch.rows_rejected, batch.rows_created) == ("committed", 2, 5, 2)
    assert [row[0::3] for row in report_rows(batch)[1:]] == [
        ["3", "未知台区：本单位台区档案中没有该台区编号。"],
        ["4", "用户类别无法识别：请填 居民、商业（一般工商业）、农业 或 工业。"],
        ["5", "与第 6 行的表号相同，但内容不同。"],
        ["6", "与第 5 行的表号相同，但内容不同。"],
        ["7", "这是台区的考核表，不是用户电表。"],
    ]
    types = dict(Meter.objects.for_tenant(world.binhai).values_list("meter_no", "customer_type"))
    assert types == {"M1": "residential", "M5": "commercial"}


def test_a_meter_moved_to_another_area_keeps_its_row_and_readings_and_the_move_is_dated(
    world: World, tmp_path: Path
) -> None:
    _areas(world, tmp_path)
    first = _meters(world, tmp_path, "表号,台区编号,户名\nM1,A01,王秀英\nM2,A01,李建国\n")
    meter = Meter.objects.for_tenant(world.binhai).get(meter_no="M1")
    run(world.binhai, write_file(tmp_path, "jan.csv", "表号,日期,电量\nM1,2024-01-30,5.5\nM1,2024-01-31,6\n"))
    moved = _meters(
        world, tmp_path, "表号,台区编号,户名,变更日期\nM1,A02,王秀英,2024-02-01\nM2,A01,李建国,\n", "moved.csv"
    )
    assert (first.rows_created, moved.rows_created, moved.rows_updated, moved.meters_moved) == (2, 0, 1, 1)
    after = Meter.objects.for_tenant(world.binhai).select_related("area").get(meter_no="M1")
    assert (after.pk, after.area.code) == (meter.pk, "A02")
    move = MeterMove.objects.for_tenant(world.binhai).select_related("from_area", "to_area").get()
    assert (move.meter_id, move.from_area.code, move.to_area.code) == (meter.pk, "A01", "A02")
    assert (move.moved_on, move.batch_id) == (dt.date(2024, 2, 1), moved.pk)
    history = read_matrix(world.binhai.pk, "meter_daily", dt.date(2024, 1, 30), dt.date(2024, 1, 31), keys=["M1"])
    assert history.values.tolist() == [[5.5, 6.0]]


def test_a_move_without_a_change_date_is_dated_the_day_of_the_import(world: World, tmp_path: Path) -> None:
    _areas(world, tmp_path)
    _meters(world, tmp_path, "表号,台区编号\nM1,A01\n")
    _meters(world, tmp_path, "表号,台区编号\nM1,A02\n", "moved.csv")
    from django.utils import timezone

    assert MeterMove.objects.for_tenant(world.binhai).get().moved_on == timezone.localdate()


def test_a_column_left_out_keeps_the_field_and_an_empty_cell_clears_it(world: World, tmp_path: Path) -> None:
    _areas(world, tmp_path)
    _meters(world, tmp_path, "表号,台区编号,户名,用电地址\nM1,A01,王秀英,幸福里3号\n")
    # No 户名 column: the name stays. An empty 用电地址 cell: the address is cleared.
    update = _meters(world, tmp_path, "表号,台区编号,用电地址\nM1,A01,\n", "update.csv")
    meter = Meter.objects.for_tenant(world.binhai).get(meter_no="M1")
    assert (update.rows_updated, meter.customer_name, meter.address) == (1, "王秀英", "")


def test_an_xlsx_register_and_a_gbk_csv_both_import(world: World, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["area_code", "area_name", "capacity_kva"])
    sheet.append(["X01", "甲台区", 315])
    book.save(tmp_path / "areas.xlsx")
    xlsx = run(world.binhai, tmp_path / "areas.xlsx", dataset="register_areas")
    gbk = run(
        world.binhai,
        write_file(tmp_path, "meters.csv", "表号,台区编号,户名\nG1,X01,张三\n", encoding="gbk"),
        dataset="register_meters",
    )
    assert (xlsx.rows_created, gbk.rows_created) == (1, 1)
    assert Meter.objects.for_tenant(world.binhai).get(meter_no="G1").customer_name == "张三"
    assert TransformerArea.objects.for_tenant(world.binhai).get(code="X01").capacity_kva == 315


def test_a_register_without_its_required_column_is_refused_whole(world: World, tmp_path: Path) -> None:
    batch = _meters(world, tmp_path, "表号,户名\nM1,王秀英\n")
    assert (batch.status, batch.message) == ("rejected", "缺少必需的列。")
    assert report_rows(batch)[1] == ["1", "台区编号", "", "缺少必需的列。"]


def test_refuse_the_whole_file_writes_nothing_when_one_row_is_wrong(world: World, tmp_path: Path) -> None:
    _areas(world, tmp_path)
    batch = _meters(world, tmp_path, "表号,台区编号\nM1,A01\nM2,A99\n", on_error="reject_all")
    assert batch.status == ImportBatch.Status.REJECTED
    assert not Meter.objects.for_tenant(world.binhai).exists()


def test_the_embedded_orm_path_writes_what_the_postgresql_path_writes(world: World, tmp_path: Path) -> None:
    """The SQLite (embedded) path is plain ORM; run on PostgreSQL here, it must give the same rows."""
    _areas(world, tmp_path)
    _meters(world, tmp_path, "表号,台区编号,户名,纬度,经度\nM1,A01,王秀英,39.1,117.2\nM2,A01,李建国,,\n")
    text = (
        "表号,台区编号,户名,纬度,经度,变更日期\nM1,A02,王秀英,39.1,117.2,2024-02-01\nM2,A01,李四,,,\nM3,A02,赵六,,,\n"
    )
    path = write_file(tmp_path, "next.csv", text)
    spec = REGISTER_SPECS["register_meters"]
    areas = dict(TransformerArea.objects.for_tenant(world.binhai).values_list("code", "id"))
    checked = validate_meters(parse(path, spec), spec, areas, set(), dt.date(2024, 3, 1))
    batch = ImportBatch.objects.create(tenant=world.binhai, dataset="register_meters", source="command", checksum="x")
    from django.db import transaction

    def snapshot() -> list[tuple[object, ...]]:
        rows = Meter.objects.for_tenant(world.binhai).order_by("meter_no")
        return list(rows.values_list("meter_no", "area__code", "customer_name", "latitude"))

    with transaction.atomic():
        counts_pg = write_meters(world.binhai, checked, batch, dt.date(2024, 3, 1), silent)
        after_pg = snapshot()
        transaction.set_rollback(True)
    counts_orm = _write_meters_orm(world.binhai, *_meter_rows(world, checked), batch, dt.date(2024, 3, 1), silent)
    # M1 moved and M2 renamed: two updates, one move; M3 new.
    assert (counts_pg.created, counts_pg.updated, counts_pg.moved) == (1, 2, 1)
    assert counts_orm == counts_pg
    assert snapshot() == after_pg
    assert after_pg == [
        ("M1", "A02", "王秀英", Decimal("39.100000")),
        ("M2", "A01", "李四", None),
        ("M3", "A02", "赵六", None),
    ]


def _meter_rows(world: World, checked: object) -> tuple[object, list[str]]:
    from portal.meters.imports.register.write import _meter_rows as rows_of

    return rows_of(world.binhai, checked)  # type: ignore[arg-type]


def test_the_command_imports_a_register_file_and_names_refusals(world: World, tmp_path: Path) -> None:
    path = write_file(tmp_path, "areas.csv", AREAS)
    out = tmp_path / "out.txt"
    with out.open("w") as handle:
        call_command("import_register", str(path), tenant="binhai", dataset="register_areas", stdout=handle)
    assert "areas.csv: committed" in out.read_text()
    assert "created=2" in out.read_text()
    bad = write_file(tmp_path, "bad.csv", "表号,台区编号\nM1,A99\n")
    with pytest.raises(CommandError, match="1 of 1 files were not imported"), out.open("w") as handle:
        call_command("import_register", str(bad), tenant="binhai", dataset="register_meters", stdout=handle)


def test_villages_are_found_by_township_and_name(world: World, tmp_path: Path) -> None:
    text = (
        "台区编号,台区名称,乡镇/街道,村/社区\n"
        "A01,一号,新城镇,王庄村\nA02,二号,新城镇,王庄村\nA03,三号,大港街道,王庄村\n"
    )
    _areas(world, tmp_path, text)
    villages = Village.objects.for_tenant(world.binhai).order_by("township")
    assert list(villages.values_list("township", "name")) == [("大港街道", "王庄村"), ("新城镇", "王庄村")]
