"""Honest daily use in summer: who lives where, the heat, the week, the noise, trips away.

Levels are daily kWh of a north-China summer: a household's median about 6 kWh a day before the
heat, a small shop about 25; air-conditioning adds a household-specific amount per degree above
24 °C; a vacant flat draws only its standby.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOUSEHOLD, SHOP, VACANT = 0, 1, 2
CLASS_SHARES = (0.84, 0.10, 0.06)
COMFORT_C = 24.0


@dataclass(frozen=True)
class Users:
    kind: np.ndarray  # HOUSEHOLD / SHOP / VACANT
    level: np.ndarray  # kWh a day on a mild weekday
    cooling: np.ndarray  # kWh per degree above COMFORT_C
    weekend: np.ndarray  # factor on Saturday and Sunday
    persistence: np.ndarray  # AR(1) coefficient of the user's log noise
    spread: np.ndarray  # stationary sigma of that noise


def area_sizes(rng: np.random.Generator, areas: int, smallest: int, largest: int) -> np.ndarray:
    return rng.integers(smallest, largest + 1, areas)


def draw_users(rng: np.random.Generator, n: int) -> Users:
    kind = rng.choice(3, size=n, p=CLASS_SHARES)
    household = kind == HOUSEHOLD
    shop = kind == SHOP
    level = np.where(household, rng.lognormal(np.log(6.0), 0.55, n), 0.0)
    level = np.where(shop, rng.lognormal(np.log(25.0), 0.7, n), level)
    level = np.where(kind == VACANT, rng.uniform(0.05, 0.3, n), level)
    cooling = np.where(household, rng.gamma(2.0, 0.35, n), 0.0)
    cooling = np.where(shop, rng.gamma(2.0, 1.2, n), cooling)
    weekend = np.where(household, rng.uniform(1.05, 1.2, n), 1.0)
    weekend = np.where(shop, rng.uniform(0.7, 0.9, n), weekend)
    persistence = rng.uniform(0.3, 0.8, n)
    spread = np.where(kind == VACANT, 0.05, rng.uniform(0.12, 0.3, n))
    return Users(kind, level, cooling, weekend, persistence, spread)


def summer_temperature(rng: np.random.Generator, first_day_of_year: int, days: int) -> np.ndarray:
    """Daily mean °C: a seasonal bump peaking in late July (28 °C), with weather that lingers."""
    doy = first_day_of_year + np.arange(days)
    climate = 14.0 + 14.0 * np.exp(-(((doy - 205) / 55.0) ** 2))
    weather = np.zeros(days)
    shocks = rng.normal(0.0, 1.6, days)
    for day in range(1, days):  # a few hundred steps: the matrices below are vectorised
        weather[day] = 0.75 * weather[day - 1] + shocks[day]
    return climate + weather


def ar1_log_noise(rng: np.random.Generator, persistence: np.ndarray, spread: np.ndarray, days: int) -> np.ndarray:
    """[users, days] mean-one multiplicative noise whose log is AR(1) per user."""
    innovation_sd = spread * np.sqrt(1 - persistence**2)
    shocks = rng.standard_normal((len(persistence), days)) * innovation_sd[:, None]
    log = np.empty_like(shocks)
    log[:, 0] = rng.standard_normal(len(persistence)) * spread
    for day in range(1, days):  # vectorised over users; the loop runs over days only
        log[:, day] = persistence * log[:, day - 1] + shocks[:, day]
    return np.exp(log - spread[:, None] ** 2 / 2)


def trips(rng: np.random.Generator, users: Users, days: int) -> np.ndarray:
    """[users, days] factor: a third of households go away once, 3–10 days, using 15 % of normal."""
    factor = np.ones((len(users.kind), days))
    away = np.flatnonzero((users.kind == HOUSEHOLD) & (rng.random(len(users.kind)) < 1 / 3))
    length = rng.integers(3, 11, len(away))
    first = rng.integers(0, np.maximum(days - length, 1))
    day = np.arange(days)[None, :]
    inside = (day >= first[:, None]) & (day < (first + length)[:, None])
    factor[away] = np.where(inside, 0.15, 1.0)
    return factor


def honest_use(rng: np.random.Generator, users: Users, temperature: np.ndarray, weekday: np.ndarray) -> np.ndarray:
    """[users, days] kWh each user really used."""
    days = len(temperature)
    heat = np.maximum(temperature - COMFORT_C, 0.0)
    weekend = np.isin(weekday, (5, 6))
    base = users.level[:, None] * np.where(weekend[None, :], users.weekend[:, None], 1.0)
    use = (base + users.cooling[:, None] * heat[None, :]) * ar1_log_noise(rng, users.persistence, users.spread, days)
    return use * trips(rng, users, days)
