"""Tickets: the one work-item model every programme uses (requests, alerts, tasks, inspections).

Rows change only through ``portal.tickets.services`` (status moves, assignment, edits) so that every
change leaves a ``TicketEvent`` and an audit record.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.calendars.registry import calendar_choices
from portal.core.models import AuditedModel, TenantOwnedModel
from portal.core.programmes import CORE, programme_choices
from portal.tenancy.scoping import TenantManager, TenantQuerySet
from portal.tickets.workflow import FINISHED_STATUSES, OPEN_STATUSES, Status


class Kind(models.TextChoices):
    REQUEST = "request", _("Request")
    ALERT = "alert", _("Alert")
    TASK = "task", _("Task")
    INSPECTION = "inspection", _("Inspection")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")

    @classmethod
    def raised(cls, value: str) -> str:
        """One step more urgent; urgent stays urgent."""
        order = list(cls.values)
        return order[min(order.index(value) + 1, len(order) - 1)]

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value)


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    HOTLINE = "hotline", _("Hotline")
    WECHAT = "wechat", _("WeChat")
    CARD_QR = "card_qr", _("Service card QR code")
    OPEN311 = "open311", _("Open311")
    API = "api", _("API")
    WALK_IN = "walk_in", _("Walk-in")
    SYSTEM = "system", _("System")


class SlaClock(models.TextChoices):
    OK = "ok", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    BREACHED = "breached", _("Breached")


@dataclass(frozen=True)
class SlaState:
    acknowledge: str
    resolve: str


def clock_state(start: datetime, due: datetime | None, stopped_at: datetime | None, now: datetime) -> str:
    """One SLA clock: breached when it stopped (or is still running) after its due time; due soon
    when less than a quarter of its window is left."""
    if due is None:
        return SlaClock.OK
    if stopped_at is not None:
        return SlaClock.BREACHED if stopped_at > due else SlaClock.OK
    if now > due:
        return SlaClock.BREACHED
    return SlaClock.DUE_SOON if now >= due - (due - start) / 4 else SlaClock.OK


class TicketQuerySet(TenantQuerySet):
    def open(self) -> TicketQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: datetime | None = None) -> TicketQuerySet:
        """Open tickets past their resolution due time, or not acknowledged by their acknowledge time."""
        now = now or timezone.now()
        late = Q(due_at__lt=now) | Q(acknowledged_at__isnull=True, acknowledge_due_at__lt=now)
        return self.open().filter(late)


class TicketManager(TenantManager.from_queryset(TicketQuerySet)):  # type: ignore[misc]
    pass


_LATITUDE = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
_LONGITUDE = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


class Ticket(AuditedModel):
    personal_fields = {"requester_name": "name", "requester_phone": "phone", "address": "address"}

    reference = models.CharField(_("reference"), max_length=32, editable=False)
    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.REQUEST)
    category = models.SlugField(_("category"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, editable=False)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_tickets",
    )
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    assignee_org = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("assigned to (member organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent ticket"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    requester_name = models.CharField(_("requester name"), max_length=60, blank=True)
    requester_phone = models.CharField(_("requester phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_LONGITUDE
    )
    acknowledge_due_at = models.DateTimeField(_("acknowledge by"), null=True, blank=True)
    due_at = models.DateTimeField(_("resolve by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True, editable=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    # Set by the SLA sweep when it escalated a breach, so each breach is escalated once.
    acknowledge_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolve_escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("about (type)"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(_("about (id)"), max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")

    objects: ClassVar[TicketManager] = TicketManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "reference"], name="ticket_unique_reference"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="ticket_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="ticket_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "status"]),
            models.Index(fields=["tenant", "due_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("tickets:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        if not self.is_open:
            return False
        now = timezone.now()
        ack_due = self.acknowledge_due_at
        late_ack = self.acknowledged_at is None and ack_due is not None and ack_due < now
        return late_ack or (self.due_at is not None and self.due_at < now)

    def sla_state_at(self, now: datetime) -> SlaState:
        start = self.created_at or now
        resolution_stop = self.resolved_at or (self.closed_at if self.status in FINISHED_STATUSES else None)
        return SlaState(
            acknowledge=clock_state(start, self.acknowledge_due_at, self.acknowledged_at, now),
            resolve=clock_state(start, self.due_at, resolution_stop, now),
        )

    @property
    def sla_state(self) -> SlaState:
        return self.sla_state_at(timezone.now())


class TicketSequence(TenantOwnedModel):
    """The last reference number handed out per tenant and month; bumped with an UPDATE under a row lock."""

    period = models.CharField(max_length=6)  # yyyymm
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "period"], name="ticket_sequence_unique_period")]

    def __str__(self) -> str:
        return f"{self.period}: {self.last_value}"


class TicketEvent(TenantOwnedModel):
    """One line of a ticket's history. Every creation, status change, assignment and escalation writes one."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        UPDATED = "updated", _("Edited")
        ESCALATED = "escalated", _("Escalated")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=120, blank=True)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    public = models.BooleanField(_("visible to the requester"), default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_status}→{self.to_status}"

    @property
    def actor_name(self) -> str:
        return str(self.actor) if self.actor_id else self.actor_label


class Comment(TenantOwnedModel):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=120, blank=True)
    body = models.TextField(_("comment"))
    internal = models.BooleanField(
        _("internal"), default=False, help_text=_("Internal comments are seen by staff only, never by partners.")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def author_name(self) -> str:
        return str(self.author) if self.author_id else self.author_label


def attachment_path(instance: Attachment, filename: str) -> str:
    """``tickets/yyyy/mm/<random>.<ext>``: the uploader's file name is kept in a column, never in a path."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"tickets/{timezone.localtime():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(TenantOwnedModel):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


AROUND_THE_CLOCK = "24x7"


def clock_choices() -> list[tuple[str, Any]]:
    """24 × 7, or the working days of one of the named calendars (``portal.calendars.registry``)."""
    working = [(code, _("Working days: %(calendar)s") % {"calendar": label}) for code, label in calendar_choices()]
    return [(AROUND_THE_CLOCK, _("Around the clock (24 × 7)")), *working]


class SlaPolicy(TenantOwnedModel):
    """Response times for a kind of ticket; the most specific matching policy wins (see ``sla.py``)."""

    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    category = models.SlugField(_("category"), max_length=40, blank=True, help_text=_("Blank: any category."))
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, blank=True, help_text=_("Blank: any priority.")
    )
    acknowledge_minutes = models.PositiveIntegerField(_("acknowledge within (minutes)"))
    resolve_minutes = models.PositiveIntegerField(_("resolve within (minutes)"))
    clock = models.CharField(
        _("clock"),
        max_length=8,
        choices=clock_choices,
        default=AROUND_THE_CLOCK,
        help_text=_(
            "How the minutes are counted: around the clock, or only on the working days of a calendar "
            "(there 1440 minutes are one working day, and public holidays and weekends do not count)."
        ),
    )

    class Meta:
        ordering = ["programme", "kind", "category", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "programme", "kind", "category", "priority"], name="sla_policy_unique_scope"
            ),
            models.CheckConstraint(
                condition=Q(acknowledge_minutes__gt=0) & Q(resolve_minutes__gte=models.F("acknowledge_minutes")),
                name="sla_policy_sane_minutes",
            ),
        ]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        scope: list[Any] = [self.programme, self.kind, self.category or "*", self.priority or "*"]
        return "/".join(str(s) for s in scope)
