"""What a data set is: its columns, natural key, the app's ``apply`` and an example row.

An app declares each of its data sets once, in its ``imports.py``; the format page, the sample file,
the header matching, the cell checks and the API's list of data sets are all generated from it, so
they cannot drift apart. This module is imported while the app registry loads: no models here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from portal.core.catalogue import CATALOGUE_CODES, CORE

if TYPE_CHECKING:
    from portal.imports.context import ImportContext, Row

Text = str | Promise
Number = int | Decimal

# The kinds of cell a column may hold; each is parsed and described in ``portal.imports.cells``.
KINDS = ("text", "integer", "decimal", "date", "datetime", "boolean", "choice", "latitude", "longitude", "phone")
NUMERIC_KINDS = ("integer", "decimal", "latitude", "longitude")
_CODE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Decimal places kept of a coordinate: the portal's models store six (about 0.1 m).
COORDINATE_PLACES = 6


class DeclarationError(ValueError):
    """A data set's declaration contradicts itself; raised when the app's imports.py is loaded."""


@dataclass(frozen=True)
class Column:
    """One column of a data set.

    ``name`` is the key of the value handed to ``apply`` (usually the model field's name); ``label``
    is the column's name in the sample file and on the format page. A file's header may use the
    name, the label in any of the portal's languages, or one of ``aliases``; a unit in brackets after
    it (``高度(m)``) is ignored. ``kind`` defaults to "choice" when ``choices`` are given, else "text".
    """

    name: str
    label: Text
    aliases: tuple[str, ...] = ()
    kind: str = ""
    required: bool = False
    max_length: int | None = None
    min_value: Number | None = None
    max_value: Number | None = None
    choices: Sequence[tuple[Any, Text]] = ()
    decimal_places: int | None = None
    help_text: Text = ""

    def __post_init__(self) -> None:
        # Frozen: the defaults that depend on other fields are set through object.__setattr__.
        if not self.kind:
            object.__setattr__(self, "kind", "choice" if self.choices else "text")
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "choices", tuple((str(value), label) for value, label in self.choices))
        if self.kind in ("latitude", "longitude") and self.decimal_places is None:
            object.__setattr__(self, "decimal_places", COORDINATE_PLACES)
        if not _NAME.match(self.name):
            raise DeclarationError(f"column {self.name!r}: a name is lower-case letters, digits and _")
        if self.kind not in KINDS:
            raise DeclarationError(f"column {self.name!r}: unknown kind {self.kind!r} (one of {', '.join(KINDS)})")
        if (self.kind == "choice") != bool(self.choices):
            raise DeclarationError(f"column {self.name!r}: choices go with kind 'choice', and it needs them")
        if (self.min_value is not None or self.max_value is not None) and self.kind not in NUMERIC_KINDS:
            raise DeclarationError(f"column {self.name!r}: min_value/max_value apply to numbers only")
        if self.max_length is not None and self.kind != "text":
            raise DeclarationError(f"column {self.name!r}: max_length applies to text only")


@dataclass(frozen=True)
class RecordImport:
    """A data set an app lets people import from a spreadsheet (see docs/imports.md).

    - ``code``: ``<programme>.<name>`` for a programme's data set (``birdguard.towers``), ``<core
      package>.<name>`` for the core's (``stakeholders.organisations``, with ``programme="core"``).
    - ``key``: the columns of the natural key. Two rows of one file with the same key: the second
      is refused, naming the first. Key columns must be required.
    - ``apply(ctx, rows)``: writes the good rows inside the import's transaction; see
      ``portal.imports.context.ImportContext``.
    - ``check(row)``: optional cross-field rule; yields ``(column, reason)`` for each problem.
    - ``sample``: example rows, one text per column in column order, for the sample file and the
      format page (``manage.py check`` fails if an example does not pass the data set's own checks).
    """

    code: str
    label: Text
    programme: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    apply: Callable[[ImportContext, list[Row]], None]
    sample: tuple[tuple[str, ...], ...] = ()
    check: Callable[[Row], Iterable[tuple[str, Text]]] | None = None
    description: Text = ""
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(self.columns))
        object.__setattr__(self, "key", tuple(self.key))
        object.__setattr__(self, "sample", tuple(tuple(row) for row in self.sample))
        object.__setattr__(self, "_by_name", {column.name: column for column in self.columns})
        where = f"data set {self.code!r}"
        if not _CODE.match(self.code):
            raise DeclarationError(f"{where}: a code reads <package>.<name>, lower-case (birdguard.towers)")
        package = self.code.split(".", 1)[0]
        if self.programme != CORE and self.programme not in CATALOGUE_CODES:
            raise DeclarationError(f"{where}: programme {self.programme!r} is neither 'core' nor in the catalogue")
        if self.programme != CORE and package != self.programme:
            raise DeclarationError(f"{where}: a programme's data set code starts with {self.programme}.")
        if self.programme == CORE and package in CATALOGUE_CODES:
            raise DeclarationError(f"{where}: a core data set cannot be named after the programme {package!r}")
        if not self.columns:
            raise DeclarationError(f"{where}: no columns")
        if len(self._by_name) != len(self.columns):
            raise DeclarationError(f"{where}: two columns share a name")
        if not self.key:
            raise DeclarationError(f"{where}: a natural key is needed (key=...), so re-imports update rows")
        for name in self.key:
            column = self._by_name.get(name)
            if column is None:
                raise DeclarationError(f"{where}: key column {name!r} is not a column")
            if not column.required:
                raise DeclarationError(f"{where}: key column {name!r} must be required")
        for number, row in enumerate(self.sample, start=1):
            if len(row) != len(self.columns):
                raise DeclarationError(
                    f"{where}: sample row {number} has {len(row)} values for {len(self.columns)} columns"
                )

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.required)

    def coordinate_columns(self) -> tuple[Column, Column] | None:
        """The (latitude, longitude) pair checked together, when the data set has exactly one of each."""
        latitudes = [c for c in self.columns if c.kind == "latitude"]
        longitudes = [c for c in self.columns if c.kind == "longitude"]
        if len(latitudes) == 1 and len(longitudes) == 1:
            return latitudes[0], longitudes[0]
        return None
