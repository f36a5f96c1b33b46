"""Bulk reads: a (keys × days) float32 matrix, a long DataFrame, interval load.

Missing is not zero: a day without a reading is NaN in the matrix and absent from the frames.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from portal.meters.store import keys as keydict
from portal.meters.store import parts
from portal.meters.store.layout import Manifest, dataset_dir, load_manifest
from portal.meters.store.write import INTERVAL, ONE_DAY, ONE_MONTH, days_in_month, month_label, month_start

DAILY_DATASETS = ("meter_daily", "area_daily")
_RETRIES = 3


@dataclass(frozen=True)
class MeterMatrix:
    keys: np.ndarray  # str, sorted
    dates: np.ndarray  # datetime64[D], every day start..end
    values: np.ndarray  # float32 (len(keys), len(dates)), NaN where there is no reading

    def row(self, key: str) -> np.ndarray:
        index = int(np.searchsorted(self.keys, key))
        if index >= len(self.keys) or self.keys[index] != key:
            raise KeyError(key)
        return self.values[index]


def _with_retry[T](root: Path, work: Callable[[Manifest], T]) -> T:
    """Run ``work`` on the published manifest; if a writer replaced it and removed a superseded file
    under our feet, read again from the new one."""
    for attempt in range(_RETRIES):
        try:
            return work(load_manifest(root))
        except FileNotFoundError:
            if attempt == _RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise ValueError(f"end {end} is before start {start}")


def _check_dataset(dataset: str) -> None:
    if dataset not in DAILY_DATASETS:
        raise ValueError(f"{dataset!r} is not a daily data set; use read_interval for interval load")


def _months(start: np.datetime64, end: np.datetime64) -> np.ndarray:
    return np.arange(start.astype("datetime64[M]"), end.astype("datetime64[M]") + ONE_MONTH, dtype="datetime64[M]")


def _selection(dictionary: keydict.KeyDictionary, keys: Sequence[str] | None) -> tuple[np.ndarray, np.ndarray, bool]:
    """(sorted keys, code -> matrix row or -1, whether only some codes are wanted)."""
    if keys is None:
        return (
            dictionary.sorted_keys().to_numpy(zero_copy_only=False).astype(str),
            dictionary.rank,
            False,
        )
    wanted = np.unique(np.asarray(list(keys), dtype=str))
    row_of_code = np.full(len(dictionary), -1, dtype=np.int64)
    codes = dictionary.codes_of(pa.array(wanted, type=pa.string()))
    known = codes >= 0
    row_of_code[codes[known]] = np.flatnonzero(known)
    return wanted, row_of_code, True


def read_matrix(tenant_id: int, dataset: str, start: date, end: date, keys: Sequence[str] | None = None) -> MeterMatrix:
    """Every day from ``start`` to ``end`` (inclusive) for ``keys`` (default: every key the store
    knows for this tenant and data set), as a float32 matrix with NaN for missing days."""
    _check_dataset(dataset)
    _check_range(start, end)
    root = dataset_dir(tenant_id, dataset)
    return _with_retry(root, lambda manifest: _read_matrix(root, manifest, start, end, keys))


def _read_matrix(root: Path, manifest: Manifest, start: date, end: date, keys: Sequence[str] | None) -> MeterMatrix:
    first, last = np.datetime64(start, "D"), np.datetime64(end, "D")
    dates = np.arange(first, last + ONE_DAY, dtype="datetime64[D]")
    dictionary = keydict.load(root, manifest.keys)
    sorted_keys, row_of_code, partial = _selection(dictionary, keys)
    values = np.full((len(sorted_keys), len(dates)), np.nan, dtype=np.float32)
    wanted_codes = np.flatnonzero(row_of_code >= 0) if partial else None
    if partial and not len(wanted_codes):  # type: ignore[arg-type]
        return MeterMatrix(keys=sorted_keys, dates=dates, values=values)
    for month in _months(first, last):
        relative = manifest.months.get(month_label(month))
        if relative is None:
            continue
        days = days_in_month(month)
        block = parts.read_dense(root / relative, days, codes=wanted_codes, with_batches=False)
        month_first = month_start(month)
        lo = max(first, month_first)
        hi = min(last, month_first + np.timedelta64(days - 1, "D"))
        source = slice(int((lo - month_first).astype(int)), int((hi - month_first).astype(int)) + 1)
        target = slice(int((lo - first).astype(int)), int((hi - first).astype(int)) + 1)
        rows = row_of_code[block.codes]
        take = rows >= 0
        if take.all():
            values[rows, target] = block.values[:, source]
        else:
            values[rows[take], target] = block.values[take][:, source]
    return MeterMatrix(keys=sorted_keys, dates=dates, values=values)


def read_frame(tenant_id: int, dataset: str, start: date, end: date, keys: Sequence[str] | None = None) -> pd.DataFrame:
    """The same readings, long: one row per (key, date) that has a value; sorted by key, date."""
    matrix = read_matrix(tenant_id, dataset, start, end, keys)
    present = ~np.isnan(matrix.values)
    rows, cols = np.nonzero(present)
    return pd.DataFrame(
        {
            "key": matrix.keys[rows],
            "date": matrix.dates[cols],
            "value": matrix.values[rows, cols],
        }
    )


def read_interval(tenant_id: int, keys: Sequence[str] | None, start: date, end: date) -> pd.DataFrame:
    """Interval load (kW) of ``keys`` (all when None) with timestamps on days ``start``..``end``.

    Timestamps are Beijing wall-clock time (naive), as the metering systems write them.
    """
    _check_range(start, end)
    root = dataset_dir(tenant_id, INTERVAL)
    return _with_retry(root, lambda manifest: _read_interval(root, manifest, keys, start, end))


def _read_interval(root: Path, manifest: Manifest, keys: Sequence[str] | None, start: date, end: date) -> pd.DataFrame:
    first, last = np.datetime64(start, "D"), np.datetime64(end, "D")
    dictionary = keydict.load(root, manifest.keys)
    wanted: np.ndarray | None = None
    if keys is not None:
        codes = dictionary.codes_of(pa.array(list(keys), type=pa.string()))
        wanted = np.unique(codes[codes >= 0])
    frames: list[pd.DataFrame] = []
    for month in _months(first, last):
        relative = manifest.months.get(month_label(month))
        if relative is None or (wanted is not None and not len(wanted)):
            continue
        part = parts.read_long(root / relative, codes=wanted)
        ts = month_start(month).astype("datetime64[m]") + part.minutes.astype("timedelta64[m]")
        keep = (ts >= first) & (ts < last + ONE_DAY)
        frames.append(
            pd.DataFrame(
                {
                    "key": dictionary.keys.take(pa.array(part.codes[keep])).to_numpy(zero_copy_only=False),
                    "ts": ts[keep].astype("datetime64[s]"),
                    "kw": part.values[keep],
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                "key": pd.Series([], dtype=object),
                "ts": pd.Series([], dtype="datetime64[s]"),
                "kw": pd.Series([], dtype=np.float32),
            }
        )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["key", "ts"], kind="stable", ignore_index=True)
