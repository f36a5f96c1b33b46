"""One call for a whole held-out grid: areas, users, a summer of daily readings, thieves, the truth."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from portal.meters.synthetic_heldout import consumption, theft

# The area meter reads nothing on this share of days, a user's meter on this share (each day alone).
AREA_MISSING = 0.005
USER_MISSING = 0.008


@dataclass(frozen=True)
class HeldoutConfig:
    areas: int
    days: int
    seed: int
    start: dt.date = dt.date(2025, 5, 1)
    smallest_area: int = 30
    largest_area: int = 400
    theft_area_share: float = 1 / 3

    def validate(self) -> None:
        if self.areas < 1 or self.days < 70:
            raise ValueError("at least one area and 70 days (thefts start between day 20 and 60)")
        if not 1 <= self.smallest_area <= self.largest_area:
            raise ValueError("area sizes must be 1 <= smallest <= largest")
        if not 0 <= self.theft_area_share <= 1:
            raise ValueError("the share of theft areas must be between 0 and 1")


@dataclass(frozen=True)
class HeldoutData:
    config: HeldoutConfig
    dates: np.ndarray  # datetime64[D]
    area_code: np.ndarray  # str
    meter_no: np.ndarray  # str, grouped by area
    area_of_user: np.ndarray  # sorted
    user_kind: np.ndarray  # consumption.HOUSEHOLD / SHOP / VACANT
    true_use: np.ndarray  # [users, days]
    readings: np.ndarray  # [users, days] as the meters show, 0.01 kWh, NaN where not read
    supplied: np.ndarray  # [areas, days], NaN where not read
    technical_loss: np.ndarray  # [areas] rate over the data
    theft_areas: np.ndarray  # area indices
    thieves: theft.Thieves

    @property
    def area_stolen_share(self) -> np.ndarray:
        """[areas] stolen energy over what the area's users really used, from its first thief's start."""
        n_areas = len(self.area_code)
        first = np.full(n_areas, self.dates.size)
        np.minimum.at(first, self.area_of_user[self.thieves.user], self.thieves.start)
        inside = np.arange(self.dates.size)[None, :] >= first[self.area_of_user][:, None]
        used = np.bincount(self.area_of_user, weights=np.where(inside, self.true_use, 0).sum(axis=1), minlength=n_areas)
        stolen = np.bincount(self.area_of_user[self.thieves.user], weights=self.thieves.stolen_kwh, minlength=n_areas)
        return np.divide(stolen, used, out=np.zeros(n_areas), where=used > 0)


def _codes(seed: int, areas: int, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    prefix = f"{seed % 100:02d}"
    area_code = np.char.add(f"HX{prefix}-", np.char.zfill(np.arange(1, areas + 1).astype(str), 4))
    meter_no = np.char.add(f"6{prefix}", np.char.zfill(np.arange(1, int(sizes.sum()) + 1).astype(str), 9))
    return area_code, meter_no


def generate_heldout(config: HeldoutConfig) -> HeldoutData:
    config.validate()
    rng = np.random.default_rng([config.seed, 19])
    sizes = consumption.area_sizes(rng, config.areas, config.smallest_area, config.largest_area)
    area_of_user = np.repeat(np.arange(config.areas), sizes)
    users = consumption.draw_users(rng, len(area_of_user))
    dates = np.datetime64(config.start, "D") + np.arange(config.days)
    weekday = (dates.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
    temperature = consumption.summer_temperature(rng, config.start.timetuple().tm_yday, config.days)
    true_use = consumption.honest_use(rng, users, temperature, weekday)

    theft_areas = np.sort(rng.choice(config.areas, round(config.theft_area_share * config.areas), replace=False))
    readings, thieves = theft.inject(rng, true_use, area_of_user, theft_areas)
    area_use = np.zeros((config.areas, config.days))
    np.add.at(area_use, area_of_user, true_use)
    supplied, technical = theft.area_meter(rng, area_use)

    readings = np.round(readings, 2)
    readings[rng.random(readings.shape) < USER_MISSING] = np.nan
    supplied[rng.random(supplied.shape) < AREA_MISSING] = np.nan
    area_code, meter_no = _codes(config.seed, config.areas, sizes)
    return HeldoutData(
        config=config,
        dates=dates,
        area_code=area_code,
        meter_no=meter_no,
        area_of_user=area_of_user,
        user_kind=users.kind,
        true_use=true_use,
        readings=readings.astype(np.float32),
        supplied=np.round(supplied, 2).astype(np.float32),
        technical_loss=technical,
        theft_areas=theft_areas,
        thieves=thieves,
    )
