"""One row per message: what was to be sent, to whom, and how its delivery went."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core.models import TenantOwnedModel
from portal.core.programmes import CORE, programme_choices


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat")
    EMAIL = "email", _("Email")


class Delivery(TenantOwnedModel):
    """A message to one person and the state of its delivery.

    queued → sending → sent; a failed attempt goes to "retrying" with the next attempt's time, and
    after the last allowed attempt to "failed", where it stays for staff to see (and send again).
    ``key`` is the caller's idempotency key: a second message with the same key is not made.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("delivery status", "Queued")
        SENDING = "sending", pgettext_lazy("delivery status", "Sending")
        RETRYING = "retrying", pgettext_lazy("delivery status", "Waiting to retry")
        SENT = "sent", pgettext_lazy("delivery status", "Sent")
        FAILED = "failed", pgettext_lazy("delivery status", "Failed")

    programme = models.CharField(_("programme"), max_length=20, choices=programme_choices(), default=CORE)
    key = models.CharField(_("idempotency key"), max_length=120, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("to"), max_length=120)
    recipient_name = models.CharField(_("recipient"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.CharField(_("text"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    backend = models.CharField(_("sent through"), max_length=40, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "key"], condition=~Q(key=""), name="notification_delivery_unique_key"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} {self.get_status_display()}"
