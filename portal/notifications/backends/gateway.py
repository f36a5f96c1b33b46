"""SMS and WeChat through an HTTP gateway the operator runs (the carrier's SMS platform, a WeChat
official-account template-message relay): one JSON POST per message with a bearer token.

Any answer other than 2xx, a timeout or a refused connection is a ``DeliveryError``: the delivery is
retried later. The payload carries our idempotency key as ``id`` so a gateway can drop the repeat of
an attempt whose answer we never received.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from portal.notifications.base import DeliveryError, Message


@dataclass(frozen=True)
class GatewayConfig:
    url: str
    token: str
    timeout_seconds: float

    @classmethod
    def from_setting(cls, value: dict[str, Any]) -> GatewayConfig | None:
        url = str(value.get("url") or "")
        if not url:
            return None
        return cls(url=url, token=str(value.get("token") or ""), timeout_seconds=float(value.get("timeout") or 10))


class _HttpGateway:
    name = "gateway"

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config

    def payload(self, message: Message) -> dict[str, str]:
        raise NotImplementedError

    def send(self, message: Message) -> None:
        request = urllib.request.Request(
            self.config.url,
            data=json.dumps(self.payload(message), ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.config.token}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_seconds) as response:
                if not 200 <= response.status < 300:
                    raise DeliveryError(f"the {self.name} gateway answered {response.status}")
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"the {self.name} gateway answered {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeliveryError(f"the {self.name} gateway could not be reached: {reason}") from exc


class SmsGateway(_HttpGateway):
    name = "sms"

    def payload(self, message: Message) -> dict[str, str]:
        return {"id": message.reference, "to": message.address, "text": message.body}


class WeChatGateway(_HttpGateway):
    name = "wechat"

    def payload(self, message: Message) -> dict[str, str]:
        return {"id": message.reference, "touser": message.address, "title": message.subject, "content": message.body}
