"""Working-day arithmetic over one calendar. Pure: no database, no clock; the caller loads the calendar.

A working day counts whole (00:00–24:00 local time): service promises of the 12345 kind ("within one
working day") are measured in days, not office hours. So "one working day" from a working day's
16:00 ends at 16:00 of the next working day, and from a day off it ends at 24:00 of the next working
day (a request filed on Saturday 10:00 counts Monday as its working day: due Tuesday 00:00).

Counting in working minutes gives the same answers for whole days and also serves policies written
in minutes: ``add_working_minutes(start, n * 1440)`` is ``add_working_days(start, n)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
WEEKEND = frozenset({5, 6})  # Saturday, Sunday


class HolidayCalendar(Protocol):
    """What we use of a ``holidays`` package calendar (``holidays.China()``)."""

    def is_working_day(self, key: date) -> bool: ...


@dataclass(frozen=True)
class WorkingCalendar:
    """One named calendar: the package's days, corrected and extended by the official days staff entered.

    ``official_until`` is the last year whose official schedule the package carries. For those years
    an entered day corrects the package on that date. For a later year the package only estimates
    (fixed holidays and weekend substitutes, no make-up working days); once official days of such a
    year are entered they ARE that year's schedule — weekends off, weekdays worked, except the entered
    days — and the package's estimate is set aside.
    """

    code: str
    timezone: ZoneInfo
    package: HolidayCalendar
    official_until: int
    entered: Mapping[date, bool] = field(default_factory=dict)  # day → is it a working day

    @property
    def entered_years(self) -> frozenset[int]:
        return frozenset(day.year for day in self.entered)


def is_working_day(day: date, calendar: WorkingCalendar) -> bool:
    if day in calendar.entered:
        return calendar.entered[day]
    if day.year > calendar.official_until and day.year in calendar.entered_years:
        return day.weekday() not in WEEKEND
    return calendar.package.is_working_day(day)


def next_working_day(day: date, calendar: WorkingCalendar) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    while not is_working_day(day, calendar):
        day += timedelta(days=1)
    return day


def _start_of(day: date, calendar: WorkingCalendar) -> datetime:
    return datetime.combine(day, time(0), tzinfo=calendar.timezone)


def add_working_minutes(start: datetime, minutes: int, calendar: WorkingCalendar) -> datetime:
    """The moment ``minutes`` of working time after ``start``; time on days off does not count.

    When the working time runs out exactly at midnight the answer is that midnight (the end of the
    last working day), not the start of the next working day.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    cursor = start.astimezone(calendar.timezone)
    if not is_working_day(cursor.date(), calendar):
        cursor = _start_of(next_working_day(cursor.date(), calendar), calendar)
    remaining = timedelta(minutes=minutes)
    while True:
        end_of_day = _start_of(cursor.date() + timedelta(days=1), calendar)
        if remaining <= end_of_day - cursor:
            return cursor + remaining
        remaining -= end_of_day - cursor
        cursor = _start_of(next_working_day(cursor.date(), calendar), calendar)


def add_working_days(start: datetime, days: int, calendar: WorkingCalendar) -> datetime:
    """``days`` whole working days after ``start`` (see the module docstring for days off)."""
    return add_working_minutes(start, days * MINUTES_PER_DAY, calendar)
