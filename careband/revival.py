"""The rural revitalisation index (乡村振兴指数): pure numpy over a year of residential meter data.

Per village, from each home's daily consumption:

* vacant-house rate: homes whose median use outside the Spring Festival weeks is near zero (< 0.5 kWh);
* use per occupied house: mean of the occupied homes' median daily use;
* trend: the occupied homes' use in the last 90 days against the 90 days before (as a ratio − 1);
* Spring Festival return: the share of homes nearly empty all year that come alive in the festival
  weeks (> 3 × their usual use) — people who work elsewhere and come home once a year.

Each indicator is scaled 0..1 across the villages compared; the index (0..100, higher = more lived-in)
weights "not vacant", "use", "trend" and "not a festival-only home" with the tenant's weights. The
lowest-scoring villages are the hollow villages (空心村).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from careband.scoring import nan_median

VACANT_KWH = 0.5
RETURN_FACTOR = 3.0


@dataclass(frozen=True)
class Weights:
    vacancy: float = 0.4
    use: float = 0.2
    trend: float = 0.2
    festival_return: float = 0.2

    def normalised(self) -> np.ndarray:
        raw = np.array([self.vacancy, self.use, self.trend, self.festival_return], dtype=np.float64)
        if (raw < 0).any() or raw.sum() <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        return raw / raw.sum()


@dataclass(frozen=True)
class VillageIndex:
    homes: np.ndarray  # int per village
    vacant_rate: np.ndarray
    use_per_home: np.ndarray  # kWh/day per occupied home
    trend: np.ndarray  # ratio − 1
    festival_return: np.ndarray
    score: np.ndarray  # 0..100


def _scale(x: np.ndarray) -> np.ndarray:
    lo, hi = np.nanmin(x), np.nanmax(x)
    if not np.isfinite(hi - lo) or hi - lo < 1e-9:
        return np.full_like(x, 0.5)
    return np.nan_to_num((x - lo) / (hi - lo), nan=0.5)


def village_index(
    values: np.ndarray, village: np.ndarray, n_villages: int, festival: np.ndarray, w: Weights
) -> VillageIndex:
    """``values`` [homes, days] kWh (NaN = missing), ``village`` index per home, ``festival`` bool per day."""
    usual, _ = nan_median(values[:, ~festival]) if (~festival).any() else nan_median(values)
    in_festival = nan_median(values[:, festival])[0] if festival.any() else np.full(len(values), np.nan)
    vacant = usual < VACANT_KWH
    returns = vacant & (in_festival > RETURN_FACTOR * np.maximum(usual, 0.05))
    days = values.shape[1]
    recent = np.nanmean(values[:, max(days - 90, 0) :], axis=1) if days else np.zeros(len(values))
    before = np.nanmean(values[:, max(days - 180, 0) : max(days - 90, 0)], axis=1) if days > 90 else recent

    homes = np.bincount(village, minlength=n_villages).astype(np.int64)
    occupied = ~vacant & ~np.isnan(usual)
    with np.errstate(invalid="ignore", divide="ignore"):
        vacant_rate = np.bincount(village, vacant, n_villages) / homes
        occ = np.bincount(village, occupied, n_villages)
        use = np.bincount(village, np.where(occupied, usual, 0), n_villages) / occ
        trend = (
            np.bincount(village, np.where(occupied, np.nan_to_num(recent), 0), n_villages)
            / np.bincount(village, np.where(occupied, np.nan_to_num(before), 0), n_villages)
            - 1
        )
        festival_return = np.bincount(village, returns, n_villages) / homes
    parts = np.vstack([1 - _scale(vacant_rate), _scale(use), _scale(trend), 1 - _scale(festival_return)])
    score = 100 * (w.normalised() @ parts)
    score[homes == 0] = np.nan
    return VillageIndex(homes, vacant_rate, use, trend, festival_return, score)
