"""A red code's follow-up: the alert (with its ticket and escalation level) and the visit that closes it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careband.models.people import AreaLevel
from portal.core.models import AuditedModel, TenantOwnedModel


class CareAlert(TenantOwnedModel):
    subject = models.ForeignKey("careband.CareSubject", on_delete=models.CASCADE, related_name="alerts")
    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.PROTECT, related_name="care_alert")
    day = models.DateField(_("day of the red code"))
    reason = models.CharField(_("reason"), max_length=200)
    # Who answers for it now: grid worker first, then the community, then the street.
    level = models.CharField(_("level"), max_length=12, choices=AreaLevel.choices, default=AreaLevel.GRID)
    escalated_at = models.DateTimeField(_("last escalated"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open alert per subject: a second red day adds nothing until the visit.
            models.UniqueConstraint(fields=["subject"], condition=Q(closed_at__isnull=True), name="carealert_one_open")
        ]
        verbose_name = _("care alert")
        verbose_name_plural = _("care alerts")

    def __str__(self) -> str:
        return f"{self.ticket.reference}"


class Visit(AuditedModel):
    class Outcome(models.TextChoices):
        SAFE = "safe", _("Safe and well")
        HELPED = "helped", _("Helped on the spot")
        HOSPITAL = "hospital", _("Sent to hospital")
        MOVED = "moved", _("Moved away")
        FALSE_ALARM = "false_alarm", _("False alarm")

    personal_fields = {"note": "text"}

    alert = models.OneToOneField(CareAlert, on_delete=models.PROTECT, related_name="visit")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    photo = models.FileField(_("photo"), upload_to="careband/visits/%Y/%m/", blank=True)
    visited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    visited_at = models.DateTimeField(_("visited at"))

    class Meta:
        ordering = ["-visited_at"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.alert} · {self.outcome}"
