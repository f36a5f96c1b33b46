"""A data set's declaration is held to itself: at load time (DeclarationError) and by ``manage.py check``."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from portal.imports import Column, RecordImport, register_import
from portal.imports.checks import check_datasets, sample_problems
from portal.imports.registry import all_imports, unregister_import
from portal.imports.spec import DeclarationError


def _nothing(ctx: Any, rows: Any) -> None:
    ctx.unchanged += len(rows)


def spec(**overrides: Any) -> RecordImport:
    fields: dict[str, Any] = {
        "code": "birdguard.towers_probe",
        "label": "杆塔",
        "programme": "birdguard",
        "columns": (Column("number", "杆塔号", required=True), Column("height_m", "高度", kind="decimal")),
        "key": ("number",),
        "apply": _nothing,
        "sample": (("001", "36"),),
    }
    return RecordImport(**{**fields, **overrides})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"code": "towers"}, "a code reads <package>.<name>"),
        ({"code": "careband.towers"}, "starts with birdguard."),
        ({"programme": "gas"}, "neither 'core' nor in the catalogue"),
        ({"programme": "core", "code": "birdguard.towers"}, "cannot be named after the programme"),
        ({"key": ()}, "a natural key is needed"),
        ({"key": ("height_m",)}, "key column 'height_m' must be required"),
        ({"key": ("line",)}, "key column 'line' is not a column"),
        ({"sample": (("001",),)}, "sample row 1 has 1 values for 2 columns"),
        ({"columns": (Column("number", "杆塔号", required=True), Column("number", "号"))}, "two columns share a name"),
    ],
)
def test_a_declaration_that_contradicts_itself_fails_when_loaded(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(DeclarationError, match=message):
        spec(**overrides)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "colour"}, "unknown kind 'colour'"),
        ({"kind": "choice"}, "choices go with kind 'choice'"),
        ({"kind": "text", "min_value": 0}, "min_value/max_value apply to numbers only"),
        ({"kind": "integer", "max_length": 3}, "max_length applies to text only"),
        ({"name": "Height"}, "a name is lower-case letters"),
    ],
)
def test_a_column_that_contradicts_itself_fails_when_loaded(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(DeclarationError, match=message):
        Column(**{"name": "height", "label": "高度", **arguments})


def test_choices_make_a_choice_column_and_coordinates_keep_six_places() -> None:
    assert Column("kind", "类型", choices=[("a", "甲")]).kind == "choice"
    assert Column("lat", "纬度", kind="latitude").decimal_places == 6


def test_a_data_set_code_is_registered_once() -> None:
    register_import(first := spec())
    try:
        register_import(first)  # the same declaration again (a module imported twice): fine
        with pytest.raises(DeclarationError, match="declared twice"):
            register_import(spec())
    finally:
        unregister_import(first.code)


def test_the_system_check_passes_for_the_installed_data_sets() -> None:
    assert [spec.code for spec in all_imports()] == ["stakeholders.organisations"]
    assert check_datasets() == []


def test_every_registered_sample_passes_its_own_checks_in_chinese() -> None:
    with translation.override("zh-hans"):
        assert {spec.code: sample_problems(spec) for spec in all_imports()} == {spec.code: [] for spec in all_imports()}


def test_a_sample_that_fails_its_own_checks_is_named_with_the_row_and_the_reason() -> None:
    bad_sample = spec(code="birdguard.bad_sample", sample=(("001", "三十六"),))
    with translation.override("zh-hans"):
        assert sample_problems(bad_sample) == ["row 2, 高度 '三十六': 不是有效的数字。"]


def test_the_system_check_refuses_headers_meaning_two_columns() -> None:
    clash = spec(
        code="birdguard.clash",
        columns=(Column("number", "杆塔号", required=True), Column("height_m", "高度", aliases=("杆塔号",))),
        sample=(("001", "36"),),
    )
    register_import(clash)
    try:
        found = {(error.id, error.obj, error.msg) for error in check_datasets()}
    finally:
        unregister_import(clash.code)
    assert found == {
        (
            "imports.E001",
            "data set birdguard.clash",
            "data set 'birdguard.clash': the header '杆塔号' would mean both 'number' and 'height_m'",
        ),
    }
