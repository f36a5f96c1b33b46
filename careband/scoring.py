"""The care code (关爱码) as one pure, vectorised function over a (subjects × days) consumption matrix.

The last column is the day being scored ("yesterday" when the nightly run starts after midnight);
the columns before it are the subject's own history. No database, no files, no Python loop over
subjects: the nightly job and the benchmark call ``score`` on a million rows at once.

The method, per subject:

* Baseline: the median of the same weekday in the last four weeks when at least three of them have a
  reading (old people keep weekly routines: the market day, the children's visit), otherwise the
  median of the last 28 days. If the last 7 days sit on a clearly different level (heating switched
  off, a lodger moved in) and the scored day matches that new level, the day is at most yellow.
* Common weather: the baseline moves by what the whole cohort did that day, weighted by how much
  this subject's history moved with the cohort (``_common_factor``): the end of the heating season
  is not a hundred thousand alarms.
* Personal spread: the median absolute deviation of the log ratios to the 28-day median. A noisy
  household gets a wider band than an old person with a fixed routine; the defaults are only ever
  widened by it, never narrowed.
* Colour: the day's ratio to the baseline, both ways — near-standby consumption (nobody cooked,
  washed or watched TV) and surges (a heater left on, someone ill at home all day).
* Grey when the day has no reading (missing is never red) or the history is too thin to judge.
* ``tolerance`` ≥ 1 per subject widens that subject's band: false alarms recorded by visits feed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Colour(IntEnum):
    GREY = 0
    GREEN = 1
    YELLOW = 2
    RED = 3


class Reason(IntEnum):
    STEADY = 0
    LOW = 1  # below the usual level (yellow) or near standby (red)
    HIGH = 2  # above the usual level (yellow) or a surge (red)
    NO_DATA = 3
    THIN_HISTORY = 4
    PAUSED = 5


COLOUR_NAMES = ("grey", "green", "yellow", "red")


@dataclass(frozen=True)
class Thresholds:
    """Ratios of the day's consumption to the subject's baseline. Per-tenant settings override these."""

    red_low: float = 0.4
    yellow_low: float = 0.6
    yellow_high: float = 1.8
    red_high: float = 2.5
    window_days: int = 28
    min_history_days: int = 14
    # Below this baseline (kWh/day) ratios are noise: an empty flat's standby is not a person's life.
    min_baseline_kwh: float = 0.2
    # When the 7-day median is this far from the 28-day one (either way), the level has shifted.
    shift_ratio: float = 1.6
    # How many spreads (MAD of log ratios) a red band must at least keep from the baseline.
    spread_factor: float = 5.0
    # The common-weather correction needs a crowd: with a handful of subjects, one person's bad day
    # would be "the weather" and excuse itself.
    min_cohort: int = 200

    def validate(self) -> None:
        if not 0 < self.red_low < self.yellow_low < 1 < self.yellow_high < self.red_high:
            raise ValueError("thresholds must satisfy 0 < red_low < yellow_low < 1 < yellow_high < red_high")
        if not 7 <= self.min_history_days <= self.window_days <= 84:
            raise ValueError("need 7 <= min_history_days <= window_days <= 84")


@dataclass(frozen=True)
class Scores:
    """Parallel arrays, one entry per subject (row of the input matrix)."""

    colour: np.ndarray  # int8 Colour
    reason: np.ndarray  # int8 Reason
    value: np.ndarray  # float32 kWh on the scored day (NaN when missing)
    baseline: np.ndarray  # float32 kWh the day was compared with (NaN when none)
    ratio: np.ndarray  # float32 value / baseline (NaN when either is missing)
    basis: np.ndarray  # int8 the baseline: 0 28-day median, 1 same weekday; 2 = level shift (capped at yellow)
    missing_days: np.ndarray  # int16 consecutive days without a reading, ending on the scored day
    streak: np.ndarray  # int16 consecutive days (ending on the scored day) on the same side as today
    valid_days: np.ndarray  # int16 days with a reading in the history window

    def __len__(self) -> int:
        return len(self.colour)


def nan_median(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row medians ignoring NaN, and the count of non-NaN values per row; NaN for empty rows.

    One sort of the whole block (NaN sort last) instead of ``np.nanmedian``, which is slow on many
    short rows.
    """
    ordered = np.sort(block, axis=1)
    count = np.count_nonzero(~np.isnan(block), axis=1)
    lo = np.clip((count - 1) // 2, 0, block.shape[1] - 1)
    hi = np.clip(count // 2, 0, block.shape[1] - 1)
    rows = np.arange(block.shape[0])
    median = (ordered[rows, lo] + ordered[rows, hi]) * np.float32(0.5)
    median[count == 0] = np.nan
    return median.astype(np.float32, copy=False), count


def _trailing_run(flags: np.ndarray) -> np.ndarray:
    """For each row, how many consecutive True values end the row."""
    reversed_false = ~flags[:, ::-1]
    first_false = np.argmax(reversed_false, axis=1)
    return np.where(reversed_false.any(axis=1), first_false, flags.shape[1]).astype(np.int16)


def _baseline(history: np.ndarray, t: Thresholds) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(baseline, basis, valid history days, robust spread of log ratios, 7-day median) per row."""
    m28, valid = nan_median(history)
    same_weekday = history[:, ::-1][:, 6::7][:, :4]  # 7, 14, 21, 28 days before the scored day
    mwd, n_wd = nan_median(same_weekday)
    m7, n7 = nan_median(history[:, -7:])
    by_weekday = n_wd >= 3
    baseline = np.where(by_weekday, mwd, m28)
    basis = by_weekday.astype(np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.maximum(history, 1e-3) / np.maximum(m28, 1e-3)[:, None])
    spread, _ = nan_median(np.abs(logs))
    m7[n7 < 5] = np.nan
    return baseline.astype(np.float32), basis, valid, (1.4826 * spread).astype(np.float32), m7


def _level_shift(today: np.ndarray, baseline: np.ndarray, m7: np.ndarray, t: Thresholds) -> np.ndarray:
    """Rows whose last week sits on a new level and whose scored day matches it.

    Heating switched off or a lodger moved in changes the level for good; a week of inactivity that
    ends does not (the scored day is back to the old level, not the week's). A shifted day is at
    most yellow: the life changed, and the code says so without raising alarms for weeks.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        shift = m7 / baseline
        moved = (shift >= t.shift_ratio) | (shift <= 1 / t.shift_ratio)
        near_new = np.abs(np.log(today / m7)) <= np.log(t.shift_ratio)
    return moved & near_new


def _common_factor(values: np.ndarray, m28: np.ndarray, window: int) -> np.ndarray:
    """Each row's expected log change on the scored day from what the whole cohort did that day.

    Everyone feels the same weather: when the heating season ends, a third of village homes drop to a
    quarter of their winter use on the same day. The cohort's mean log ratio per day is the common
    signal; each subject's sensitivity to it is a least-squares slope over its own history (zero for a
    home without electric heating). The expected change is that slope times today's common signal.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(np.maximum(values[:, -1 - window :], 1e-3) / np.maximum(m28, 1e-3)[:, None])
    np.clip(logs, -1.5, 1.5, out=logs)
    common = np.nanmean(logs, axis=0)
    common = np.nan_to_num(common - np.nanmean(common[:-1]))
    hist, c_hist = logs[:, :-1], common[:-1]
    present = ~np.isnan(hist)
    centred = hist - np.nanmean(hist, axis=1, keepdims=True)
    c_masked = np.where(present, c_hist[None, :], 0)
    c_masked -= (c_masked.sum(axis=1) / np.maximum(present.sum(axis=1), 1))[:, None] * present
    slope = np.nansum(centred * c_masked, axis=1) / np.maximum((c_masked**2).sum(axis=1), 1e-6)
    slope = np.clip(np.nan_to_num(slope), 0.0, 8.0)
    return np.clip(slope * common[-1], -2.0, 2.0).astype(np.float32)


def score(
    values: np.ndarray,
    *,
    paused: np.ndarray | None = None,
    tolerance: np.ndarray | None = None,
    thresholds: Thresholds = Thresholds(),
) -> Scores:
    """Colour the last column of ``values`` (float32 kWh, NaN = no reading) for every row.

    ``paused`` (bool per row) gives grey with reason PAUSED; ``tolerance`` (≥ 1 per row) widens the
    bands of subjects whose alarms were false.
    """
    thresholds.validate()
    values = np.asarray(values, dtype=np.float32)
    n, days = values.shape
    if days < 2:
        raise ValueError("need at least one day of history before the scored day")
    window = min(thresholds.window_days, days - 1)
    history = values[:, -1 - window : -1]
    today = values[:, -1]
    baseline, basis, valid, spread, m7 = _baseline(history, thresholds)
    if n >= thresholds.min_cohort:
        with np.errstate(all="ignore"):
            m28, _ = nan_median(history)
            baseline = baseline * np.exp(_common_factor(values, m28, window))
    tol = np.ones(n, np.float32) if tolerance is None else np.maximum(np.asarray(tolerance, np.float32), 1)

    band = np.exp(thresholds.spread_factor * spread)  # ≥ 1
    red_low = np.minimum(thresholds.red_low, 1 / band) / tol
    red_high = np.maximum(thresholds.red_high, band) * tol
    yellow_low = np.minimum(thresholds.yellow_low, np.sqrt(red_low)) / tol
    yellow_high = np.maximum(thresholds.yellow_high, np.sqrt(red_high)) * tol

    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (today / baseline).astype(np.float32)
    colour = np.full(n, Colour.GREEN, np.int8)
    reason = np.full(n, Reason.STEADY, np.int8)
    low_yellow, high_yellow = ratio <= yellow_low, ratio >= yellow_high
    colour[low_yellow | high_yellow] = Colour.YELLOW
    reason[low_yellow] = Reason.LOW
    reason[high_yellow] = Reason.HIGH
    colour[(ratio <= red_low) | (ratio >= red_high)] = Colour.RED
    shifted = (colour == Colour.RED) & _level_shift(today, baseline, m7, thresholds)
    colour[shifted] = Colour.YELLOW
    basis[shifted] = 2

    thin = (valid < thresholds.min_history_days) | ~(baseline >= thresholds.min_baseline_kwh)
    missing = np.isnan(today)
    for mask, why in ((thin, Reason.THIN_HISTORY), (missing, Reason.NO_DATA)):
        colour[mask] = Colour.GREY
        reason[mask] = why
    if paused is not None:
        paused = np.asarray(paused, bool)
        colour[paused] = Colour.GREY
        reason[paused] = Reason.PAUSED

    with np.errstate(invalid="ignore"):
        recent = values[:, -7:] / baseline[:, None]
        side_low = _trailing_run(recent <= yellow_low[:, None])
        side_high = _trailing_run(recent >= yellow_high[:, None])
    streak = np.where(reason == Reason.LOW, side_low, np.where(reason == Reason.HIGH, side_high, 0)).astype(np.int16)
    return Scores(
        colour=colour,
        reason=reason,
        value=today,
        baseline=np.where(np.isnan(baseline), np.nan, baseline).astype(np.float32),
        ratio=ratio,
        basis=basis,
        missing_days=_trailing_run(np.isnan(values)),
        streak=streak,
        valid_days=valid.astype(np.int16),
    )
