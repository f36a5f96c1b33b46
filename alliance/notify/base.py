"""The shape every notification backend shares: one ``send`` taking a ``Message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Message:
    channel: str  # sms | wechat | email
    address: str  # phone number, WeChat open id or e-mail address
    subject: str
    body: str


class DeliveryError(Exception):
    """The backend could not hand the message over; the notification row keeps the reason."""


class Backend(Protocol):
    name: str

    def send(self, message: Message) -> None: ...
