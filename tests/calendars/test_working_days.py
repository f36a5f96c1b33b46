"""Working-day arithmetic on mainland China's calendar, checked by hand against the State Council's notices.

2025 (国办发明电〔2024〕12号): National Day and Mid-Autumn 1–8 October off; Sunday 28 September and
Saturday 11 October worked. 2026 (国办发明电〔2025〕7号, 4 November 2025): Spring Festival 15–23
February off; Saturday 14 February and Saturday 28 February worked. No database: the calendar is the
``holidays`` package's China calendar with the official days handed in directly.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.calendars.registry import CALENDARS
from portal.calendars.working import (
    WorkingCalendar,
    add_working_days,
    add_working_minutes,
    is_working_day,
    next_working_day,
)

SH = ZoneInfo("Asia/Shanghai")


def china(entered: dict[date, bool] | None = None, official_until: int = 2026) -> WorkingCalendar:
    return WorkingCalendar("CN", SH, CALENDARS["CN"].package(), official_until, entered or {})


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SH)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 9, 26), True),  # Friday
        (date(2025, 9, 27), False),  # Saturday, an ordinary weekend day
        (date(2025, 9, 28), True),  # Sunday, worked for the National Day holiday
        *((date(2025, 10, d), False) for d in range(1, 9)),  # 1–8 October off (3 statutory days + 中秋 + swaps)
        (date(2025, 10, 9), True),  # Thursday, back to work
        (date(2025, 10, 11), True),  # Saturday, worked
        (date(2025, 10, 12), False),  # Sunday
    ],
)
def test_the_2025_national_day_holiday_and_its_make_up_days(day: date, working: bool) -> None:
    assert is_working_day(day, china()) is working


def test_one_working_day_from_30_september_2025_ends_on_9_october() -> None:
    # Tuesday 30 Sep 16:00; 1–8 Oct are off, so the next working day is Thursday 9 Oct: 16:00 there.
    assert add_working_days(at(2025, 9, 30, 16), 1, china()) == at(2025, 10, 9, 16)


def test_a_make_up_sunday_counts_as_a_working_day() -> None:
    # Friday 26 Sep 16:00 → Saturday 27 is off → Sunday 28 Sep is worked: 16:00 there.
    assert add_working_days(at(2025, 9, 26, 16), 1, china()) == at(2025, 9, 28, 16)


def test_a_make_up_saturday_counts_as_a_working_day() -> None:
    # Friday 10 Oct 16:00 → Saturday 11 Oct is worked: 16:00 there.
    assert add_working_days(at(2025, 10, 10, 16), 1, china()) == at(2025, 10, 11, 16)


def test_a_request_filed_on_a_holiday_counts_from_the_next_working_day() -> None:
    # Friday 3 Oct 10:00 is off: the count starts 9 Oct 00:00, one whole day → 10 Oct 00:00.
    assert add_working_days(at(2025, 10, 3, 10), 1, china()) == at(2025, 10, 10, 0)


def test_working_minutes_skip_the_holiday_week() -> None:
    # 30 Sep 23:00 + 120 min: 60 min left of 30 Sep, the other 60 min on 9 Oct → 01:00.
    assert add_working_minutes(at(2025, 9, 30, 23), 120, china()) == at(2025, 10, 9, 1)


def test_the_2026_spring_festival_is_nine_days_off_between_two_worked_saturdays() -> None:
    calendar = china()
    # Friday 13 Feb 16:00 → Saturday 14 Feb is worked.
    assert add_working_days(at(2026, 2, 13, 16), 1, calendar) == at(2026, 2, 14, 16)
    # Saturday 14 Feb 16:00 → 15 (Sun), 16–20 (除夕, 春节 ×3, swap), 21–22 (weekend), 23 (swap) off → Tue 24.
    assert add_working_days(at(2026, 2, 14, 16), 1, calendar) == at(2026, 2, 24, 16)
    # Friday 27 Feb 16:00 → Saturday 28 Feb is worked.
    assert add_working_days(at(2026, 2, 27, 16), 1, calendar) == at(2026, 2, 28, 16)
    assert next_working_day(date(2026, 2, 14), calendar) == date(2026, 2, 24)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(2021, 6, 1, 10), at(2021, 6, 2, 10)),  # Tuesday → Wednesday, same time
        (at(2021, 6, 4, 16), at(2021, 6, 7, 16)),  # Friday afternoon → Monday afternoon
        (at(2021, 6, 5, 10), at(2021, 6, 8, 0)),  # Saturday: Monday is its working day, due Tuesday 00:00
        (at(2021, 6, 4, 0), at(2021, 6, 5, 0)),  # Friday 00:00: the day ends at 24:00, not on Monday
    ],
)
def test_ordinary_weeks_count_monday_to_friday(start: datetime, expected: datetime) -> None:
    assert add_working_days(start, 1, china()) == expected


def test_three_working_days_across_a_weekend() -> None:
    # Thursday 3 Jun 2021 09:00 → Fri 4, Mon 7, Tue 8 → Tuesday 8 Jun 09:00.
    assert add_working_days(at(2021, 6, 3, 9), 3, china()) == at(2021, 6, 8, 9)


def test_an_entered_day_corrects_a_year_the_package_knows() -> None:
    # Suppose 9 Oct 2025 had been declared a day off: the next working day after 30 Sep is Friday 10 Oct.
    calendar = china({date(2025, 10, 9): False})
    assert add_working_days(at(2025, 9, 30, 16), 1, calendar) == at(2025, 10, 10, 16)


def test_entered_days_replace_the_packages_estimate_of_a_later_year() -> None:
    # The package does not carry 2027's notice; it estimates Tuesday 9 Feb 2027 as a substitute day off.
    assert is_working_day(date(2027, 2, 9), china()) is False
    # Once a 2027 schedule is entered (these two days are made up for the test, not the real notice),
    # it is the whole of 2027: weekdays not entered are worked, weekends off unless entered as worked.
    made_up = china({date(2027, 2, 8): False, date(2027, 2, 20): True})
    assert is_working_day(date(2027, 2, 9), made_up) is True
    assert is_working_day(date(2027, 2, 8), made_up) is False
    assert is_working_day(date(2027, 2, 20), made_up) is True
    assert is_working_day(date(2027, 2, 21), made_up) is False


def test_negative_working_time_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_minutes(at(2025, 9, 30, 16), -1, china())
