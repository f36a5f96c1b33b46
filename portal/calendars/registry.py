"""The named calendars a clock can run on (``loader.load`` builds one with the official days entered)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import holidays
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.calendars.working import HolidayCalendar

MAINLAND_CHINA = "CN"


def _china_official_until() -> int:
    """The last year whose State Council schedule (放假调休安排) ``holidays`` carries.

    The package writes each year's notice as that year's "special" holidays: the weekday taken off
    and the weekend day worked instead. For a year after the last one it only estimates — statutory
    days plus weekend substitutes, without make-up working days — so that year is not known yet.
    """
    from holidays.countries.china import ChinaStaticHolidays

    return max(ChinaStaticHolidays.special_public_holidays)


@dataclass(frozen=True)
class CalendarSpec:
    code: str
    label: str | Promise
    timezone: str
    package: Callable[[], HolidayCalendar]
    official_until: Callable[[], int]


CALENDARS: dict[str, CalendarSpec] = {
    MAINLAND_CHINA: CalendarSpec(
        MAINLAND_CHINA,
        _("Mainland China (State Council holiday schedule)"),
        "Asia/Shanghai",
        holidays.China,
        _china_official_until,
    ),
}


def calendar_choices() -> list[tuple[str, str | Promise]]:
    return [(spec.code, spec.label) for spec in CALENDARS.values()]


def calendar_label(code: str) -> str:
    spec = CALENDARS.get(code)
    return str(spec.label) if spec is not None else code
