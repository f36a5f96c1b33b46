"""Line loss per transformer area and day: energy supplied (area meter) against energy sold (its users).

A number that cannot be trusted is not hidden: every area-day carries a ``DayStatus`` saying why its
rate is missing or suspect (area meter not read, too many users not read, more sold than supplied).
Users not read on a day are estimated from their share of the area's use on the days they were read
(times the area's shape of use that day), so one missing meter does not make a whole area-day
unusable; the estimated share is kept and shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

# Above this share of estimated (not read) energy in the sold total, a day's rate is not computed.
MAX_ESTIMATED_SHARE = 0.10


class DayStatus(IntEnum):
    OK = 0
    USERS_ESTIMATED = 1  # some users not read; their use estimated from their own mean
    USERS_NOT_READ = 2  # too many users not read to compute a rate
    AREA_METER_MISSING = 3  # no reading from the area meter
    NEGATIVE = 4  # more sold than supplied: area meter fault, wrong CT ratio or readings of different days
    NO_SUPPLY = 5  # area meter reads zero, or the area has no users


USABLE = (DayStatus.OK, DayStatus.USERS_ESTIMATED)


@dataclass(frozen=True)
class LineLoss:
    supplied: np.ndarray  # [areas, days] kWh, NaN where the area meter was not read
    sold: np.ndarray  # [areas, days] kWh, read plus estimated
    estimated: np.ndarray  # [areas, days] kWh of ``sold`` that was estimated
    users: np.ndarray  # [areas] users in the area
    users_missing: np.ndarray  # [areas, days] users without a reading
    loss: np.ndarray  # [areas, days] supplied - sold, NaN without a supply reading
    rate: np.ndarray  # [areas, days] loss / supplied, NaN where the status is not usable
    status: np.ndarray  # [areas, days] DayStatus codes (int8)

    @property
    def usable(self) -> np.ndarray:
        return np.isin(self.status, USABLE)


def group_sums(values: np.ndarray, starts: np.ndarray, n_groups: int, present: np.ndarray) -> np.ndarray:
    """Sums of consecutive row blocks: rows ``starts[i]`` .. next start belong to group ``present[i]``.

    Summed in the values' own type (float32 readings: a few hundred users' sums keep seven
    significant digits, ten times finer than the 0.01 kWh they are read in) and returned as float64:
    asking reduceat for float64 converts element by element and costs ten times as long."""
    out = np.zeros((n_groups, values.shape[1]), dtype=np.float64)
    if len(starts):
        out[present] = np.add.reduceat(values, starts, axis=0)
    return out


def user_means(readings: np.ndarray) -> np.ndarray:
    """Each user's mean daily reading over the days it was read (0 when never read)."""
    present = ~np.isnan(readings)
    counts = present.sum(axis=1)
    totals = np.where(present, readings, 0).sum(axis=1, dtype=np.float64)
    return np.divide(totals, counts, out=np.zeros(len(readings)), where=counts > 0)


def supply_profile(supplied: np.ndarray) -> np.ndarray:
    """Each area's supply on each day over its mean supply (NaN where not read or not positive).

    The area meter sees what every user really used, so this is the area's shape of use — weather,
    weekends, holidays — whatever any one meter shows."""
    with np.errstate(invalid="ignore", divide="ignore"):
        positive = np.where(supplied > 0, supplied, np.nan)
        counts = (~np.isnan(positive)).sum(axis=1)
        means = np.where(counts > 0, np.nansum(positive, axis=1) / np.maximum(counts, 1), np.nan)
        return positive / means[:, None]


