"""Start-up check of the gateway settings: a malformed URL is an error naming its variable."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

VARIABLES = {"sms": "PORTAL_SMS_GATEWAY_URL", "wechat": "PORTAL_WECHAT_GATEWAY_URL"}


@register()
def gateway_urls(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    for channel, variable in VARIABLES.items():
        url = str(settings.NOTIFY_GATEWAYS.get(channel, {}).get("url") or "")
        parts = urlsplit(url)
        if url and (parts.scheme not in ("http", "https") or not parts.netloc):
            problems.append(
                Error(f"{variable} must be an http:// or https:// address, not {url!r}", id="notifications.E001")
            )
    return problems
