"""SMS and WeChat: both post JSON to an HTTP gateway the operator runs (the carrier's SMS platform, a
WeChat official-account template-message relay). Configure ``ALLIANCE_SMS_GATEWAY`` /
``ALLIANCE_WECHAT_GATEWAY`` (URL) and the matching ``..._TOKEN`` in settings."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from alliance.notify.base import DeliveryError, Message

TIMEOUT_SECONDS = 10


class GatewayBackend:
    name = "gateway"
    setting = ""

    def __init__(self) -> None:
        self.url = getattr(settings, f"{self.setting}_GATEWAY", "")
        self.token = getattr(settings, f"{self.setting}_TOKEN", "")
        if not self.url:
            raise ImproperlyConfigured(f"{self.setting}_GATEWAY is not set")

    def payload(self, message: Message) -> dict[str, str]:
        return {"to": message.address, "text": message.body}

    def send(self, message: Message) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(self.payload(message)).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                if response.status >= 300:
                    raise DeliveryError(f"gateway answered {response.status}")
        except (urllib.error.URLError, TimeoutError) as exc:
            raise DeliveryError(str(exc)) from exc


class SmsBackend(GatewayBackend):
    name = "sms"
    setting = "ALLIANCE_SMS"


class WeChatBackend(GatewayBackend):
    name = "wechat"
    setting = "ALLIANCE_WECHAT"

    def payload(self, message: Message) -> dict[str, str]:
        return {"touser": message.address, "title": message.subject, "content": message.body}