def estimates_for_missing(
    readings: np.ndarray, area_of_user: np.ndarray, profile: np.ndarray, missing: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(users, days, kWh) of every reading that is missing, estimated as the user's share of the
    area's use on the days it was read times the area's profile on the missing day; the user's own
    mean where the area meter did not read either. Only missing cells are touched: about one in a
    hundred."""
    users, days = np.nonzero(np.isnan(readings) if missing is None else missing)
    means = user_means(readings)
    if not len(users):
        return users, days, np.zeros(0)
    areas = area_of_user[users]
    p_missing = profile[areas, days]
    known = ~np.isnan(p_missing)
    # Denominator: the profile summed over the days the user was read (all days minus its missing ones).
    p_total = np.nansum(profile, axis=1)[area_of_user]
    p_unread = np.bincount(users[known], weights=p_missing[known], minlength=len(readings))
    read_days = len(readings[0]) - np.bincount(users, minlength=len(readings))
    read_total = means * read_days
    denominator = p_total - p_unread
    share = np.divide(read_total, denominator, out=means.copy(), where=denominator > 0)
    values = np.where(known, share[users] * np.where(known, p_missing, 0.0), means[users])
    return users, days, values


def line_loss(supplied: np.ndarray, readings: np.ndarray, area_of_user: np.ndarray) -> LineLoss:
    """Daily line loss of every area.

    ``readings`` [users, days] must be grouped by area: ``area_of_user`` sorted ascending (the
    screening sorts once); ``supplied`` [areas, days]. NaN is "not read", never zero; a reading not
    taken is estimated from the user's share of the area's use (``estimates_for_missing``).
    """
    n_areas, n_days = supplied.shape
    if len(area_of_user) > 1 and np.any(np.diff(area_of_user) < 0):
        raise ValueError("readings must be grouped by area (area_of_user sorted)")
    present_areas, starts = np.unique(area_of_user, return_index=True)
    supplied = supplied.astype(np.float64)
    missing = np.isnan(readings)
    users_out, days_out, values = estimates_for_missing(readings, area_of_user, supply_profile(supplied), missing)
    cell = area_of_user[users_out] * n_days + days_out
    estimated = np.bincount(cell, weights=values, minlength=n_areas * n_days).reshape(n_areas, n_days)
    users_missing = np.bincount(cell, minlength=n_areas * n_days).reshape(n_areas, n_days).astype(np.int64)
    read = group_sums(np.where(missing, readings.dtype.type(0), readings), starts, n_areas, present_areas)
    sold = read + estimated
    users = np.bincount(area_of_user, minlength=n_areas)
    loss = supplied - sold
    status = day_status(supplied, sold, estimated, users)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(np.isin(status, USABLE), loss / supplied, np.nan)
    return LineLoss(supplied, sold, estimated, users, users_missing, loss, rate, status)


def day_status(supplied: np.ndarray, sold: np.ndarray, estimated: np.ndarray, users: np.ndarray) -> np.ndarray:
    """The ``DayStatus`` of every area-day; later rules override earlier ones (most basic cause wins)."""
    status = np.full(supplied.shape, DayStatus.OK, dtype=np.int8)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(sold > 0, estimated / sold, 0.0)
    status[share > 0] = DayStatus.USERS_ESTIMATED
    status[share > MAX_ESTIMATED_SHARE] = DayStatus.USERS_NOT_READ
    status[(sold > supplied) & (status != DayStatus.USERS_NOT_READ)] = DayStatus.NEGATIVE
    status[(supplied <= 0) | (users[:, None] == 0)] = DayStatus.NO_SUPPLY
    status[np.isnan(supplied)] = DayStatus.AREA_METER_MISSING
    return status


@dataclass(frozen=True)
class Totals:
    """Sums over usable days only, so a missing day lowers neither side."""

    supplied: np.ndarray
    sold: np.ndarray
    loss: np.ndarray
    rate: np.ndarray
    usable_days: np.ndarray
    excluded_days: np.ndarray


def totals(ll: LineLoss, columns: slice | np.ndarray = slice(None)) -> Totals:
    """Supplied, sold, loss and rate per area over the chosen day columns (usable days only)."""
    usable = ll.usable[:, columns]
    supplied = np.where(usable, ll.supplied[:, columns], 0).sum(axis=1)
    sold = np.where(usable, ll.sold[:, columns], 0).sum(axis=1)
    loss = supplied - sold
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(supplied > 0, loss / supplied, np.nan)
    days = usable.sum(axis=1)
    return Totals(supplied, sold, loss, rate, days, usable.shape[1] - days)


def monthly(ll: LineLoss, dates: np.ndarray) -> tuple[np.ndarray, list[Totals]]:
    """Per calendar month: (months as datetime64[M], one ``Totals`` per month)."""
    months = dates.astype("datetime64[M]")
    labels = np.unique(months)
    return labels, [totals(ll, np.flatnonzero(months == month)) for month in labels]
