"""E-mail through Django's configured mail backend (``DJANGO_EMAIL_*``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from portal.notifications.base import DeliveryError, Message


class EmailBackend:
    name = "email"

    def send(self, message: Message) -> None:
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.address])
        except OSError as exc:  # smtplib's errors are OSErrors too
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
