"""Which areas look wrong: a step up in the loss rate against the area's own level and noise, or a
loss rate above the tenant's threshold.

Two rules, either of which flags an area:

- **step** (``FlagReason.RISE``): the area's loss rate stepped up (``changepoint.fit_step``, fitted
  over the history read before the window and the window itself) by at least ``rise``, with a
  t-statistic of at least ``step_t`` against the area's own day-to-day noise, and the higher level
  lasts at least ``persistence_days`` usable days inside the judged window. The step is judged
  against what the area itself did before — its technical-loss level and how much it wanders — not
  against one level for every area, and it is found wherever it falls: in the window or before it.
- **threshold** (``FlagReason.HIGH_RATE``): a run of ``persistence_days`` usable days inside the
  window with the rate above ``threshold`` (10 % is the usual 高损台区 line) — for losses that were
  already high when the data begin, where no step can be seen.

Days without a usable rate neither count nor break a run, so an area meter outage cannot hide a
theft nor make one up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag

import numpy as np

from theftscan.analytics.changepoint import first_rise

# Set once on the tuning seeds of the portal's generator (bench/_tune_theftscan.py; bench/RESULTS.md
# says which seeds): the lowest t at which no honest area of the tuning runs was flagged — the best
# split of an honest area's noise reached t ≈ 5.9 there (a maximum over a hundred candidate days).
STEP_T = 6.0


@dataclass(frozen=True)
class FlagRules:
    threshold: float = 0.10  # loss rate (0.10 = 10 %)
    rise: float = 0.01  # least step of the loss rate worth a visit (0.01 = one point)
    baseline_days: int = 14  # least usable days before a step
    persistence_days: int = 7  # least usable days of the higher level (or over the threshold) in the window
    step_t: float = STEP_T

    def validate(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError("the loss-rate threshold must be between 0 and 1")
        if not 0 < self.rise < 1:
            raise ValueError("the rise must be between 0 and 1")
        if self.baseline_days < 3 or self.persistence_days < 1:
            raise ValueError("baseline needs at least 3 days and persistence at least 1 day")
        if self.step_t <= 0:
            raise ValueError("the step's t threshold must be positive")


class FlagReason(IntFlag):
    NONE = 0
    HIGH_RATE = 1  # a run of days above the threshold
    RISE = 2  # a step up against the area's own level and noise


@dataclass(frozen=True)
class Flags:
    flagged: np.ndarray  # [areas] bool
    reasons: np.ndarray  # [areas] FlagReason bits
    baseline: np.ndarray  # [areas] median usable rate before the change (of the whole series if none)
    longest_run: np.ndarray  # [areas] longest run of window days over (threshold or raised level)
    over_days: np.ndarray  # [areas] window days over in all
    change_day: np.ndarray  # [areas] column of the first day of the higher level (-1 if unknown)
    step: np.ndarray  # [areas] the rise of the loss rate at the change (NaN if nothing fits)
    step_t: np.ndarray  # [areas] its t-statistic against the area's own noise
    noise: np.ndarray  # [areas] the area's day-to-day spread of the rate around its fitted level


def longest_run(condition: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Per row, the longest run of True ``condition`` days, skipping days that are not ``valid``."""
    hits = (condition & valid).astype(np.int32)
    counted = np.cumsum(hits, axis=1)
    breaks = valid & ~condition
    last_break = np.maximum.accumulate(np.where(breaks, counted, 0), axis=1)
    runs = counted - last_break
    return runs.max(axis=1) if runs.shape[1] else np.zeros(len(runs), dtype=np.int32)


def _first_day_of_longest_run(condition: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Column where each row's longest run of ``condition`` begins (-1 without one)."""
    hits = (condition & valid).astype(np.int32)
    counted = np.cumsum(hits, axis=1)
    breaks = valid & ~condition
    last_break = np.maximum.accumulate(np.where(breaks, counted, 0), axis=1)
    runs = np.where(condition & valid, counted - last_break, 0)
    if not runs.shape[1]:
        return np.full(len(runs), -1)
    end = runs.argmax(axis=1)
    length = runs[np.arange(len(runs)), end]
    # The run's first counted day: the column where the count first reached (count at end - length + 1).
    target = counted[np.arange(len(runs)), end] - length + 1
    start = np.argmax(counted >= target[:, None], axis=1)
    return np.where(length > 0, start, -1)


def flag_areas(
    rate: np.ndarray,
    rules: FlagRules,
    *,
    load: np.ndarray | None = None,
    judge_from: int = 0,
    fit_rate: np.ndarray | None = None,
) -> Flags:
    """Apply ``rules`` to daily rates [areas, days] (NaN = not usable); columns from ``judge_from``
    on are the window being judged, those before it history. ``load`` is the supply per day (it
    lets the fit tell a load-driven technical loss from a step); without it the level is flat.
    ``fit_rate`` is the rate on the days reliable enough for the step fit (default: ``rate``)."""
    rules.validate()
    n_days = rate.shape[1]
    valid = ~np.isnan(rate)
    fit, stepped = first_rise(
        rate if fit_rate is None else fit_rate,
        np.ones_like(rate) if load is None else load,
        min_before=rules.baseline_days,
        min_after=rules.persistence_days,
        judge_from=judge_from,
        min_step=rules.rise,
        min_t=rules.step_t,
    )
    judged = np.arange(n_days)[None, :] >= judge_from
    with np.errstate(invalid="ignore"):
        high = valid & judged & (rate > rules.threshold)
        raised_from = fit.level_before + np.nan_to_num(fit.step) / 2
        raised = valid & judged & (np.arange(n_days)[None, :] >= fit.change[:, None]) & (rate > raised_from[:, None])
    high_flag = longest_run(high, valid) >= rules.persistence_days
    over = high | (raised & stepped[:, None])
    reasons = np.where(high_flag, int(FlagReason.HIGH_RATE), 0) | np.where(stepped, int(FlagReason.RISE), 0)
    whole = np.full(len(rate), np.nan)
    has = valid.any(axis=1)
    if has.any():
        whole[has] = np.nanmedian(rate[has], axis=1)
    change = np.where(stepped, fit.change, np.where(high_flag, _first_day_of_longest_run(high, valid), -1))
    return Flags(
        flagged=stepped | high_flag,
        reasons=reasons.astype(np.int8),
        baseline=np.where(np.isnan(fit.level_before), whole, fit.level_before),
        longest_run=longest_run(over, valid),
        over_days=over.sum(axis=1),
        change_day=change,
        step=fit.step,
        step_t=fit.t,
        noise=fit.noise,
    )


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
