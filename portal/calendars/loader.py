"""Loading a named calendar: the package's days plus the official days entered for it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from portal.calendars.models import CalendarDay
from portal.calendars.registry import CALENDARS
from portal.calendars.working import WorkingCalendar


def load(code: str) -> WorkingCalendar:
    """The calendar ``code`` as it stands now: the package plus every official day entered for it.

    A fresh package calendar each time: it fills years in lazily, so one shared between threads
    would be written by several at once. Building one costs about a millisecond per year used.
    """
    spec = CALENDARS[code]
    entered = dict(CalendarDay.objects.filter(calendar=code).values_list("day", "working"))
    return WorkingCalendar(
        code=code,
        timezone=ZoneInfo(spec.timezone),
        package=spec.package(),
        official_until=spec.official_until(),
        entered=entered,
    )
