"""Start-up check: the access-log retention from the environment is one the purge accepts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from portal.audit.retention import clean_retention_days


@register()
def access_log_retention(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        clean_retention_days(settings.ACCESS_LOG_KEEP_DAYS)
    except ValueError as exc:
        return [Error(f"PORTAL_ACCESS_LOG_KEEP_DAYS: {exc}", id="audit.E001")]
    return []
