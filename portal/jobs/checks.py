"""Start-up check: the run retention from the environment keeps at least a day."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

_VARIABLES = {
    "JOBS_SCHEDULED_RUNS_KEEP_DAYS": "PORTAL_SCHEDULED_RUNS_KEEP_DAYS",
    "JOBS_FAILED_RUNS_KEEP_DAYS": "PORTAL_FAILED_RUNS_KEEP_DAYS",
}


@register()
def run_retention(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(f"{variable} must keep runs at least 1 day, not {getattr(settings, name)}", id="jobs.E001")
        for name, variable in _VARIABLES.items()
        if getattr(settings, name) < 1
    ]
