"""Next year's official schedule must be known in time: to the ``holidays`` package, or entered by us."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from portal.calendars import coverage, loader
from portal.calendars.models import CalendarDay
from portal.calendars.registry import CALENDARS
from tests.calendars.test_working_days import china


@pytest.mark.parametrize(
    ("today", "entered", "missing"),
    [
        (date(2026, 12, 3), {}, []),  # before 15 December only this year (2026, carried) is required
        (date(2026, 12, 15), {}, [2027]),  # from 15 December next year too, and 2027 is not carried
        (date(2026, 12, 15), {date(2027, 2, 8): False}, []),  # entered official days of 2027 count
        (date(2027, 1, 4), {}, [2027]),  # this year itself missing
        (date(2027, 12, 20), {date(2027, 2, 8): False}, [2028]),
    ],
)
def test_the_years_that_must_be_known_by_a_given_day(
    today: date, entered: dict[date, bool], missing: list[int]
) -> None:
    assert coverage.missing_years(china(entered, official_until=2026), today) == missing


def test_the_remedy_names_the_year_and_both_ways_out() -> None:
    message = coverage.remedy(china(official_until=2026), [2027])
    assert "2027" in message
    assert "requirements.in" in message
    assert "portal/calendars/migrations" in message


def test_the_package_carries_the_official_2025_and_2026_schedules() -> None:
    assert CALENDARS["CN"].official_until() >= 2026


@pytest.mark.django_db
def test_this_year_and_in_december_next_year_are_known_for_every_calendar() -> None:
    """Fails from 15 December when next year's State Council schedule is neither in the installed
    ``holidays`` release nor entered by a data migration; the message says what to do."""
    today = timezone.localdate()
    for code in CALENDARS:
        calendar = loader.load(code)
        missing = coverage.missing_years(calendar, today)
        assert missing == [], coverage.remedy(calendar, missing)


@pytest.mark.django_db
def test_the_loaded_calendar_includes_the_days_entered_in_the_admin() -> None:
    CalendarDay.objects.create(calendar="CN", day=date(2025, 10, 9), working=False, source="test")
    calendar = loader.load("CN")
    assert calendar.entered == {date(2025, 10, 9): False}
    assert coverage.is_known(2025, calendar)
