"""The shape every channel's backend shares: one ``send`` taking a ``Message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Message:
    channel: str  # sms | wechat | email
    address: str  # phone number, WeChat open id or e-mail address
    subject: str
    body: str
    recipient_name: str = ""
    reference: str = ""  # our idempotency key, passed on so a gateway can drop a repeated attempt


class DeliveryError(Exception):
    """The backend could not hand the message over; the delivery keeps the reason and is retried."""


class Backend(Protocol):
    name: str

    def send(self, message: Message) -> None: ...
