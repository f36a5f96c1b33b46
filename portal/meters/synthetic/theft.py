"""Electricity theft and line loss in transformer areas.

The six theft types follow Jokar, Arianpoo & Leung, "Electricity Theft Detection in AMI Using
Customers' Consumption Patterns", IEEE Trans. Smart Grid 7(1), 2016. The paper applies them to the 48
half-hourly readings of one day; our readings are daily, so each type is applied to the sequence of
days from the theft's start to the end of the data (the "theft window") instead:

- h1 ``x_t · α`` with one α ∈ [0.1, 0.8] per thief (a meter slowed down or partly bypassed);
- h2 zero for a random run of days inside the window, at least a sixth of it long (the paper's run of
  at least 4 of 24 hours), unchanged on the other days (a full bypass switched on and off);
- h3 ``x_t · α_t`` with α_t ∈ [0.1, 0.8] drawn for every day;
- h4 ``α_t · mean(x)`` over the window, α_t ∈ [0.1, 0.8] per day;
- h5 ``mean(x)`` over the window on every day;
- h6 the window's days in reverse order.

In the paper h5 and h6 move energy between tariff periods of a day; over daily readings they keep the
window's total, so they steal no energy and add nothing to the area's loss — detectors can only see
them as a changed shape. That is why the accuracy figures report them separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

THEFT_TYPES = ("h1", "h2", "h3", "h4", "h5", "h6")
ENERGY_STEALING = (0, 1, 2, 3)  # h1-h4; h5 and h6 keep the total
THEFT_TYPE_WEIGHTS = np.array([0.2, 0.2, 0.2, 0.2, 0.1, 0.1])
ALPHA = (0.1, 0.8)
THIEF_SHARE = (0.05, 0.10)  # of an area's users
STOLEN_SHARE = (0.02, 0.15)  # of an area's energy over the theft window
TECHNICAL_LOSS = (0.03, 0.06)
AREA_METER_NOISE = 0.005  # sigma of the area meter's log error
# Thieves are scaled to reach the area's stolen share; a thief using more than ten times an ordinary
# household would stand out for the wrong reason, so the share is left short instead.
SCALE_LIMITS = (0.25, 10.0)
_CANDIDATE_STEALERS = (0, 1, 4)  # families, old people alone, shops


def _in_window(t0: np.ndarray, n_days: int) -> np.ndarray:
    return np.arange(n_days)[None, :] >= t0[:, None]


def window_mean(x: np.ndarray, t0: np.ndarray) -> np.ndarray:
    """Mean of each row over its window ``[t0, end)``, as a column."""
    window = _in_window(t0, x.shape[1])
    return ((x * window).sum(axis=1) / window.sum(axis=1))[:, None]


def theft_h1(x: np.ndarray, t0: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    return np.where(_in_window(t0, x.shape[1]), x * alpha[:, None], x)


def theft_h2(x: np.ndarray, zero_from: np.ndarray, zero_to: np.ndarray) -> np.ndarray:
    day = np.arange(x.shape[1])[None, :]
    return np.where((day >= zero_from[:, None]) & (day < zero_to[:, None]), 0.0, x)


def theft_h3(x: np.ndarray, t0: np.ndarray, alpha_t: np.ndarray) -> np.ndarray:
    return np.where(_in_window(t0, x.shape[1]), x * alpha_t, x)


def theft_h4(x: np.ndarray, t0: np.ndarray, alpha_t: np.ndarray) -> np.ndarray:
    return np.where(_in_window(t0, x.shape[1]), alpha_t * window_mean(x, t0), x)


def theft_h5(x: np.ndarray, t0: np.ndarray) -> np.ndarray:
    return np.where(_in_window(t0, x.shape[1]), window_mean(x, t0), x)


def theft_h6(x: np.ndarray, t0: np.ndarray) -> np.ndarray:
    n_days = x.shape[1]
    day = np.arange(n_days)[None, :]
    # Day j of the window [t0, n) takes the value of day t0 + (n - 1 - j).
    source = np.where(day >= t0[:, None], t0[:, None] + n_days - 1 - day, day)
    return np.take_along_axis(x, source, axis=1)


@dataclass(frozen=True)
class Thieves:
    meter: np.ndarray
    area: np.ndarray
    kind: np.ndarray  # index into THEFT_TYPES
    start: np.ndarray  # first day of the theft window
    alpha: np.ndarray  # h1's α, the mean α_t of h3/h4, NaN for h2/h5/h6
    zero_from: np.ndarray  # h2's zeroed run, -1 otherwise
    zero_to: np.ndarray
    scale: np.ndarray  # factor applied to the thief's true consumption
    stolen_kwh: np.ndarray  # true minus reported over the window


@dataclass(frozen=True)
class TheftAreas:
    area: np.ndarray
    start: np.ndarray
    target_share: np.ndarray
    stolen_share: np.ndarray  # as achieved: stolen / true consumption of all users, window days
    stolen_kwh: np.ndarray


def choose_thieves(
    rng: np.random.Generator, area_of_meter: np.ndarray, profile: np.ndarray, theft_areas: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """5-10 % of each theft area's users (at least one), drawn from households and shops.

    Returns the thieves' meter indices and their rank in their area (0 for the first drawn)."""
    n_areas = int(area_of_meter.max()) + 1 if len(area_of_meter) else 0
    users = np.bincount(area_of_meter, minlength=n_areas)
    wanted = np.zeros(n_areas, dtype=np.int64)
    wanted[theft_areas] = np.maximum(1, np.round(rng.uniform(*THIEF_SHARE, len(theft_areas)) * users[theft_areas]))
    candidate = np.isin(profile, _CANDIDATE_STEALERS) & (wanted[area_of_meter] > 0)
    idx = np.flatnonzero(candidate)
    idx = idx[np.lexsort((rng.random(len(idx)), area_of_meter[idx]))]
    areas = area_of_meter[idx]
    first_in_area = np.searchsorted(areas, areas, side="left")
    rank = np.arange(len(idx)) - first_in_area
    keep = rank < wanted[areas]
    return idx[keep], rank[keep]


