"""What an app's ``apply(ctx, rows)`` receives: the good rows, and a context to report back on.

``apply`` runs inside the import's transaction (with the data set locked for this tenant). It resolves
what the rows refer to, refuses the rows it cannot take — *before* writing anything of them —,
writes the rest (``portal.imports.upsert`` does the usual upsert by natural key), and counts every
row it was given exactly once: ``ctx.created``, ``ctx.updated``, ``ctx.unchanged`` or a refusal.
The pipeline fails the import when the counts do not add up, so a forgotten row cannot pass unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from portal.core.types import Actor
from portal.imports.cells import cell_text
from portal.imports.report import Problem
from portal.imports.spec import RecordImport

if TYPE_CHECKING:
    from portal.imports.models import RecordImportBatch
    from portal.tenancy.models import Tenant


@dataclass(frozen=True)
class Row:
    """One good row of the file: ``row["name"]`` is the checked value of a column present in the file.

    A column the file does not have is absent (``"height_m" in row`` is False; ``row.get`` gives
    None), so an update leaves that field alone; an empty cell of a present column is ``""`` for
    text and ``None`` otherwise, and does overwrite.
    """

    number: int  # the row as a person sees it in the spreadsheet (header = row 1)
    values: Mapping[str, Any]
    cells: Mapping[str, str]  # the cells as written, for reasons

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __contains__(self, name: object) -> bool:
        return name in self.values

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def without(self, *names: str) -> dict[str, Any]:
        """The row's values but ``names`` (columns that are not fields of the model, e.g. a code to resolve)."""
        return {name: value for name, value in self.values.items() if name not in names}


@dataclass
class ImportContext:
    spec: RecordImport
    tenant: Tenant
    batch: RecordImportBatch
    actor: Actor  # for the audit trail: the user who imported, or a label for the command
    headers: Mapping[str, str]  # column name → the header as written in the file
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    refused: set[int] = field(default_factory=set)

    def refuse(self, row: Row, column: str, value: object, reason: str | Promise) -> None:
        """Refuse ``row``: the report names its number, the column's header, the value and ``reason``.

        ``value=None`` reports the cell as written in the file.
        """
        shown = row.cells.get(column, "") if value is None else cell_text(value)
        self.problems.append(Problem(row.number, self.header(column), shown, str(reason)))
        self.refused.add(row.number)

    def is_refused(self, row: Row) -> bool:
        return row.number in self.refused

    def header(self, column: str) -> str:
        if column in self.headers:
            return self.headers[column]
        try:
            return str(self.spec.column(column).label)
        except KeyError:
            return column

    @property
    def accounted(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.refused)
