"""One backend per channel, chosen from the settings.

SMS and WeChat go to the HTTP gateway configured for them (``NOTIFY_GATEWAYS``, from
``PORTAL_SMS_GATEWAY_URL`` / ``PORTAL_WECHAT_GATEWAY_URL`` …); a channel without a gateway writes its
messages to the log instead, masked (development, demo, a site without the service). E-mail goes
through Django's configured mail backend.
"""

from __future__ import annotations

from django.conf import settings

from portal.notifications.backends.email import EmailBackend
from portal.notifications.backends.gateway import GatewayConfig, SmsGateway, WeChatGateway
from portal.notifications.backends.logging import LoggingBackend
from portal.notifications.base import Backend

_GATEWAYS = {"sms": SmsGateway, "wechat": WeChatGateway}


def backend_for(channel: str) -> Backend:
    if channel == "email":
        return EmailBackend()
    gateway = _GATEWAYS.get(channel)
    configured: dict[str, dict[str, object]] = getattr(settings, "NOTIFY_GATEWAYS", {})
    config = GatewayConfig.from_setting(configured.get(channel, {}))
    if gateway is None or config is None:
        return LoggingBackend()
    return gateway(config)
