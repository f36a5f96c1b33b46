"""Writing one import batch: merge it into each month it touches, stage the files, publish once.

Last writer wins *by batch id*: for every (key, day) the value of the highest batch id stands, even
if batches commit out of order. A value counts as *replaced* when an earlier batch had stored a
different value there; re-stating the same value moves ownership but replaces nothing.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from portal.meters.store import keys as keydict
from portal.meters.store import parts
from portal.meters.store.layout import Manifest, load_manifest, new_file_name, publish_manifest, remove_unreferenced

INTERVAL = "interval"
ONE_DAY = np.timedelta64(1, "D")
ONE_MONTH = np.timedelta64(1, "M")


@dataclass(frozen=True)
class Readings:
    """A batch's validated readings; each (key, time) appears once."""

    keys: pa.Array  # distinct key strings
    key_index: np.ndarray  # int32 per reading: index into ``keys``
    times: np.ndarray  # datetime64[D] for daily data sets, datetime64[m] for interval
    values: np.ndarray  # float32, never NaN

    def __len__(self) -> int:
        return len(self.values)


class PendingPublication(Exception):
    """The data set has a batch waiting for its catalogue commit; reconcile before writing."""


@dataclass
class StagedBatch:
    """Files written and fsynced but not yet visible.

    ``publish()`` makes them visible in one rename. An import wraps its database commit in two
    steps instead: ``prepare()`` names the batch's files in the manifest's ``pending`` entry (still
    invisible to readers, but safe from tidying), the catalogue commits, then ``publish()``; if the
    commit fails, ``abandon()`` drops the pending entry and the files. Whatever a crash leaves in
    between, the reconcile step settles from the catalogue (``portal.meters.imports.reconcile``).
    """

    root: Path
    manifest: Manifest  # the version this batch makes visible
    base: Manifest = field(default_factory=Manifest)  # the published version it was merged into
    written: list[str] = field(default_factory=list)
    replaced: Counter[int] = field(default_factory=Counter)
    superseded: int = 0  # values not applied because a later batch already holds that cell

    @property
    def rows_replaced(self) -> int:
        return sum(self.replaced.values())

    def prepare(self) -> None:
        publish_manifest(self.root, self.base.with_pending(self.manifest))

    def publish(self) -> None:
        publish_manifest(self.root, self.manifest)
        # Tidying is not part of the commit: if it fails, the next writer tidies.
        with contextlib.suppress(OSError):
            remove_unreferenced(self.root, self.manifest)

    def abandon(self) -> None:
        """Back to the version this batch started from: no pending entry, the batch's files gone."""
        publish_manifest(self.root, self.base)
        self.discard()

    def discard(self) -> None:
        for relative in self.written:
            (self.root / relative).unlink(missing_ok=True)


def settle_pending(root: Path, *, publish: bool) -> Manifest:
    """Make a pending batch visible (``publish``) or withdraw it; the caller holds the lock and has
    asked the catalogue which it is. Returns the manifest now published."""
    current = load_manifest(root)
    if current.pending is None:
        return current
    settled = current.pending if publish else current.published()
    publish_manifest(root, settled)
    with contextlib.suppress(OSError):
        remove_unreferenced(root, settled)
    return settled


def month_start(month: np.datetime64) -> np.datetime64:
    return month.astype("datetime64[M]").astype("datetime64[D]")


def month_label(month: np.datetime64) -> str:
    return str(month.astype("datetime64[M]"))


