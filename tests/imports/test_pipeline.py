"""The pipeline: keep the good rows or all or nothing, idempotent re-imports, audited updates, an
app's own refusals, and failures that leave nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from portal.audit.models import ChangeRecord
from portal.imports import Column, RecordImport, register_import
from portal.imports.context import ImportContext, Row
from portal.imports.models import RecordImportBatch
from portal.imports.registry import unregister_import
from portal.imports.upsert import upsert
from portal.stakeholders.models import Organisation
from tests.imports.conftest import counts, report_rows, run, write
from tests.personas import World

pytestmark = pytest.mark.django_db

# Two good new rows (2, 4), a bad phone (3) and an unknown type (5).
MIXED = (
    "名称,类型,联系人,联系电话\n"
    "滨海新区城市管理委员会,政府部门,王磊,022-23456789\n"
    "新港街道办事处,政府部门,李静,12345\n"
    "幸福里社区居委会,居委会,赵敏,13812345678\n"
    "海河物业,火星机构,,\n"
)


def organisations(world: World) -> dict[str, Organisation]:
    return {o.name: o for o in Organisation.objects.for_tenant(world.binhai)}


def changes(world: World) -> list[tuple[str, str]]:
    kind = ContentType.objects.get_for_model(Organisation)
    return list(
        ChangeRecord.objects.for_tenant(world.binhai)
        .filter(content_type=kind)
        .order_by("pk")
        .values_list("action", "object_repr")
    )


def test_all_or_nothing_writes_nothing_and_keep_good_keeps_the_two_good_rows(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.csv", MIXED)
    refused = run(world.binhai, path, on_error="all_or_nothing")
    # 4 rows read, 2 refused (rows 3 and 5): the whole file is refused, nothing written.
    assert counts(refused) == ("rejected", 4, 0, 0, 0, 2)
    assert refused.message == "4 行中有 2 行错误，已按要求拒收整个文件。"
    assert organisations(world) == {}
    assert changes(world) == []

    kept = run(world.binhai, path, on_error="keep_good")
    # The same file: rows 2 and 4 are created, rows 3 and 5 refused.
    assert counts(kept) == ("partly_committed", 4, 2, 0, 0, 2)
    assert sorted(organisations(world)) == ["幸福里社区居委会", "滨海新区城市管理委员会"]
    assert [row[:2] for row in report_rows(kept)] == [["3", "联系电话"], ["5", "类型"]]
    assert changes(world) == [("create", "滨海新区城市管理委员会"), ("create", "幸福里社区居委会")]


def test_importing_a_committed_file_again_answers_unchanged_and_writes_nothing(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, "good.csv", "名称,类型\n甲单位,企业\n乙单位,学校\n")
    first = run(world.binhai, path)
    assert counts(first) == ("committed", 2, 2, 0, 0, 0)
    second = run(world.binhai, path)
    assert counts(second) == ("unchanged", 0, 0, 0, 0, 0)
    assert second.message == f"与第 {first.pk} 号导入的文件相同，已导入过：没有任何变化。"
    assert len(changes(world)) == 2


def test_another_unit_importing_the_same_file_imports_it(world: World, tmp_path: Path) -> None:
    path = write(tmp_path, "good.csv", "名称,类型\n甲单位,企业\n")
    run(world.binhai, path)
    assert counts(run(world.wuqing, path)) == ("committed", 1, 1, 0, 0, 0)


def test_a_different_file_with_the_same_rows_is_unchanged_row_by_row(world: World, tmp_path: Path) -> None:
    run(world.binhai, write(tmp_path, "a.csv", "名称,类型\n甲单位,企业\n"))
    again = run(world.binhai, write(tmp_path, "b.csv", "名称,类型,备注\n甲单位,企业,\n"))
    # A new file (another checksum): read, and its one row matches the record, so nothing changes.
    assert counts(again) == ("unchanged", 1, 0, 0, 1, 0)
    assert again.message == "每一行都与已有记录一致：没有任何变化。"


def test_an_update_of_one_field_is_one_updated_row_with_an_audit_record(world: World, tmp_path: Path) -> None:
    run(world.binhai, write(tmp_path, "v1.csv", "名称,类型,联系电话\n甲单位,企业,13812345678\n乙单位,学校,\n"))
    batch = run(world.binhai, write(tmp_path, "v2.csv", "名称,类型,联系电话\n甲单位,企业,13900001111\n乙单位,学校,\n"))
    assert counts(batch) == ("committed", 2, 0, 1, 1, 0)
    update = ChangeRecord.objects.for_tenant(world.binhai).get(action="update")
    assert (update.before["contact_phone"], update.after["contact_phone"]) == ("13812345678", "13900001111")
    assert update.actor_label == f"import #{batch.pk}"  # the command: no user


def test_a_column_left_out_leaves_the_field_alone_and_an_empty_cell_empties_it(world: World, tmp_path: Path) -> None:
    run(world.binhai, write(tmp_path, "v1.csv", "名称,类型,简称,地址\n甲单位,企业,甲,幸福路1号\n"))
    run(world.binhai, write(tmp_path, "v2.csv", "名称,类型,简称\n甲单位,企业,\n"))
    organisation = organisations(world)["甲单位"]
    assert (organisation.short_name, organisation.address) == ("", "幸福路1号")


def test_the_upload_user_is_the_actor_of_the_audit_records(world: World, tmp_path: Path) -> None:
    run(world.binhai, write(tmp_path, "a.csv", "名称,类型\n甲单位,企业\n"), actor=world.alice)
    assert ChangeRecord.objects.for_tenant(world.binhai).get().actor == world.alice


# --- an app's apply: refusals, errors, counts -----------------------------------------------------


def _rename_short(ctx: ImportContext, rows: list[Row]) -> None:
    """Sets the short name of organisations that exist; refuses the others (a foreign key, say)."""
    known = {o.name for o in Organisation.objects.for_tenant(ctx.tenant)}

    def values(row: Row) -> dict[str, Any] | None:
        if row["name"] not in known:
            ctx.refuse(row, "name", None, f"未知单位：{row['name']}。")
            return None
        return dict(row.values)

    upsert(ctx, Organisation, rows, key=("name",), values=values)


@pytest.fixture
def short_names() -> Iterator[RecordImport]:
    spec = RecordImport(
        code="alliance.short_names",
        label="简称",
        programme="alliance",
        columns=(Column("name", "名称", required=True), Column("short_name", "简称", max_length=40)),
        key=("name",),
        apply=_rename_short,
        sample=(("甲单位", "甲"),),
    )
    register_import(spec)
    yield spec
    unregister_import(spec.code)


def test_an_apps_refusal_keeps_the_good_rows_or_undoes_them_all(
    world: World, tmp_path: Path, short_names: RecordImport
) -> None:
    run(world.binhai, write(tmp_path, "orgs.csv", "名称,类型\n甲单位,企业\n乙单位,学校\n"))
    path = write(tmp_path, "short.csv", "名称,简称\n甲单位,甲\n丙单位,丙\n乙单位,乙\n")
    refused = run(world.binhai, path, short_names.code, on_error="all_or_nothing")
    # Row 3 names no organisation: all or nothing undoes the updates of rows 2 and 4.
    assert counts(refused) == ("rejected", 3, 0, 0, 0, 1)
    assert report_rows(refused) == [["3", "名称", "丙单位", "未知单位：丙单位。"]]
    assert {o.short_name for o in organisations(world).values()} == {""}
    assert len(changes(world)) == 2  # the two creations only

    kept = run(world.binhai, path, short_names.code)
    assert counts(kept) == ("partly_committed", 3, 0, 2, 0, 1)
    assert {name: o.short_name for name, o in organisations(world).items()} == {"甲单位": "甲", "乙单位": "乙"}


def _write_then_break(ctx: ImportContext, rows: list[Row]) -> None:
    upsert(ctx, Organisation, rows, key=("name",))
    # A type longer than the column (24 characters): PostgreSQL refuses the statement.
    Organisation.objects.create(tenant=ctx.tenant, name="坏数据", kind="x" * 40)


def _miscount(ctx: ImportContext, rows: list[Row]) -> None:
    upsert(ctx, Organisation, rows[:1], key=("name",))  # forgets the other rows


@pytest.mark.parametrize(
    ("apply", "message"),
    [
        (_write_then_break, "导入失败，未写入任何数据：DataError: value too long for type character varying(24)"),
        (
            _miscount,
            "导入失败，未写入任何数据：CountMismatch: alliance.broken: apply accounted for 1 of 2 rows "
            "(created + updated + unchanged + refused)",
        ),
    ],
)
def test_an_error_inside_apply_fails_the_batch_and_nothing_is_written(
    world: World, tmp_path: Path, apply: Any, message: str
) -> None:
    spec = RecordImport(
        code="alliance.broken",
        label="坏",
        programme="alliance",
        columns=(Column("name", "名称", required=True), Column("kind", "类型", choices=Organisation.Kind.choices)),
        key=("name",),
        apply=apply,
        sample=(("甲单位", "企业"),),
    )
    register_import(spec)
    try:
        batch = run(world.binhai, write(tmp_path, "a.csv", "名称,类型\n甲单位,企业\n乙单位,学校\n"), spec.code)
    finally:
        unregister_import(spec.code)
    assert counts(batch) == ("failed", 0, 0, 0, 0, 0)
    assert batch.message.splitlines()[0] == message
    assert organisations(world) == {}
    assert changes(world) == []
    assert not batch.report_file


def test_a_batch_is_claimed_once(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "a.csv", "名称,类型\n甲单位,企业\n"))
    from portal.imports.pipeline import run_import

    again = run_import(batch)  # a redelivered job: the batch is no longer queued
    assert counts(again) == ("committed", 1, 1, 0, 0, 0)
    assert len(changes(world)) == 1


def test_the_database_allows_one_committed_import_per_file_and_data_set(world: World) -> None:
    fields = {
        "tenant": world.binhai,
        "dataset": "stakeholders.organisations",
        "programme": "core",
        "source": "command",
        "original_name": "a.csv",
        "checksum": "a" * 64,
        "status": "committed",
    }
    RecordImportBatch.objects.create(**fields)
    RecordImportBatch.objects.create(**{**fields, "status": "partly_committed"})  # not a full commit: allowed
    RecordImportBatch.objects.create(**{**fields, "tenant": world.wuqing})  # another unit: allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        RecordImportBatch.objects.create(**fields)
