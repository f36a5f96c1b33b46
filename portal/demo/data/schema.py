"""The shape of the demo data: plain frozen records, one ``UnitSpec`` per implementing unit.

The data modules describe *what* a unit's programme looks like (taken from the seed write-ups);
the loader decides *how* it becomes rows. Organisations are referred to by name, people by name,
so each module reads like the write-up it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def day(text: str) -> date:
    """``day("2020-05-12")``: a calendar date."""
    return date.fromisoformat(text)


def when(text: str) -> datetime:
    """``when("2020-05-12 09:30")``: a wall-clock time in Tianjin (Asia/Shanghai)."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def phone(unit_no: int, n: int) -> str:
    """A fictitious mobile number in the 1380000xxxx range: unit digit then a three-digit serial."""
    if not (0 <= unit_no <= 9 and 0 <= n <= 999):
        raise ValueError(f"phone({unit_no}, {n}) is outside the demo range")
    return f"1380000{unit_no}{n:03d}"


@dataclass(frozen=True)
class OrgSpec:
    name: str
    kind: str  # an ``Organisation.Kind`` value
    district: str = ""
    short_name: str = ""
    address: str = ""
    description: str = ""
    needs: tuple[str, ...] = ()  # 诉求
    resources: tuple[str, ...] = ()  # 优势资源
    point: tuple[float, float] | None = None  # (latitude, longitude)


@dataclass(frozen=True)
class PersonSpec:
    name: str
    organisation: str  # an ``OrgSpec.name`` of the same unit
    kind: str  # a ``Person.Kind`` value
    position: str
    phone: str
    notes: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    signed_on: date
    parties: tuple[str, ...]
    summary: str
    valid_until: date | None = None


@dataclass(frozen=True)
class MeetingSpec:
    title: str
    kind: str  # a ``Meeting.Kind`` value
    held_at: datetime
    place: str
    parties: tuple[str, ...]
    minutes: str
    attendees: tuple[str, ...] = ()  # ``PersonSpec.name`` values
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivitySpec:
    title: str
    kind: str  # an ``Activity.Kind`` value
    start: date
    place: str
    description: str
    end: date | None = None
    organiser: str | None = None
    partners: tuple[str, ...] = ()
    people_reached: int = 0
    volunteers: int = 0
    materials: int = 0
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TicketStep:
    """One status change after the ticket was opened: by whom (a demo user role), how many hours later."""

    status: str
    after_hours: float
    actor: str  # "admin" | "staff" | "grid"
    note: str = ""


@dataclass(frozen=True)
class TicketSpec:
    """A work item. Exactly one of ``opened`` (a fixed historical time) or ``days_ago`` (relative to the
    moment the demo is loaded, so the dashboard looks alive) is set."""

    title: str
    kind: str  # "request" | "task" | "inspection" | "alert"
    category: str  # a slug (the ticket's ``category`` is a SlugField)
    description: str
    priority: str = "normal"  # "low" | "normal" | "high" | "urgent"
    channel: str = "hotline"  # a ``tickets.models.Channel`` value
    requester_name: str = ""
    requester_phone: str = ""
    address: str = ""
    point: tuple[float, float] | None = None
    opened: datetime | None = None
    days_ago: float | None = None
    due_hours: float | None = None
    assignee: str | None = None  # "staff" | "grid"
    assignee_org: str | None = None  # an ``OrgSpec.name``
    opened_by: str = "staff"
    steps: tuple[TicketStep, ...] = ()

    def __post_init__(self) -> None:
        if (self.opened is None) == (self.days_ago is None):
            raise ValueError(f"ticket {self.title!r}: set exactly one of opened / days_ago")
        last_step = max((step.after_hours for step in self.steps), default=0.0)
        if self.days_ago is not None and last_step >= self.days_ago * 24:
            raise ValueError(f"ticket {self.title!r}: a step would lie in the future")


@dataclass(frozen=True)
class StaffNames:
    """Chinese display names of the unit's three demo users (fictitious)."""

    admin: str
    staff: str
    grid: str


@dataclass(frozen=True)
class UnitSpec:
    slug: str
    name: str  # the implementing unit's name exactly as the seed gives it
    short_name: str
    programme: str  # programme code, see ``portal.core.programmes``
    period: tuple[date, date]
    staff: StaffNames
    organisations: tuple[OrgSpec, ...] = ()
    people: tuple[PersonSpec, ...] = ()
    agreements: tuple[AgreementSpec, ...] = ()
    meetings: tuple[MeetingSpec, ...] = ()
    activities: tuple[ActivitySpec, ...] = ()
    tickets: tuple[TicketSpec, ...] = ()

    def check(self) -> None:
        """Fail loudly on a dangling name: a typo in a data module must not load half a unit."""
        orgs = {o.name for o in self.organisations}
        people = {p.name for p in self.people}
        refs: list[tuple[str, set[str]]] = []
        refs += [(p.organisation, orgs) for p in self.people]
        for agreement in self.agreements:
            refs += [(name, orgs) for name in agreement.parties]
        for meeting in self.meetings:
            refs += [(name, orgs) for name in meeting.parties]
            refs += [(name, people) for name in meeting.attendees]
        for activity in self.activities:
            refs += [(name, orgs) for name in (*activity.partners, *filter(None, [activity.organiser]))]
        refs += [(t.assignee_org, orgs) for t in self.tickets if t.assignee_org]
        missing = sorted({name for name, known in refs if name not in known})
        if missing:
            raise ValueError(f"demo unit {self.slug}: unknown names {missing}")
