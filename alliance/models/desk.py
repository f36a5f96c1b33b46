"""What the request desk adds to a core ticket: where, what type, who leads, how it went."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alliance.models.members import Member, ServicePlace, ServiceType
from portal.core.models import AuditedModel, TenantOwnedModel
from portal.tickets.workflow import Status


class DeskRequest(AuditedModel):
    """The alliance side of a request ticket (one per ticket, ``programme="alliance"``)."""

    personal_fields = {"notify_address": "phone"}

    class Notify(models.TextChoices):
        NONE = "", _("No updates")
        SMS = "sms", _("SMS")
        WECHAT = "wechat", _("WeChat")
        EMAIL = "email", _("Email")

    ticket = models.OneToOneField("tickets.Ticket", on_delete=models.CASCADE, related_name="alliance_request")
    service_type = models.ForeignKey(ServiceType, verbose_name=_("service type"), on_delete=models.PROTECT)
    place = models.ForeignKey(
        ServicePlace, verbose_name=_("place"), null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    lead_member = models.ForeignKey(
        Member, verbose_name=_("lead member"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    life_risk = models.BooleanField(_("life or property at risk"), default=False)
    # GeoReport v2: the token a client may poll, the answers to the type's attributes.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attributes = models.JSONField(default=dict, blank=True)
    # How the requester wants to hear about progress; the address is a phone number, WeChat id or e-mail.
    notify_channel = models.CharField(_("updates by"), max_length=8, choices=Notify.choices, blank=True)
    notify_address = models.CharField(_("updates to"), max_length=120, blank=True)
    supporters = models.PositiveIntegerField(_("others reporting the same (+1)"), default=0)
    one_visit = models.BooleanField(_("solved in one visit"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    satisfaction_comment = models.CharField(_("comment on the service"), max_length=500, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True) | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="alliance_request_satisfaction_range",
            )
        ]
        verbose_name = _("desk request")
        verbose_name_plural = _("desk requests")

    def __str__(self) -> str:
        return str(self.ticket)


class PlusOne(TenantOwnedModel):
    """Someone reporting the same problem again: counted on the existing request instead of a new one."""

    request = models.ForeignKey(DeskRequest, on_delete=models.CASCADE, related_name="plus_ones")
    channel = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]


class CannedReply(TenantOwnedModel):
    """A ready note for a status change; blank type means any type."""

    service_type = models.ForeignKey(
        ServiceType, verbose_name=_("service type"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    title = models.CharField(_("title"), max_length=60)
    text = models.CharField(_("text"), max_length=500)

    class Meta:
        ordering = ["status", "title"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "status", "title"], name="alliance_canned_unique_title")
        ]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")

    def __str__(self) -> str:
        return self.title


class Notification(TenantOwnedModel):
    """One update told to a requester: which request, which status change, and its message delivery
    (channel, text and how the sending went live on the core ``notifications.Delivery``)."""

    request = models.ForeignKey(DeskRequest, on_delete=models.CASCADE, related_name="notifications")
    # The public status change this update tells about; one update per change, whatever page made it.
    event = models.OneToOneField(
        "tickets.TicketEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery = models.OneToOneField("notifications.Delivery", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