def days_in_month(month: np.datetime64) -> int:
    first = month.astype("datetime64[M]")
    return int(((first + ONE_MONTH).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(int))


def stage(root: Path, dataset: str, batch_id: int, readings: Readings) -> StagedBatch:
    """Merge ``readings`` into the published state and write the result under fresh names.

    The caller holds ``dataset_lock`` from before this call until after ``publish()``.
    """
    current = load_manifest(root)
    if current.pending is not None:
        # Merging into the published state would lose the pending batch if the catalogue had
        # committed it: the caller settles it first (``imports.reconcile``).
        raise PendingPublication(f"batch {current.pending.batch} is pending in {root}")
    version = current.version + 1
    staged = StagedBatch(root=root, manifest=current, base=current)
    try:
        row_codes, dictionary_path = _codes_for(root, current, readings, version, batch_id, staged)
        months = dict(current.months)
        times = readings.times
        month_ids = times.astype("datetime64[M]")
        first, last = month_ids.min(), month_ids.max()
        for month in np.arange(first, last + ONE_MONTH, dtype="datetime64[M]"):
            in_month = month_ids == month
            if not in_month.any():
                continue
            label = month_label(month)
            relative = new_file_name(f"month={label}", "part", version, batch_id)
            previous = root / months[label] if label in months else None
            if dataset == INTERVAL:
                new = parts.LongMonth(
                    codes=row_codes[in_month],
                    minutes=(times[in_month] - month_start(month).astype("datetime64[m]")).astype(np.int32),
                    values=readings.values[in_month],
                    batches=np.full(int(in_month.sum()), batch_id, dtype=np.int32),
                )
                _stage_long(previous, new, batch_id, staged, root / relative)
            else:
                _stage_dense(previous, month, readings, in_month, row_codes, batch_id, staged, root / relative)
            staged.written.append(relative)
            months[label] = relative
        staged.manifest = Manifest(version=version, keys=dictionary_path, months=months, batch=batch_id)
    except BaseException:
        staged.discard()
        raise
    return staged


def _codes_for(
    root: Path, current: Manifest, readings: Readings, version: int, batch_id: int, staged: StagedBatch
) -> tuple[np.ndarray, str | None]:
    """Store codes of every reading; new keys extend the dictionary (written under a fresh name)."""
    dictionary = keydict.load(root, current.keys)
    codes = dictionary.codes_of(readings.keys)
    missing = codes < 0
    dictionary_path = current.keys
    if missing.any():
        start = len(dictionary)
        dictionary = keydict.extend(dictionary, readings.keys.filter(pa.array(missing)))
        codes[missing] = np.arange(start, start + int(missing.sum()), dtype=np.int64)
        dictionary_path = new_file_name("keys", "keys", version, batch_id)
        keydict.write(dictionary, root / dictionary_path)
        staged.written.append(dictionary_path)
    return codes.astype(np.int32)[readings.key_index], dictionary_path


def _new_block(
    readings: Readings, in_month: np.ndarray, row_codes: np.ndarray, first_day: np.datetime64, days: int
) -> parts.DenseMonth:
    """This batch's values of one month as a dense block, rows sorted by key code."""
    local = readings.key_index[in_month]
    present = np.zeros(len(readings.keys), dtype=bool)
    present[local] = True
    used = np.flatnonzero(present)
    row_of = np.full(len(readings.keys), -1, dtype=np.int64)
    row_of[used] = np.arange(len(used))
    day = (readings.times[in_month] - first_day).astype(np.int64)
    block = np.full((len(used), days), np.nan, dtype=np.float32)
    block[row_of[local], day] = readings.values[in_month]
    # The code of each used key: any reading of it carries it.
    code_of_local = np.empty(len(readings.keys), dtype=np.int32)
    code_of_local[local] = row_codes[in_month]
    codes = code_of_local[used]
    order = np.argsort(codes, kind="stable")
    return parts.DenseMonth(codes=codes[order], values=block[order], batches=np.empty((0, days), np.int32))


def _stage_dense(
    previous: Path | None,
    month: np.datetime64,
    readings: Readings,
    in_month: np.ndarray,
    row_codes: np.ndarray,
    batch_id: int,
    staged: StagedBatch,
    target: Path,
) -> None:
    days = days_in_month(month)
    new = _new_block(readings, in_month, row_codes, month_start(month), days)
    old = parts.read_dense(previous, days) if previous is not None else parts.DenseMonth.empty(days)
    codes = np.union1d(old.codes, new.codes).astype(np.int32)
    values = np.full((len(codes), days), np.nan, dtype=np.float32)
    batches = np.zeros((len(codes), days), dtype=np.int32)
    at_old = np.searchsorted(codes, old.codes)
    values[at_old] = old.values
    batches[at_old] = old.batches
    at_new = np.searchsorted(codes, new.codes)
    current_values, current_batches = values[at_new], batches[at_new]
    offered = ~np.isnan(new.values)
    wins = offered & (current_batches <= batch_id)
    _count(staged, offered, wins, current_batches, current_values, new.values)
    values[at_new] = np.where(wins, new.values, current_values)
    batches[at_new] = np.where(wins, np.int32(batch_id), current_batches)
    parts.write_dense(parts.DenseMonth(codes=codes, values=values, batches=batches), target)


def _count(
    staged: StagedBatch,
    offered: np.ndarray,
    wins: np.ndarray,
    current_batches: np.ndarray,
    current_values: np.ndarray,
    new_values: np.ndarray,
) -> None:
    replaced = wins & (current_batches > 0) & (current_values != new_values)
    owners, counts = np.unique(current_batches[replaced], return_counts=True)
    staged.replaced.update({int(o): int(c) for o, c in zip(owners, counts, strict=True)})
    staged.superseded += int((offered & ~wins).sum())


def _stage_long(previous: Path | None, new: parts.LongMonth, batch_id: int, staged: StagedBatch, target: Path) -> None:
    old = parts.read_long(previous) if previous is not None else parts.LongMonth.empty()
    old_keys, new_keys = old.composite(), new.composite()
    at = np.zeros(len(new_keys), dtype=np.int64)
    hit = np.zeros(len(new_keys), dtype=bool)
    current_batches = np.zeros(len(new_keys), dtype=np.int32)
    current_values = np.full(len(new_keys), np.nan, dtype=np.float32)
    if len(old_keys):
        at = np.minimum(np.searchsorted(old_keys, new_keys), len(old_keys) - 1)
        hit = old_keys[at] == new_keys
        current_batches[hit] = old.batches[at[hit]]
        current_values[hit] = old.values[at[hit]]
    offered = np.ones(len(new_keys), dtype=bool)
    wins = current_batches <= batch_id
    _count(staged, offered, wins, current_batches, current_values, new.values)
    drop_old = np.zeros(len(old_keys), dtype=bool)
    drop_old[at[hit & wins]] = True
    merged_keys = np.concatenate([old_keys[~drop_old], new_keys[wins]])
    order = np.argsort(merged_keys, kind="stable")

    def pick(old_column: np.ndarray, new_column: np.ndarray) -> np.ndarray:
        return np.concatenate([old_column[~drop_old], new_column[wins]])[order]

    parts.write_long(
        parts.LongMonth(
            codes=pick(old.codes, new.codes),
            minutes=pick(old.minutes, new.minutes),
            values=pick(old.values, new.values),
            batches=pick(old.batches, new.batches),
        ),
        target,
    )


def first_and_last_day(readings: Readings) -> tuple[date, date]:
    days = readings.times.astype("datetime64[D]")
    return days.min().item(), days.max().item()
