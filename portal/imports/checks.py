"""``manage.py check`` holds every data set to its declaration: headers that mean one column each, and
a sample row for the format page.

That the sample rows pass the data set's own cell checks (the sample file must import) is a test,
``tests/imports/test_declarations.py``, not a system check: samples are written in Chinese, and a
choice's Chinese label needs the compiled catalogues, which a fresh checkout has not made yet when
its first command runs its checks."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from portal.imports.checking import check_rows
from portal.imports.reading import ReadFile, SourceRow, header_lookup
from portal.imports.registry import all_imports
from portal.imports.spec import DeclarationError, RecordImport


def sample_problems(spec: RecordImport) -> list[str]:
    """What is wrong with the declared example rows, read as the sample file would be."""
    read = ReadFile(
        positions={column.name: position for position, column in enumerate(spec.columns)},
        headers={column.name: str(column.label) for column in spec.columns},
        rows=[SourceRow(number, tuple(row)) for number, row in enumerate(spec.sample, start=2)],
    )
    checked = check_rows(spec, read)
    return [f"row {p.row}, {p.column} {p.value!r}: {p.reason}" for p in checked.problems]


@register()
def check_datasets(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for spec in all_imports():
        where = f"data set {spec.code}"
        try:
            header_lookup(spec)
        except DeclarationError as exc:
            errors.append(Error(str(exc), obj=where, id="imports.E001"))
        if not spec.sample:
            errors.append(
                Error("no sample row: the format page and the sample file need one", obj=where, id="imports.E002")
            )
    return errors
