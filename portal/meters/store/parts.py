"""The two month-file layouts and their readers and writers.

Daily data sets (``meter_daily``, ``area_daily``) are *dense*: one row per key code (sorted), with
the month's values as a fixed-size list of float32 (NaN = no reading) and, alongside, the id of the
batch that wrote each value (0 = none). A read turns a month into a (keys × days) block with one
reshape and copies it into the matrix row by row — no per-value scatter, which is what makes
90 M values load in about two seconds.

``interval`` is *long*: (key code, minute of the month, kW, batch), sorted by key and minute, since
a dense 15-minute month would be ~3 000 slots per meter, mostly empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from portal.meters.store.layout import fsync_file

# Row groups of this many keys: small enough to skip most of a month when a few meters are asked for.
_ROW_GROUP = 1 << 16


@dataclass
class DenseMonth:
    codes: np.ndarray  # int32, sorted, distinct
    values: np.ndarray  # float32 (len(codes), days in month), NaN where missing
    batches: np.ndarray  # int32, same shape; 0 where missing

    @classmethod
    def empty(cls, days: int) -> DenseMonth:
        return cls(
            codes=np.empty(0, dtype=np.int32),
            values=np.empty((0, days), dtype=np.float32),
            batches=np.empty((0, days), dtype=np.int32),
        )


@dataclass
class LongMonth:
    codes: np.ndarray  # int32
    minutes: np.ndarray  # int32: minutes since the first of the month, 00:00
    values: np.ndarray  # float32
    batches: np.ndarray  # int32

    @classmethod
    def empty(cls) -> LongMonth:
        return cls(*(np.empty(0, dtype=t) for t in (np.int32, np.int32, np.float32, np.int32)))

    def composite(self) -> np.ndarray:
        return (self.codes.astype(np.int64) << 32) | self.minutes.astype(np.int64)


def _fixed_list(flat: np.ndarray, width: int) -> pa.FixedSizeListArray:
    return pa.FixedSizeListArray.from_arrays(pa.array(flat.reshape(-1)), width)


def _unlist(column: pa.ChunkedArray, width: int, dtype: type) -> np.ndarray:
    if column.num_chunks == 0 or len(column) == 0:
        return np.empty((0, width), dtype=dtype)
    flat = column.combine_chunks().flatten().to_numpy(zero_copy_only=False)
    return flat.astype(dtype, copy=False).reshape(-1, width)


def _code_filter(codes: np.ndarray | None) -> list[tuple[str, str, Sequence[int]]] | None:
    return None if codes is None else [("key", "in", codes.astype(np.int32).tolist())]


def read_dense(path: Path, days: int, *, codes: np.ndarray | None = None, with_batches: bool = True) -> DenseMonth:
    columns = ["key", "value", "batch"] if with_batches else ["key", "value"]
    table = pq.read_table(path, columns=columns, filters=_code_filter(codes))
    return DenseMonth(
        codes=table.column("key").to_numpy().astype(np.int32, copy=False),
        values=_unlist(table.column("value"), days, np.float32),
        batches=_unlist(table.column("batch"), days, np.int32) if with_batches else np.empty((0, days), np.int32),
    )


def write_dense(month: DenseMonth, path: Path) -> None:
    days = month.values.shape[1]
    table = pa.table(
        {
            "key": pa.array(month.codes, type=pa.int32()),
            "value": _fixed_list(month.values.astype(np.float32, copy=False), days),
            "batch": _fixed_list(month.batches.astype(np.int32, copy=False), days),
        }
    )
    _write(table, path)


def read_long(path: Path, *, codes: np.ndarray | None = None) -> LongMonth:
    table = pq.read_table(path, filters=_code_filter(codes))
    return LongMonth(
        codes=table.column("key").to_numpy().astype(np.int32, copy=False),
        minutes=table.column("minute").to_numpy().astype(np.int32, copy=False),
        values=table.column("kw").to_numpy().astype(np.float32, copy=False),
        batches=table.column("batch").to_numpy().astype(np.int32, copy=False),
    )


def write_long(month: LongMonth, path: Path) -> None:
    table = pa.table(
        {
            "key": pa.array(month.codes, type=pa.int32()),
            "minute": pa.array(month.minutes, type=pa.int32()),
            "kw": pa.array(month.values, type=pa.float32()),
            "batch": pa.array(month.batches, type=pa.int32()),
        }
    )
    _write(table, path)


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", row_group_size=_ROW_GROUP)
    fsync_file(path)
