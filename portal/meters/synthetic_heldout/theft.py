"""Thieves of the held-out grid, and what the area meter sees.

The six theft types are those of Jokar, Arianpoo & Leung (IEEE Trans. Smart Grid 7(1), 2016), read
over days instead of the half-hours of one day, each from the thief's own start day to the end:
h1 ``α·x`` (one α in 0.2–0.8), h2 zero on a run of at least a week, h3 ``α_t·x_t`` (α_t in 0.1–0.9
each day), h4 ``α_t`` times the thief's mean use over the theft, h5 that mean every day, h6 the days
in reverse order. h5 and h6 keep the thief's total and so steal no energy over daily data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

THEFT_TYPES = ("h1", "h2", "h3", "h4", "h5", "h6")
STEALING = (0, 1, 2, 3)
THIEF_SHARE = (0.04, 0.15)
START_DAYS = (20, 60)


@dataclass(frozen=True)
class Thieves:
    user: np.ndarray
    kind: np.ndarray  # index into THEFT_TYPES
    start: np.ndarray  # first day the meter under-reads (h2: the first zero day)
    stolen_kwh: np.ndarray


def choose_thieves(
    rng: np.random.Generator, area_of_user: np.ndarray, mean_use: np.ndarray, theft_areas: np.ndarray
) -> np.ndarray:
    """4–15 % of each theft area's users (at least one), drawn with probability ∝ their use."""
    chosen: list[np.ndarray] = []
    starts = np.searchsorted(area_of_user, theft_areas)
    ends = np.searchsorted(area_of_user, theft_areas, side="right")
    # One area at a time: a third of a few hundred areas, each a weighted draw without replacement.
    for first, last in zip(starts, ends, strict=True):
        users = np.arange(first, last)
        weights = mean_use[users] + 1e-6
        count = max(1, round(rng.uniform(*THIEF_SHARE) * len(users)))
        chosen.append(rng.choice(users, size=min(count, len(users)), replace=False, p=weights / weights.sum()))
    return np.sort(np.concatenate(chosen)) if chosen else np.empty(0, dtype=np.int64)


def _window(start: np.ndarray, days: int) -> np.ndarray:
    return np.arange(days)[None, :] >= start[:, None]


def _window_mean(x: np.ndarray, start: np.ndarray) -> np.ndarray:
    inside = _window(start, x.shape[1])
    return (np.where(inside, x, 0).sum(axis=1) / np.maximum(inside.sum(axis=1), 1))[:, None]


def tamper(rng: np.random.Generator, true_use: np.ndarray, kind: np.ndarray, start: np.ndarray) -> np.ndarray:
    """What the thieves' meters show; ``start`` is changed in place for h2 to its first zero day."""
    n, days = true_use.shape
    inside = _window(start, days)
    shown = true_use.copy()
    alpha = np.asarray(rng.uniform(0.2, 0.8, n))[:, None]
    alpha_t = rng.uniform(0.1, 0.9, (n, days))
    mean = _window_mean(true_use, start)
    day = np.arange(days)[None, :]
    reversed_source = np.where(inside, start[:, None] + days - 1 - day, day)
    candidates = {
        0: np.where(inside, true_use * alpha, true_use),
        2: np.where(inside, true_use * alpha_t, true_use),
        3: np.where(inside, alpha_t * mean, true_use),
        4: np.where(inside, mean, true_use),
        5: np.take_along_axis(true_use, reversed_source, axis=1),
    }
    for code, values in candidates.items():
        shown[kind == code] = values[kind == code]
    h2 = np.flatnonzero(kind == 1)
    remaining = days - start[h2]
    run = rng.integers(np.minimum(7, remaining), remaining + 1)
    run_start = start[h2] + (rng.random(len(h2)) * (remaining - run + 1)).astype(np.int64)
    zero = (day >= run_start[:, None]) & (day < (run_start + run)[:, None])
    shown[h2] = np.where(zero, 0.0, true_use[h2])
    start[h2] = run_start
    return shown


def inject(
    rng: np.random.Generator, true_use: np.ndarray, area_of_user: np.ndarray, theft_areas: np.ndarray
) -> tuple[np.ndarray, Thieves]:
    """(readings as shown, thieves). Every theft area's first thief steals energy (h1–h4)."""
    readings = true_use.copy()
    users = choose_thieves(rng, area_of_user, true_use.mean(axis=1), theft_areas)
    kind = rng.integers(0, len(THEFT_TYPES), len(users))
    first_in_area = np.r_[True, np.diff(area_of_user[users]) != 0] if len(users) else np.zeros(0, bool)
    kind = np.where(first_in_area & ~np.isin(kind, STEALING), rng.integers(0, 4, len(users)), kind)
    start = rng.integers(START_DAYS[0], START_DAYS[1] + 1, len(users))
    shown = tamper(rng, true_use[users], kind, start)
    readings[users] = shown
    stolen = (true_use[users] - shown).sum(axis=1)
    return readings, Thieves(users, kind, start, stolen)


def area_meter(rng: np.random.Generator, area_use: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(supplied [areas, days], technical loss rate over the data). Iron loss: 1–3 % of the mean load
    every day; copper loss: 1–5 % of the load at mean load, growing with its square. The meter's
    error wanders: AR(1), 0.3 % stationary."""
    areas, days = area_use.shape
    mean = area_use.mean(axis=1, keepdims=True)
    iron = rng.uniform(0.01, 0.03, (areas, 1)) * mean
    copper = rng.uniform(0.01, 0.05, (areas, 1)) * area_use**2 / mean
    error = np.zeros((areas, days))
    shocks = rng.normal(0.0, 0.003 * np.sqrt(1 - 0.9**2), (areas, days))
    for day in range(1, days):
        error[:, day] = 0.9 * error[:, day - 1] + shocks[:, day]
    supplied = (area_use + iron + copper) * (1 + error)
    return supplied, ((iron + copper).sum(axis=1) / area_use.sum(axis=1))
