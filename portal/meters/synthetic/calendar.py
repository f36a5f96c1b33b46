"""The calendar and weather the synthetic consumption follows: Spring Festival, weekdays, Tianjin seasons.

Spring Festival (春节, the first day of the first lunar month) moves every year. The dates below are the
lunar new-year days of the Chinese calendar as published by the Purple Mountain Observatory and used
in the State Council's yearly holiday notices (国务院办公厅关于部分节假日安排的通知); they are
written out rather than computed because a lunar-calendar algorithm would be a dependency for a table
of a dozen dates.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

SPRING_FESTIVAL: dict[int, dt.date] = {
    2019: dt.date(2019, 2, 5),
    2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12),
    2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 22),
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26),
    2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3),
}

# Tianjin's climate normals: January mean about -3.5 °C, July about 27 °C (China Meteorological
# Administration 1991-2020 normals, rounded). A cosine through them is close enough for load shapes.
_T_MEAN = 11.75
_T_AMPLITUDE = 15.25
_COLDEST_DAY_OF_YEAR = 20
# Day-to-day weather: an AR(1) anomaly shared by the whole region (every house feels the same cold snap).
_ANOMALY_SD = 2.5
_ANOMALY_AR = 0.7
# Tianjin's official heating season runs from 15 November to 15 March.
_HEATING_FROM = (11, 15)
_HEATING_TO = (3, 15)


def day_range(start: dt.date, n_days: int) -> np.ndarray:
    """The ``n_days`` consecutive dates from ``start`` as ``datetime64[D]``."""
    return np.datetime64(start, "D") + np.arange(n_days)


def weekday(dates: np.ndarray) -> np.ndarray:
    """Monday = 0 … Sunday = 6 for ``datetime64[D]`` dates (1970-01-01 was a Thursday)."""
    return ((dates.astype("int64") + 3) % 7).astype(np.int8)


def spring_festival_offset(dates: np.ndarray) -> np.ndarray:
    """Days from the nearest known Spring Festival (negative before it); a large number when none is near.

    Raises ``ValueError`` for a year outside the table, so a run never silently misses the festival.
    """
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    unknown = sorted({int(y) for y in np.unique(years)} - set(SPRING_FESTIVAL))
    if unknown:
        raise ValueError(f"no Spring Festival date known for {unknown}")
    festivals = np.array([np.datetime64(d, "D") for d in SPRING_FESTIVAL.values()])
    day = dates.astype("datetime64[D]")
    diffs = (day[:, None] - festivals[None, :]).astype("int64")
    nearest = np.argmin(np.abs(diffs), axis=1)
    return diffs[np.arange(len(day)), nearest]


def climate_temperature(dates: np.ndarray) -> np.ndarray:
    """Tianjin's normal daily mean temperature (°C) for each date."""
    doy = (dates - dates.astype("datetime64[Y]")).astype("int64")
    return _T_MEAN - _T_AMPLITUDE * np.cos(2 * np.pi * (doy - _COLDEST_DAY_OF_YEAR) / 365.25)


def weather_temperature(dates: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Climate plus a persistent random anomaly: the weather one synthetic year actually had."""
    shocks = rng.normal(0.0, _ANOMALY_SD * np.sqrt(1 - _ANOMALY_AR**2), len(dates))
    anomaly = np.empty(len(dates))
    level = rng.normal(0.0, _ANOMALY_SD)
    # A short recursion over days (hundreds at most); the matrices that matter are vectorised.
    for i, shock in enumerate(shocks):
        level = _ANOMALY_AR * level + shock
        anomaly[i] = level
    return climate_temperature(dates) + anomaly


def heating_season(dates: np.ndarray) -> np.ndarray:
    """True on the days of Tianjin's heating season (15 Nov – 15 Mar)."""
    month = dates.astype("datetime64[M]").astype(int) % 12 + 1
    day = (dates - dates.astype("datetime64[M]")).astype("int64") + 1
    after_start = (month > _HEATING_FROM[0]) | ((month == _HEATING_FROM[0]) & (day >= _HEATING_FROM[1]))
    before_end = (month < _HEATING_TO[0]) | ((month == _HEATING_TO[0]) & (day <= _HEATING_TO[1]))
    return after_start | before_end
