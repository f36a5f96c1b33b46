"""The request desk's clocks, after Tianjin 12345 practice, as terms of the core SLA.

Receipt (接单) must be confirmed:

- within 15 minutes when life or property is at risk (the type says so, or the caller does);
- within 30 minutes for water, power, gas and heating;
- within one working day otherwise.

A tenant changes these per service type (``receipt_minutes`` / ``receipt_working_days`` and
``resolve_hours``); ``default_receipt`` gives the values a new type starts with.

Minute clocks run around the clock. Working days are mainland China's (``portal.calendars``,
calendar ``CN``): public holidays are off and the State Council's make-up weekend days are worked.
A working day counts whole, so "one working day" from a working day's 16:00 ends at 16:00 of the next
working day (30 September 2025 16:00 → 9 October 2025 16:00 across the National Day holiday), and
from a day off at 24:00 of the next working day. The resolution target counts ``resolve_hours``
around the clock and is never before the receipt target (the core SLA's rule). The desk hands these
terms to ``tickets.create_ticket``, which writes both due times with the ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from alliance.models import ESSENTIAL_UTILITIES, ServiceType
from portal.calendars.registry import MAINLAND_CHINA
from portal.tickets.sla import SlaTerms, Span

CALENDAR = MAINLAND_CHINA
SHANGHAI = ZoneInfo("Asia/Shanghai")  # the desk's times, as requesters read them (Open311 answers too)
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


def receipt_span(receipt: Receipt, life_risk: bool) -> Span:
    """How long receipt may take; a caller's "life or property at risk" always means 15 minutes at most."""
    if life_risk:
        return Span(min(LIFE_RISK_MINUTES, receipt.minutes or LIFE_RISK_MINUTES))
    if receipt.minutes is not None:
        return Span(receipt.minutes)
    return Span.working_days(receipt.working_days or OTHER_WORKING_DAYS, CALENDAR)


def terms(kind: ServiceType, life_risk: bool) -> SlaTerms:
    """The service promise of one request of ``kind``."""
    receipt = Receipt(kind.receipt_minutes, kind.receipt_working_days)
    return SlaTerms(acknowledge=receipt_span(receipt, life_risk), resolve=Span(kind.resolve_hours * 60))
