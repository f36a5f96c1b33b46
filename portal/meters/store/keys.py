"""The per-tenant, per-data-set key dictionary: meter numbers (or area codes) to int32 codes.

Month files hold int32 codes, not strings: a code is a row of a dense block, so a read scatters whole
rows into the matrix instead of hashing strings. Codes are append-only (a key keeps its code
forever). The file also holds the codes in key order, so reads can return keys sorted without
sorting a million strings each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from portal.meters.store.layout import fsync_file


@dataclass(frozen=True)
class KeyDictionary:
    keys: pa.Array  # string, indexed by code
    sorted_codes: np.ndarray  # int32: the codes in key order

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def rank(self) -> np.ndarray:
        """code -> position of its key in sorted order."""
        rank = np.empty(len(self.sorted_codes), dtype=np.int64)
        rank[self.sorted_codes] = np.arange(len(self.sorted_codes), dtype=np.int64)
        return rank

    def codes_of(self, keys: pa.Array) -> np.ndarray:
        """int64 codes of ``keys``; -1 where a key is not in the dictionary."""
        if len(self.keys) == 0:
            return np.full(len(keys), -1, dtype=np.int64)
        found = pc.index_in(keys, value_set=self.keys)
        return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)

    def sorted_keys(self) -> pa.Array:
        return self.keys.take(pa.array(self.sorted_codes))


EMPTY = KeyDictionary(keys=pa.array([], type=pa.string()), sorted_codes=np.empty(0, dtype=np.int32))


@lru_cache(maxsize=16)
def _load(path: str) -> KeyDictionary:
    # Dictionary files are immutable (a change gets a new name), so caching by path is safe.
    table = pq.read_table(path)
    keys = table.column("key").combine_chunks()
    sorted_codes = table.column("sorted_codes").to_numpy().astype(np.int32)
    return KeyDictionary(keys=keys, sorted_codes=sorted_codes)


def load(root: Path, relative: str | None) -> KeyDictionary:
    return _load(str(root / relative)) if relative else EMPTY


def extend(dictionary: KeyDictionary, new_keys: pa.Array) -> KeyDictionary:
    """The dictionary with ``new_keys`` (distinct, absent from it) appended under the next codes."""
    keys = pa.concat_arrays([dictionary.keys, new_keys.cast(pa.string())])
    sorted_codes = pc.sort_indices(keys).to_numpy().astype(np.int32)
    return KeyDictionary(keys=keys, sorted_codes=sorted_codes)


def write(dictionary: KeyDictionary, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table({"key": dictionary.keys, "sorted_codes": pa.array(dictionary.sorted_codes, type=pa.int32())})
    pq.write_table(table, path, compression="zstd")
    fsync_file(path)
