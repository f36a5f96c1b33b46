"""Vectorised checks of a parsed file: every bad row found with numpy/Arrow, none by a Python loop.

Dates and times are parsed per *distinct* text (a file of a million rows has ninety dates), keys are
checked per distinct key, numbers by Arrow's cast (pandas only when a cell does not parse).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.utils.translation import gettext as _

from portal.imports.report import frame_of
from portal.meters.imports.columns import DatasetSpec
from portal.meters.imports.parsing import ParsedFile
from portal.meters.store import Readings

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日", "%Y.%m.%d")
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
)


@dataclass
class Validated:
    readings: Readings | None  # None when no row is good
    problems: pd.DataFrame  # row, column, value, reason — sorted by row
    rows_total: int
    rows_rejected: int

    @property
    def rows_accepted(self) -> int:
        return self.rows_total - self.rows_rejected


class Findings:
    """Collects (rows, column, values, reason) and which rows are bad."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.bad = np.zeros(parsed.rows, dtype=bool)
        self.frames: list[pd.DataFrame] = [frame_of(parsed.problems)]

    def add(self, mask: np.ndarray, column: str, reason: str | np.ndarray) -> None:
        if not mask.any():
            return
        self.bad |= mask
        # The cell texts are made for the reported rows only: casting a million numbers to text
        # for a report of three rows would cost more than the whole validation.
        cells = as_text(self.parsed.columns[column].filter(pa.array(mask)))
        self.frames.append(
            pd.DataFrame(
                {
                    "row": self.parsed.row_numbers[mask],
                    "column": self.parsed.headers[column],
                    "value": cells.to_numpy(zero_copy_only=False),
                    "reason": reason if isinstance(reason, str) else reason[mask],
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        frames = [f for f in self.frames if len(f)]
        if not frames:
            return frame_of([])
        problems = pd.concat(frames, ignore_index=True)
        problems["row"] = problems["row"].astype("Int64")
        return problems.sort_values("row", kind="stable", ignore_index=True, na_position="first")


def as_text(column: pa.Array) -> pa.Array:
    """The column as trimmed text, for the report."""
    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return pc.utf8_trim_whitespace(text.fill_null(""))


def blank_cells(column: pa.Array) -> np.ndarray:
    """Empty cells: null, "" or only spaces."""
    if not pa.types.is_string(column.type):
        return column.is_null().to_numpy(zero_copy_only=False)
    blank = pc.or_kleene(pc.equal(pc.utf8_length(column), 0), pc.utf8_is_space(column))
    return blank.fill_null(True).to_numpy(zero_copy_only=False)


def _keys(column: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """(distinct trimmed keys, index of each row's key): trimming runs on the distinct keys only."""
    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    if text.null_count:
        text = text.fill_null("")
    encoded = text.dictionary_encode()
    trimmed = pc.utf8_trim_whitespace(encoded.dictionary).dictionary_encode()
    index = trimmed.indices.to_numpy(zero_copy_only=False)[encoded.indices.to_numpy(zero_copy_only=False)]
    return trimmed.dictionary, index.astype(np.int32)


def _parse_distinct(text: pa.Array, formats: tuple[str, ...], unit: str) -> np.ndarray:
    """datetime64 per row (NaT where no format fits), parsing each distinct text once."""
    encoded = text.dictionary_encode()
    distinct = pd.Series(encoded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
    parsed = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")
    for fmt in formats:
        todo = parsed.isna() & (distinct != "")
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(distinct[todo], format=fmt, errors="coerce")
    as_unit = parsed.to_numpy().astype(f"datetime64[{unit}]")
    return as_unit[encoded.indices.to_numpy(zero_copy_only=False)]


def parse_times(column: pa.Array, unit: str) -> np.ndarray:
    if pa.types.is_timestamp(column.type) and column.type.tz is not None:
        local = column.to_pandas().dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
        return local.to_numpy().astype(f"datetime64[{unit}]")
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        # Through integers: converting date objects one by one would cost seconds per million rows.
        typed = pc.cast(column, pa.date32() if unit == "D" else pa.timestamp(unit))
        width = np.int32 if unit == "D" else np.int64
        raw = pc.cast(typed, pa.int32() if unit == "D" else pa.int64()).fill_null(0).to_numpy(zero_copy_only=False)
        times = raw.astype(width).astype(f"datetime64[{unit}]")
        times[column.is_null().to_numpy(zero_copy_only=False)] = np.array("NaT", dtype=f"datetime64[{unit}]")
        return times
    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return _parse_distinct(
        pc.utf8_trim_whitespace(text.fill_null("")), DATE_FORMATS if unit == "D" else TIME_FORMATS, unit
    )


def parse_numbers(column: pa.Array) -> np.ndarray:
    """float64 per row, NaN where the cell is empty or not a number."""
    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type) or pa.types.is_decimal(column.type):
        return pc.cast(column, pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    try:
        return pc.cast(text, pa.float64()).fill_null(np.nan).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        cells = pd.Series(text.to_numpy(zero_copy_only=False), dtype=object).str.strip()
        return pd.to_numeric(cells, errors="coerce").to_numpy(np.float64)


def validate(
    parsed: ParsedFile, spec: DatasetSpec, known_keys: pa.Array, today: dt.date, now: dt.datetime
) -> Validated:
    found = Findings(parsed)
    columns = parsed.columns
    # Keys: checked once per distinct key.
    distinct, key_index = _keys(columns[spec.key])
    distinct_empty = pc.equal(distinct, "").to_numpy(zero_copy_only=False)
    distinct_unknown = ~pc.is_in(distinct, value_set=known_keys).to_numpy(zero_copy_only=False) & ~distinct_empty
    found.add(distinct_empty[key_index], spec.key, _("This cell is empty."))
    unknown_reason = (
        _("Unknown meter: this number is not in the company's meter register.")
        if spec.key == "meter_no"
        else _("Unknown transformer area: this code is not in the company's area register.")
    )
    found.add(distinct_unknown[key_index], spec.key, unknown_reason)
    # Dates or times.
    unit = "D" if spec.daily else "m"
    times = parse_times(columns[spec.time], unit if spec.daily else "s")
    time_empty = blank_cells(columns[spec.time])
    found.add(time_empty, spec.time, _("This cell is empty."))
    unparsable = np.isnat(times) & ~time_empty
    if spec.daily:
        found.add(unparsable, spec.time, _("Not a date: write it as YYYY-MM-DD."))
        future = ~np.isnat(times) & (times > np.datetime64(today, "D"))
        found.add(future, spec.time, _("Date in the future."))
    else:
        found.add(unparsable, spec.time, _("Not a time: write it as YYYY-MM-DD HH:MM."))
        valid = ~np.isnat(times)
        off_minute = valid & (times.astype("datetime64[m]") != times)
        found.add(off_minute, spec.time, _("The time must be on a whole minute."))
        future = valid & (times > np.datetime64(now.replace(tzinfo=None), "s"))
        found.add(future, spec.time, _("Time in the future."))
        times = times.astype("datetime64[m]")
    # Values.
    values = parse_numbers(columns[spec.value])
    value_empty = blank_cells(columns[spec.value])
    found.add(value_empty, spec.value, _("This cell is empty."))
    found.add(~np.isfinite(values) & ~value_empty, spec.value, _("Not a number."))
    found.add(np.isfinite(values) & (values < 0), spec.value, _("Negative reading."))
    keep = _duplicates(found, spec, key_index, times, values)
    return Validated(
        readings=_readings(distinct, key_index, times, values, keep),
        problems=found.frame(),
        rows_total=parsed.rows + parsed.rows_unreadable,
        rows_rejected=int(found.bad.sum()) + parsed.rows_unreadable,
    )


def _cells(key_index: np.ndarray, times: np.ndarray) -> np.ndarray:
    """One int64 per (key, time), equal exactly when both are."""
    offsets = (times - times.min()).astype(np.int64)
    return key_index.astype(np.int64) * (int(offsets.max()) + 1) + offsets


def _duplicates(
    found: Findings, spec: DatasetSpec, key_index: np.ndarray, times: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """Report rows that give one (key, time) different values; return the good rows to keep, with
    identical repeats collapsed to their first occurrence."""
    good = np.flatnonzero(~found.bad)
    if not len(good):
        return good
    cell = _cells(key_index[good], times[good])
    repeated = pd.Series(cell).duplicated(keep=False).to_numpy()
    if not repeated.any():  # the usual case: one hash pass and done
        return good
    group = pd.DataFrame(
        {"cell": cell[repeated], "value": values[good][repeated], "row": found.parsed.row_numbers[good][repeated]}
    )
    conflicting = group.groupby("cell")["value"].transform("nunique").to_numpy() > 1
    if conflicting.any():
        clash = group[conflicting]
        rows_of_cell = clash.groupby("cell")["row"].agg(lambda rows: sorted(rows.tolist()))
        template = (
            _("Same %(what)s and date as row %(rows)s, but a different value.")
            if spec.daily
            else _("Same %(what)s and time as row %(rows)s, but a different value.")
        )
        # One reason per conflicting row, naming the other rows: a loop over the clashes only.
        reasons = [
            template % {"what": spec.key_label, "rows": "、".join(str(r) for r in rows_of_cell[c] if r != row)}
            for c, row in zip(clash["cell"], clash["row"], strict=True)
        ]
        mask = np.zeros(len(found.bad), dtype=bool)
        mask[good[np.flatnonzero(repeated)[conflicting]]] = True
        reason_column = np.empty(len(found.bad), dtype=object)
        reason_column[mask] = reasons
        found.add(mask, spec.value, reason_column)
    good = np.flatnonzero(~found.bad)
    if not len(good):
        return good
    return good[~pd.Series(_cells(key_index[good], times[good])).duplicated(keep="first").to_numpy()]


def _readings(
    distinct: pa.Array, key_index: np.ndarray, times: np.ndarray, values: np.ndarray, keep: np.ndarray
) -> Readings | None:
    if not len(keep):
        return None
    used = np.zeros(len(distinct), dtype=bool)
    used[key_index[keep]] = True
    remap = np.cumsum(used) - 1
    return Readings(
        keys=distinct.filter(pa.array(used)),
        key_index=remap[key_index[keep]].astype(np.int32),
        times=times[keep],
        values=values[keep].astype(np.float32),
    )
