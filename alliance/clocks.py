"""The request desk's clocks, after Tianjin 12345 practice.

Receipt (接单) must be confirmed:

- within 15 minutes when life or property is at risk (the type says so, or the caller does);
- within 30 minutes for water, power, gas and heating;
- within one working day otherwise.

A tenant changes these per service type (``receipt_minutes`` / ``receipt_working_days`` and
``resolve_hours``); ``default_receipt`` gives the values a new type starts with.

Working days are Monday to Friday in Asia/Shanghai. Public holidays and the swapped working
weekends of the Chinese calendar are NOT modelled: a request filed on 1 October counts that day
as a working day. A request filed on a Saturday or Sunday starts its count at 00:00 of the next
Monday; "one working day" then ends at the same time of day on the next working day (Friday 16:00
→ Monday 16:00; Saturday 10:00 → Tuesday 00:00). Minute clocks run around the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from alliance.models import ESSENTIAL_UTILITIES

SHANGHAI = ZoneInfo("Asia/Shanghai")
LIFE_RISK_MINUTES = 15
ESSENTIAL_MINUTES = 30
OTHER_WORKING_DAYS = 1


@dataclass(frozen=True)
class Receipt:
    minutes: int | None = None
    working_days: int | None = None


def default_receipt(utility: str, life_risk: bool) -> Receipt:
    if life_risk:
        return Receipt(minutes=LIFE_RISK_MINUTES)
    if utility in ESSENTIAL_UTILITIES:
        return Receipt(minutes=ESSENTIAL_MINUTES)
    return Receipt(working_days=OTHER_WORKING_DAYS)


def is_working_day(moment: datetime) -> bool:
    return moment.weekday() < 5


def add_working_days(start: datetime, days: int) -> datetime:
    """``days`` working days after ``start`` (Mon–Fri in Shanghai; holidays not modelled)."""
    local = start.astimezone(SHANGHAI)
    if not is_working_day(local):
        while not is_working_day(local):
            local += timedelta(days=1)
        local = datetime.combine(local.date(), time(0), tzinfo=SHANGHAI)
    for _ in range(days):
        local += timedelta(days=1)
        while not is_working_day(local):
            local += timedelta(days=1)
    return local


def receipt_due(start: datetime, receipt: Receipt, life_risk: bool) -> datetime:
    """When receipt must be confirmed; a caller's "life or property at risk" always means 15 minutes."""
    if life_risk:
        return start + timedelta(minutes=min(LIFE_RISK_MINUTES, receipt.minutes or LIFE_RISK_MINUTES))
    if receipt.minutes is not None:
        return start + timedelta(minutes=receipt.minutes)
    return add_working_days(start, receipt.working_days or OTHER_WORKING_DAYS)


def resolve_due(start: datetime, resolve_hours: int, receipt_at: datetime) -> datetime:
    """The resolution target, never before the receipt target."""
    return max(start + timedelta(hours=resolve_hours), receipt_at)
