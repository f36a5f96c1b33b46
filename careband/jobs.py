"""Background jobs: the nightly care code of one tenant and the alert escalation sweep."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from careband.services.alerts import escalate_alerts
from careband.services.nightly import run_tenant
from portal.jobs.models import JobRun
from portal.jobs.presentation import as_date
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext


def _board(run: JobRun) -> str:
    return reverse("careband:board")


def _alerts(run: JobRun) -> str:
    return reverse("careband:alerts")


@register_job(
    "careband.nightly",
    _("Care code: nightly scoring"),
    params=[Field("day", _("Day scored"), as_date)],
    results=[
        Field("subjects", _("Care subjects scored")),
        Field("green", _("Green")),
        Field("yellow", _("Yellow")),
        Field("red", _("Red")),
        Field("grey", _("Grey")),
        Field("alerts_opened", _("Alerts opened")),
    ],
    result_url=_board,
    result_label=_("Open the colour board"),
)
def nightly(ctx: JobContext, day: str | None = None) -> dict[str, Any]:
    scored_day = dt.date.fromisoformat(day) if day else None
    return run_tenant(ctx.tenant, scored_day, progress=ctx.progress)


@register_job(
    "careband.escalate",
    _("Care code: escalate unacknowledged alerts"),
    results=[Field("escalated", _("Alerts handed up a level"))],
    result_url=_alerts,
    result_label=_("Open the alerts"),
)
def escalate(ctx: JobContext) -> dict[str, Any]:
    return {"escalated": escalate_alerts(ctx.tenant)}
