"""The import file formats as the portal shows them, made from the one column table (``ALIASES``)
and the data set specs, so the page cannot drift from what the import accepts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from portal.meters.imports.columns import ALIASES, ALL_DATASETS, REGISTER_SPECS, SPECS
from portal.meters.models import Dataset

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


@dataclass(frozen=True)
class ColumnFormat:
    name: str
    chinese: str  # the header the report uses
    others: tuple[str, ...]  # every other accepted header
    required: bool


@dataclass(frozen=True)
class DatasetFormat:
    code: str
    label: str
    columns: tuple[ColumnFormat, ...]

    @property
    def register(self) -> bool:
        return self.code in REGISTER_SPECS


def _columns(required: tuple[str, ...], optional: tuple[str, ...]) -> tuple[ColumnFormat, ...]:
    return tuple(
        ColumnFormat(name, ALIASES[name][0], ALIASES[name][1:], name in required) for name in (*required, *optional)
    )


def dataset_formats() -> list[DatasetFormat]:
    """Every data set in import order: the register first (areas, then meters), then readings."""
    formats = []
    for code in ALL_DATASETS:
        spec = REGISTER_SPECS[code] if code in REGISTER_SPECS else SPECS[code]
        formats.append(DatasetFormat(code, str(Dataset(code).label), _columns(spec.required, spec.optional)))
    return formats


def sample_path(dataset: str) -> Path | None:
    """The sample file of a data set (docs/samples/<data set>.csv), None for an unknown name."""
    if dataset not in ALL_DATASETS:
        return None
    path = SAMPLES / f"{dataset}.csv"
    return path if path.is_file() else None
