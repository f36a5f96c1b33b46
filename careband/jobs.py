"""Background jobs: the nightly care code of one tenant and the alert escalation sweep."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from careband.services.alerts import escalate_alerts
from careband.services.nightly import run_tenant
from portal.jobs.registry import register_job
from portal.jobs.runner import JobContext


@register_job("careband.nightly", _("Care code: nightly scoring"))
def nightly(ctx: JobContext, day: str | None = None) -> dict[str, Any]:
    scored_day = dt.date.fromisoformat(day) if day else None
    return run_tenant(ctx.tenant, scored_day, progress=ctx.progress)


@register_job("careband.escalate", _("Care code: escalate unacknowledged alerts"))
def escalate(ctx: JobContext) -> dict[str, Any]:
    return {"escalated": escalate_alerts(ctx.tenant)}