def inject_theft(
    rng: np.random.Generator,
    true_kwh: np.ndarray,
    area_of_meter: np.ndarray,
    profile: np.ndarray,
    theft_areas: np.ndarray,
) -> tuple[np.ndarray, Thieves, TheftAreas]:
    """Make thieves in ``theft_areas`` and return the readings their meters show.

    ``true_kwh`` is changed in place: thieves' true use is scaled so that, over the theft window, the
    energy stolen is the area's drawn share of what all its users really used. Returns (reported
    readings of the thieves, thieves, theft areas)."""
    n_days = true_kwh.shape[1]
    meter, rank = choose_thieves(rng, area_of_meter, profile, theft_areas)
    area = area_of_meter[meter]
    kind = rng.choice(len(THEFT_TYPES), len(meter), p=THEFT_TYPE_WEIGHTS)
    # Every theft area has a thief that takes energy, or its loss would not rise at all.
    kind = np.where((rank == 0) & (kind >= 4), rng.integers(0, 4, len(meter)), kind)
    area_start = np.zeros(int(area_of_meter.max()) + 1, dtype=np.int64)
    area_start[theft_areas] = rng.integers(n_days // 4, n_days // 2 + 1, len(theft_areas))
    start = np.minimum(area_start[area] + rng.integers(0, 8, len(meter)), n_days - 2)
    target = np.zeros(len(area_start))
    target[theft_areas] = rng.uniform(*STOLEN_SHARE, len(theft_areas))

    x = true_kwh[meter].astype(np.float64)
    reported, alpha, zero_from, zero_to = _apply_types(rng, x, kind, start)
    scale = _scale_to_share(true_kwh, area_of_meter, x, reported, meter, kind, area_start, target)
    x *= scale[:, None]
    reported *= scale[:, None]
    true_kwh[meter] = x
    window = _in_window(start, n_days)
    stolen = ((x - reported) * window).sum(axis=1)

    area_window = _in_window(area_start[theft_areas], n_days)
    area_true = _area_totals(true_kwh, area_of_meter, len(area_start))[theft_areas]
    area_energy = (area_true * area_window).sum(axis=1)
    area_stolen = np.bincount(area, weights=stolen, minlength=len(area_start))[theft_areas]
    thieves = Thieves(meter, area, kind, start, alpha, zero_from, zero_to, scale, stolen)
    areas = TheftAreas(
        theft_areas, area_start[theft_areas], target[theft_areas], area_stolen / area_energy, area_stolen
    )
    return reported.astype(np.float32), thieves, areas


def _apply_types(
    rng: np.random.Generator, x: np.ndarray, kind: np.ndarray, start: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n, n_days = x.shape
    reported = x.copy()
    alpha = np.full(n, np.nan)
    zero_from = np.full(n, -1, dtype=np.int64)
    zero_to = np.full(n, -1, dtype=np.int64)
    alpha_t = rng.uniform(*ALPHA, (n, n_days))
    alpha_1 = np.asarray(rng.uniform(ALPHA[0], ALPHA[1], size=n))
    window_len = n_days - start
    run = rng.integers(np.maximum(1, -(-window_len // 6)), window_len + 1)
    run_from = start + (rng.random(n) * (window_len - run + 1)).astype(np.int64)

    sel = kind == 0
    reported[sel] = theft_h1(x[sel], start[sel], alpha_1[sel])
    alpha[sel] = alpha_1[sel]
    sel = kind == 1
    reported[sel] = theft_h2(x[sel], run_from[sel], run_from[sel] + run[sel])
    zero_from[sel], zero_to[sel] = run_from[sel], run_from[sel] + run[sel]
    for code, fn in ((2, theft_h3), (3, theft_h4)):
        sel = kind == code
        reported[sel] = fn(x[sel], start[sel], alpha_t[sel])
        alpha[sel] = window_mean(alpha_t[sel], start[sel])[:, 0] if sel.any() else alpha[sel]
    sel = kind == 4
    reported[sel] = theft_h5(x[sel], start[sel])
    sel = kind == 5
    reported[sel] = theft_h6(x[sel], start[sel])
    return reported, alpha, zero_from, zero_to


def _scale_to_share(
    true_kwh: np.ndarray,
    area_of_meter: np.ndarray,
    x: np.ndarray,
    reported: np.ndarray,
    meter: np.ndarray,
    kind: np.ndarray,
    area_start: np.ndarray,
    target: np.ndarray,
) -> np.ndarray:
    """Per-thief factor k solving k·S / (E + (k-1)·T) = share for each area.

    S: energy the stealing thieves take over the area's window, T: their true use over it, E: all
    users' true use over it. All six types are linear in x, so scaling a thief scales what it steals."""
    n_areas = len(area_start)
    area = area_of_meter[meter]
    window = np.arange(x.shape[1])[None, :] >= area_start[area][:, None]
    stealing = np.isin(kind, ENERGY_STEALING)
    weights = stealing.astype(np.float64)
    s = np.bincount(area, weights=((x - reported) * window).sum(axis=1) * weights, minlength=n_areas)
    t = np.bincount(area, weights=(x * window).sum(axis=1) * weights, minlength=n_areas)
    area_window = np.arange(x.shape[1])[None, :] >= area_start[:, None]
    e = (_area_totals(true_kwh, area_of_meter, n_areas) * area_window).sum(axis=1)
    denominator = s - target * t
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.where(denominator > 0, target * (e - t) / denominator, SCALE_LIMITS[1])
    k = np.clip(np.nan_to_num(k, nan=1.0), *SCALE_LIMITS)
    return np.where(stealing, k[area], 1.0)


def _area_totals(values: np.ndarray, area_of_meter: np.ndarray, n_areas: int) -> np.ndarray:
    """[n_areas, n_days] sums of the rows of each area (float64)."""
    totals = np.zeros((n_areas, values.shape[1]))
    present = np.unique(area_of_meter)
    starts = np.searchsorted(area_of_meter, present)
    totals[present] = np.add.reduceat(values, starts, axis=0, dtype=np.float64)
    return totals


def area_supply(
    rng: np.random.Generator, true_kwh: np.ndarray, area_of_meter: np.ndarray, n_areas: int
) -> tuple[np.ndarray, np.ndarray]:
    """Energy through each area meter: users' true use × (1 + technical loss) × a small meter error.

    ``area_of_meter`` must be sorted (meters grouped by area). Returns (supplied [n_areas, n_days],
    technical loss rate per area)."""
    loss = rng.uniform(*TECHNICAL_LOSS, n_areas)
    error = rng.lognormal(0.0, AREA_METER_NOISE, (n_areas, true_kwh.shape[1]))
    return _area_totals(true_kwh, area_of_meter, n_areas) * (1 + loss)[:, None] * error, loss
