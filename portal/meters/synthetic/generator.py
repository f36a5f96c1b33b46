"""One call that builds a whole synthetic grid: places, meters, readings and the truth about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from portal.meters.synthetic import calendar, events, places, theft
from portal.meters.synthetic.households import Population, ordinary_consumption, sample_population
from portal.meters.synthetic.spells import Spells

# Typical transformer areas serve from a few dozen to a few hundred users; sizes vary around N / A.
_AREA_SIZE_SIGMA = 0.4
_AREAS_PER_VILLAGE = 3


@dataclass(frozen=True)
class GeneratorConfig:
    meters: int
    areas: int
    days: int
    seed: int
    start: dt.date = dt.date(2025, 1, 1)
    theft_areas: int = 0
    care_subjects: int = 0

    def validate(self) -> None:
        if self.meters < 1 or self.areas < 1 or self.days < 1:
            raise ValueError("meters, areas and days must be at least 1")
        if self.areas > self.meters:
            raise ValueError("every transformer area needs at least one meter: areas must not exceed meters")
        if not 0 <= self.theft_areas <= self.areas:
            raise ValueError("theft areas must be between 0 and the number of areas")
        if self.theft_areas and self.days < 14:
            raise ValueError("theft needs at least 14 days of data (a window before it and one during it)")
        if self.care_subjects < 0:
            raise ValueError("care subjects must not be negative")


@dataclass(frozen=True)
class Grid:
    """Places: villages, areas (with their village) and meters (sorted by area)."""

    villages: places.Villages
    area_code: np.ndarray
    area_village: np.ndarray
    meter_no: np.ndarray
    account_no: np.ndarray
    customer_name: np.ndarray
    area_of_meter: np.ndarray


@dataclass(frozen=True)
class SyntheticData:
    config: GeneratorConfig
    dates: np.ndarray  # datetime64[D]
    grid: Grid
    population: Population
    temperature: np.ndarray
    true_kwh: np.ndarray  # [meters, days] what was really used
    readings: np.ndarray  # [meters, days] what the meters show; NaN on outage days
    supplied: np.ndarray  # [areas, days] area meter; NaN on area-meter outage days
    technical_loss: np.ndarray  # per area
    care_subjects: np.ndarray
    care_events: events.CareEvents
    meter_outages: Spells
    area_outages: Spells
    thieves: theft.Thieves | None
    theft_areas: theft.TheftAreas | None


def _group_sizes(rng: np.random.Generator, total: int, groups: int) -> np.ndarray:
    """``groups`` positive sizes adding up to ``total``, varying around the mean."""
    weights = rng.lognormal(0.0, _AREA_SIZE_SIGMA, groups)
    return 1 + rng.multinomial(total - groups, weights / weights.sum())


def build_grid(rng: np.random.Generator, config: GeneratorConfig) -> Grid:
    n_villages = max(1, -(-config.areas // _AREAS_PER_VILLAGE))
    villages = places.make_villages(rng, n_villages)
    area_village = np.repeat(np.arange(n_villages), _group_sizes(rng, config.areas, n_villages))
    area_of_meter = np.repeat(np.arange(config.areas), _group_sizes(rng, config.meters, config.areas))
    return Grid(
        villages=villages,
        area_code=places.area_codes(config.seed, config.areas),
        area_village=area_village,
        meter_no=places.meter_numbers(config.seed, config.meters),
        account_no=places.account_numbers(config.seed, config.meters),
        customer_name=places.customer_names(rng, config.meters),
        area_of_meter=area_of_meter,
    )


def generate(config: GeneratorConfig) -> SyntheticData:
    """Everything for one run, from one seed: the same config always gives the same arrays."""
    config.validate()
    rng = np.random.default_rng(config.seed)
    dates = calendar.day_range(config.start, config.days)
    grid = build_grid(rng, config)
    in_community = grid.villages.is_community[grid.area_village[grid.area_of_meter]]
    population = sample_population(rng, in_community)
    temperature = calendar.weather_temperature(dates, rng)
    true_kwh = ordinary_consumption(rng, population, dates, temperature)

    subjects = events.choose_care_subjects(rng, population, config.care_subjects)
    care = events.place_care_events(rng, subjects, config.days)
    events.apply_care_events(true_kwh, care)

    readings = true_kwh.copy()
    thieves = theft_areas = None
    if config.theft_areas:
        chosen = np.sort(rng.choice(config.areas, config.theft_areas, replace=False))
        reported, thieves, theft_areas = theft.inject_theft(
            rng, true_kwh, grid.area_of_meter, population.profile, chosen
        )
        readings[thieves.meter] = reported

    supplied, loss = theft.area_supply(rng, true_kwh, grid.area_of_meter, config.areas)
    meter_outages = events.place_meter_outages(rng, config.meters, config.days, care.spells)
    area_outages = events.place_area_outages(rng, config.areas, config.days)
    # Meters register to 0.01 kWh; rounding here makes the matrix equal what the files hold.
    np.round(readings, 2, out=readings)
    events.blank_out(readings, meter_outages)
    events.blank_out(supplied, area_outages)
    return SyntheticData(
        config=config,
        dates=dates,
        grid=grid,
        population=population,
        temperature=temperature,
        true_kwh=true_kwh,
        readings=readings,
        supplied=supplied.astype(np.float32),
        technical_loss=loss,
        care_subjects=subjects,
        care_events=care,
        meter_outages=meter_outages,
        area_outages=area_outages,
        thieves=thieves,
        theft_areas=theft_areas,
    )
