"""Small helpers for writing reading files and importing them the way the command does."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from portal.meters.imports import import_file
from portal.meters.models import ImportBatch
from portal.tenancy.models import Tenant


def write_file(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def run(tenant: Tenant, path: Path, dataset: str = "meter_daily", **kwargs: Any) -> ImportBatch:
    return import_file(tenant, dataset, path, original_name=path.name, source=ImportBatch.Source.COMMAND, **kwargs)


def report_rows(batch: ImportBatch) -> list[list[str]]:
    """The error report as rows (header included), decoded as Excel would (UTF-8 with BOM)."""
    with batch.report_file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def nan_list(values: np.ndarray) -> list[float | None]:
    """Values with NaN as None, so expected rows can be written by hand and compared with ==."""
    return [None if np.isnan(v) else round(float(v), 4) for v in values]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A read_frame result as plain dicts, its datetime64 dates as ``date`` objects."""
    return [{**row, "date": row["date"].date()} for row in frame.to_dict("records")]


def day(text: str) -> date:
    return date.fromisoformat(text)
