"""Non-overlapping spells of days per row (meter), placed at random without a Python loop over rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Spells:
    """Spells as parallel arrays: row index, first day, day after the last (half-open ``[start, end)``)."""

    row: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.row)

    def select(self, keep: np.ndarray) -> Spells:
        return Spells(self.row[keep], self.start[keep], self.end[keep])


def place_spells(
    rng: np.random.Generator,
    rows: np.ndarray,
    first_day: int,
    last_day: int,
    rate_per_day: float,
    min_len: int,
    max_len: int,
) -> Spells:
    """Random spells for each of ``rows`` between ``first_day`` and ``last_day`` (exclusive).

    The window is cut into equal slots at least ``max_len + 1`` days wide and each slot holds at most
    one spell, so spells of one row never touch; a slot is used with the probability that gives about
    ``rate_per_day`` spells per day on average.
    """
    span = last_day - first_day
    if span <= min_len or len(rows) == 0 or rate_per_day <= 0:
        return Spells(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))
    max_len = min(max_len, span - 1)
    n_slots = max(1, span // (max_len + 1))
    width = span // n_slots
    used = rng.random((len(rows), n_slots)) < min(1.0, rate_per_day * width)
    row_idx, slot = np.nonzero(used)
    lengths = rng.integers(min_len, max_len + 1, len(row_idx))
    offsets = (rng.random(len(row_idx)) * (width - lengths + 1)).astype(np.int64)
    start = first_day + slot * width + offsets
    return Spells(rows[row_idx].astype(np.int64), start.astype(np.int64), (start + lengths).astype(np.int64))


def spell_mask(spells: Spells, n_rows: int, n_days: int) -> np.ndarray:
    """Boolean ``[n_rows, n_days]`` mask, True on every day inside a spell."""
    edges = np.zeros((n_rows, n_days + 1), dtype=np.int16)
    np.add.at(edges, (spells.row, spells.start), 1)
    np.add.at(edges, (spells.row, spells.end), -1)
    return np.cumsum(edges, axis=1, dtype=np.int16)[:, :n_days] > 0


def overlaps(spells: Spells, mask: np.ndarray) -> np.ndarray:
    """For each spell, whether any of its days is already True in ``mask``."""
    counts = np.zeros((mask.shape[0], mask.shape[1] + 1), dtype=np.int32)
    np.cumsum(mask, axis=1, out=counts[:, 1:])
    return counts[spells.row, spells.end] - counts[spells.row, spells.start] > 0


def spell_days(spells: Spells) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (row, day) inside the spells, with the index of the spell each comes from."""
    lengths = spells.end - spells.start
    which = np.repeat(np.arange(len(spells)), lengths)
    first_of_spell = np.cumsum(lengths) - lengths
    day = spells.start[which] + (np.arange(len(which)) - first_of_spell[which])
    return spells.row[which], day, which
