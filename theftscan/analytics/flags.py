"""Which areas look wrong: the tenant's rules applied to the daily loss rates.

A day is "over" when its rate is above the threshold, or above the area's own baseline (the median
of its first ``baseline_days``) by more than ``rise``. An area is flagged when it stays over for at
least ``persistence_days`` days in a row; days without a usable rate neither count nor break a run,
so an area meter outage cannot hide a theft nor make one up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag

import numpy as np


@dataclass(frozen=True)
class FlagRules:
    threshold: float = 0.10  # loss rate (0.10 = 10 %)
    rise: float = 0.025  # above the area's own baseline rate
    baseline_days: int = 28
    persistence_days: int = 7

    def validate(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError("the loss-rate threshold must be between 0 and 1")
        if not 0 < self.rise < 1:
            raise ValueError("the rise must be between 0 and 1")
        if self.baseline_days < 3 or self.persistence_days < 1:
            raise ValueError("baseline needs at least 3 days and persistence at least 1 day")


class FlagReason(IntFlag):
    NONE = 0
    HIGH_RATE = 1  # a run of days above the threshold
    RISE = 2  # a run of days above the area's own baseline plus the rise


@dataclass(frozen=True)
class Flags:
    flagged: np.ndarray  # [areas] bool
    reasons: np.ndarray  # [areas] FlagReason bits
    baseline: np.ndarray  # [areas] median usable rate of the baseline days (NaN if none)
    longest_run: np.ndarray  # [areas] longest run of over days
    over_days: np.ndarray  # [areas] over days in all
    change_day: np.ndarray  # [areas] index of the day the loss rose most clearly (-1 if unknown)


def longest_run(condition: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Per row, the longest run of True ``condition`` days, skipping days that are not ``valid``."""
    hits = (condition & valid).astype(np.int32)
    counted = np.cumsum(hits, axis=1)
    breaks = valid & ~condition
    last_break = np.maximum.accumulate(np.where(breaks, counted, 0), axis=1)
    runs = counted - last_break
    return runs.max(axis=1) if runs.shape[1] else np.zeros(len(runs), dtype=np.int32)


def baseline_rate(rate: np.ndarray, days: int) -> np.ndarray:
    head = rate[:, : min(days, rate.shape[1])]
    result = np.full(len(rate), np.nan)
    has = (~np.isnan(head)).any(axis=1)
    if has.any():
        result[has] = np.nanmedian(head[has], axis=1)
    return result


def change_day(rate: np.ndarray, margin: int = 3) -> np.ndarray:
    """The split that best separates a lower mean rate before from a higher one after (a t-like
    statistic over usable days); -1 for rows with too few usable days."""
    valid = ~np.isnan(rate)
    x = np.where(valid, rate, 0.0)
    n_total = valid.sum(axis=1, keepdims=True)
    s_total = x.sum(axis=1, keepdims=True)
    n_before = np.cumsum(valid, axis=1) - valid  # usable days strictly before each split
    s_before = np.cumsum(x, axis=1) - x
    n_after = n_total - n_before
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = (s_total - s_before) / n_after - s_before / n_before
        stat = gap * np.sqrt(n_before * n_after / n_total)
    allowed = (n_before >= margin) & (n_after >= margin)
    stat = np.where(allowed & np.isfinite(stat), stat, -np.inf)
    best = stat.argmax(axis=1) if stat.shape[1] else np.zeros(len(stat), dtype=np.int64)
    return np.where(np.isfinite(stat.max(axis=1, initial=-np.inf)), best, -1)


def flag_areas(rate: np.ndarray, rules: FlagRules) -> Flags:
    """Apply ``rules`` to daily rates [areas, days] (NaN = not usable)."""
    rules.validate()
    valid = ~np.isnan(rate)
    base = baseline_rate(rate, rules.baseline_days)
    with np.errstate(invalid="ignore"):
        high = np.where(valid, rate > rules.threshold, False)
        risen = np.where(valid & ~np.isnan(base)[:, None], rate > base[:, None] + rules.rise, False)
    over = high | risen
    run = longest_run(over, valid)
    reasons = np.where(longest_run(high, valid) >= rules.persistence_days, FlagReason.HIGH_RATE, 0)
    reasons = reasons | np.where(longest_run(risen, valid) >= rules.persistence_days, FlagReason.RISE, 0)
    flagged = run >= rules.persistence_days
    return Flags(flagged, reasons.astype(np.int8), base, run, over.sum(axis=1), change_day(rate))


def trend(rate: np.ndarray) -> np.ndarray:
    """Least-squares slope of the usable daily rates, per 30 days (0.01 = one point a month)."""
    valid = ~np.isnan(rate)
    t = np.arange(rate.shape[1], dtype=np.float64)[None, :]
    n = valid.sum(axis=1)
    y = np.where(valid, rate, 0.0)
    tv = np.where(valid, t, 0.0)
    st, sy, stt, sty = tv.sum(1), y.sum(1), (tv * tv).sum(1), (tv * y).sum(1)
    denominator = n * stt - st * st
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (n * sty - st * sy) / denominator
    return np.where((n >= 3) & (denominator > 0), slope * 30, np.nan)
