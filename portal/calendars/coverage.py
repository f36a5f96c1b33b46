"""Is the official schedule of the years that matter known — to the package or from entered days?

The State Council publishes next year's holiday schedule between late October and early December
(2017's on 1 December 2016, 2023's on 8 December 2022, 2026's on 4 November 2025), and the
``holidays`` maintainers release it within days ("yearly checks 3 weeks before year's end", their
China calendar says). So this year must always be known, and next year from 15 December on: from
then, deadlines counted into January would silently ignore the new schedule.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from portal.calendars.working import WorkingCalendar

NEXT_YEAR_REQUIRED_FROM = (12, 15)  # month, day


def years_required(today: date) -> list[int]:
    if (today.month, today.day) >= NEXT_YEAR_REQUIRED_FROM:
        return [today.year, today.year + 1]
    return [today.year]


def is_known(year: int, calendar: WorkingCalendar) -> bool:
    return year <= calendar.official_until or year in calendar.entered_years


def missing_years(calendar: WorkingCalendar, today: date) -> list[int]:
    return [year for year in years_required(today) if not is_known(year, calendar)]


def remedy(calendar: WorkingCalendar, years: list[int]) -> str:
    """What to do about ``years``, for the admin page and the failing test."""
    return _(
        "The official holiday schedule of %(years)s is not known for calendar %(code)s: the holidays "
        "package carries it up to %(until)d. Upgrade holidays (requirements.in, make lock) once a "
        "release has it, or enter that year's official days (every weekday off and every weekend day "
        "worked, with the notice as source) as official calendar days — in the admin for this site, "
        "and as a data migration in portal/calendars/migrations for every site and the test suite."
    ) % {"years": "、".join(str(y) for y in years), "code": calendar.code, "until": calendar.official_until}
