"""The format page and the sample file of a data set, generated from its declaration.

What the page says a column accepts is what ``cells`` and ``reading`` accept: both read the same
``Column`` and the same ``cells.FORMATS``, so the documentation of a data set cannot drift from it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from portal.core.catalogue import CORE
from portal.core.programmes import programme_name
from portal.imports.cells import FORMATS
from portal.imports.spec import Column, RecordImport


@dataclass(frozen=True)
class ColumnFormat:
    header: str  # the column's name in the sample file (its label, in the active language)
    also: list[str]  # the other headers accepted
    kind: str  # what the cell holds, with its accepted formats
    rules: list[str]
    required: bool
    in_key: bool
    example: str


def accepted_headers(column: Column) -> list[str]:
    names = [column.name, *column.aliases]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(column.label))
    return list(dict.fromkeys(names))


def _rules(column: Column) -> list[str]:
    rules: list[str] = []
    if column.max_length is not None:
        rules.append(_("At most %(max)d characters.") % {"max": column.max_length})
    if column.min_value is not None:
        rules.append(_("Smallest value: %(min)s.") % {"min": column.min_value})
    if column.max_value is not None:
        rules.append(_("Largest value: %(max)s.") % {"max": column.max_value})
    if column.decimal_places is not None:
        rules.append(_("Rounded to %(places)d decimal places.") % {"places": column.decimal_places})
    if column.choices:
        rules.append(
            _("Values: %(choices)s.") % {"choices": "、".join(f"{label} ({value})" for value, label in column.choices)}
        )
    if column.help_text:
        rules.append(str(column.help_text))
    return rules


def describe(spec: RecordImport) -> list[ColumnFormat]:
    example = spec.sample[0] if spec.sample else ()
    formats: list[ColumnFormat] = []
    for position, column in enumerate(spec.columns):
        header = str(column.label)
        formats.append(
            ColumnFormat(
                header=header,
                also=[name for name in accepted_headers(column) if name != header],
                kind=str(FORMATS[column.kind]),
                rules=_rules(column),
                required=column.required,
                in_key=column.name in spec.key,
                example=example[position] if example else "",
            )
        )
    return formats


def programme_label(spec: RecordImport) -> str:
    return str(_("Core")) if spec.programme == CORE else programme_name(spec.programme)


def sample_csv(spec: RecordImport) -> bytes:
    """The sample file: the labels as header, the declared example rows; UTF-8 with a BOM for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in spec.columns])
    writer.writerows(spec.sample)
    return buffer.getvalue().encode("utf-8-sig")


def sample_filename(spec: RecordImport) -> str:
    return f"{spec.code}-sample.csv"
