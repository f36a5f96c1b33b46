"""Who the meters belong to, and how much each of them uses on each day (before any injected event).

Levels are daily kWh typical of Tianjin: an urban family of three uses about 6-7 kWh a day outside the
heating and cooling seasons (roughly the 2,400 kWh a year of the first residential tariff block), an
old person living alone about 2, an empty house only its standby (router, a fridge left on), a small
shop tens of kWh and a workshop hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from portal.meters.synthetic import calendar


class Profile(IntEnum):
    FAMILY = 0
    ELDERLY_ALONE = 1
    VACANT = 2
    RETURNEE = 3
    COMMERCIAL = 4
    AGRICULTURAL = 5
    INDUSTRIAL = 6


PROFILE_NAMES = ("family", "elderly_alone", "vacant", "returnee", "commercial", "agricultural", "industrial")
CUSTOMER_TYPE = ("residential",) * 4 + ("commercial", "agricultural", "industrial")
PROFILE_SHARES = np.array([0.70, 0.11, 0.07, 0.05, 0.04, 0.02, 0.01])
RESIDENTIAL_ACTIVE = (Profile.FAMILY, Profile.ELDERLY_ALONE, Profile.RETURNEE)

# Day-to-day log-normal noise (sigma of log kWh): old people keep to their routines, pumps do not.
_SIGMA = np.array([0.18, 0.10, 0.30, 0.20, 0.12, 0.35, 0.10], dtype=np.float32)
# Degrees below which electric heating runs and above which air-conditioning does.
_HEATING_BELOW = 14.0
_COOLING_ABOVE = 22.0
# Share of houses heated by electricity (煤改电 in the villages; district heating in town).
_ELECTRIC_HEATING_VILLAGE = 0.30
_ELECTRIC_HEATING_COMMUNITY = 0.05


@dataclass(frozen=True)
class Population:
    """Per-meter parameters of the consumption model, parallel arrays of length n."""

    profile: np.ndarray  # int8 Profile
    family_size: np.ndarray  # int8; 1 for people alone, 0 for non-households
    standby: np.ndarray  # kWh/day that flows whether anyone is home or not
    active: np.ndarray  # kWh/day of ordinary living / working on a normal day
    heat_coef: np.ndarray  # kWh per degree-day below _HEATING_BELOW, heating season only
    cool_coef: np.ndarray  # kWh per degree-day above _COOLING_ABOVE
    weekly: np.ndarray  # [n, 7] multiplier by weekday (Monday first)

    def __len__(self) -> int:
        return len(self.profile)


def sample_population(rng: np.random.Generator, in_community: np.ndarray) -> Population:
    """Draw a profile and its parameters for each meter; ``in_community`` marks urban meters."""
    n = len(in_community)
    profile = rng.choice(len(PROFILE_SHARES), size=n, p=PROFILE_SHARES).astype(np.int8)
    size = rng.choice([2, 3, 4, 5], size=n, p=[0.30, 0.35, 0.20, 0.15]).astype(np.int8)
    spread = rng.lognormal(0.0, 1.0, n).astype(np.float32)  # one draw, scaled per profile below

    household = np.isin(profile, [Profile.FAMILY, Profile.RETURNEE])
    family_size = np.where(household, size, np.where(profile == Profile.ELDERLY_ALONE, 1, 0)).astype(np.int8)
    active_level = np.array([0.0, 1.6, 0.0, 0.0, 45.0, 12.0, 400.0], dtype=np.float32)[profile]
    active_level = np.where(household, 1.4 + 1.5 * size, active_level).astype(np.float32)
    spread_sigma = np.array([0.25, 0.25, 0.0, 0.25, 0.6, 0.7, 0.8], dtype=np.float32)[profile]
    active = active_level * spread**spread_sigma

    standby = np.array([0.4, 0.3, 0.0, 0.0, 2.0, 0.5, 20.0], dtype=np.float32)[profile]
    empty_house = rng.uniform(0.03, 0.4, n).astype(np.float32)
    standby = np.where(np.isin(profile, [Profile.VACANT, Profile.RETURNEE]), empty_house, standby)

    heat_share = np.where(in_community, _ELECTRIC_HEATING_COMMUNITY, _ELECTRIC_HEATING_VILLAGE)
    heats = (rng.random(n) < heat_share) & np.isin(profile, [*RESIDENTIAL_ACTIVE, Profile.COMMERCIAL])
    heat_low = np.array([0.5, 0.3, 0, 0.5, 1.0, 0, 0], dtype=np.float32)[profile]
    heat_high = np.array([1.4, 0.9, 0, 1.4, 4.0, 0, 0], dtype=np.float32)[profile]
    heat_coef = np.where(heats, heat_low + (heat_high - heat_low) * rng.random(n, dtype=np.float32), 0)
    cool_low = np.array([0.6, 0.1, 0, 0.6, 3.0, 0, 0], dtype=np.float32)[profile]
    cool_high = np.array([1.8, 0.6, 0, 1.8, 10.0, 0, 20.0], dtype=np.float32)[profile]
    cool_coef = cool_low + (cool_high - cool_low) * rng.random(n, dtype=np.float32)

    return Population(
        profile=profile,
        family_size=family_size,
        standby=standby.astype(np.float32),
        active=active.astype(np.float32),
        heat_coef=heat_coef.astype(np.float32),
        cool_coef=cool_coef.astype(np.float32),
        weekly=_weekly_shapes(rng, profile),
    )


def _weekly_shapes(rng: np.random.Generator, profile: np.ndarray) -> np.ndarray:
    """Weekday multipliers: families are home more at weekends, workshops less; old people living
    alone have a day of their own (the children's visit, a market day) that differs from the rest."""
    by_profile = np.ones((len(PROFILE_NAMES), 7), dtype=np.float32)
    by_profile[Profile.FAMILY, 5:] = 1.12
    by_profile[Profile.RETURNEE, 5:] = 1.12
    by_profile[Profile.COMMERCIAL, 5:] = 1.15
    by_profile[Profile.INDUSTRIAL, 5:] = 0.55
    weekly = by_profile[profile]
    elderly = np.flatnonzero(profile == Profile.ELDERLY_ALONE)
    routine_day = rng.integers(0, 7, len(elderly))
    weekly[elderly, routine_day] = rng.choice(np.array([0.75, 1.35], dtype=np.float32), len(elderly))
    return weekly


def profile_calendar(dates: np.ndarray) -> np.ndarray:
    """[n_profiles, n_days] factor on ordinary use: Spring Festival, irrigation seasons, returnees' stay."""
    sf = calendar.spring_festival_offset(dates)
    doy = (dates - dates.astype("datetime64[Y]")).astype("int64")
    factor = np.ones((len(PROFILE_NAMES), len(dates)), dtype=np.float32)
    holiday = (sf >= -1) & (sf <= 6)  # the statutory Spring Festival week
    factor[Profile.FAMILY, holiday] = 1.12  # cooking and guests
    factor[Profile.ELDERLY_ALONE, (sf >= -1) & (sf <= 3)] = 1.25  # the children come home
    factor[Profile.VACANT] = 0.0
    factor[Profile.RETURNEE] = ((sf >= -10) & (sf <= 8)).astype(np.float32)  # home only for the festival
    factor[Profile.COMMERCIAL, (sf >= -1) & (sf <= 5)] = 0.35
    irrigation = 0.25 + 1.2 * np.exp(-(((doy - 130) / 30.0) ** 2)) + 0.6 * np.exp(-(((doy - 225) / 20.0) ** 2))
    factor[Profile.AGRICULTURAL] = irrigation * np.where(holiday, 0.8, 1.0)
    ramp = ((sf >= -8) & (sf < -5)) | ((sf > 10) & (sf <= 15))
    factor[Profile.INDUSTRIAL, ramp] = 0.6
    factor[Profile.INDUSTRIAL, (sf >= -5) & (sf <= 10)] = 0.25  # factories stop for the holiday
    return factor


def ordinary_consumption(
    rng: np.random.Generator, population: Population, dates: np.ndarray, temperature: np.ndarray
) -> np.ndarray:
    """[n, n_days] float32 daily kWh of every meter on ordinary days, with log-normal daily noise."""
    heating_dd = (np.maximum(_HEATING_BELOW - temperature, 0) * calendar.heating_season(dates)).astype(np.float32)
    cooling_dd = np.maximum(temperature - _COOLING_ABOVE, 0).astype(np.float32)
    dow = calendar.weekday(dates)
    x = population.active[:, None] * population.weekly[:, dow]
    x += population.heat_coef[:, None] * heating_dd[None, :]
    x += population.cool_coef[:, None] * cooling_dd[None, :]
    x *= profile_calendar(dates)[population.profile]
    x += population.standby[:, None]
    x *= lognormal_noise(rng, _SIGMA[population.profile], len(dates))
    return x


def lognormal_noise(rng: np.random.Generator, sigma: np.ndarray, n_days: int) -> np.ndarray:
    """Mean-one log-normal factors, one row per sigma."""
    z = rng.standard_normal((len(sigma), n_days), dtype=np.float32)
    z *= sigma[:, None]
    z -= (sigma * sigma / 2)[:, None]
    np.exp(z, out=z)
    return z
