"""Background job: screen one tenant's window (chunked writes, progress on the JobRun)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.jobs.models import JobRun
from portal.jobs.presentation import as_date
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext
from theftscan.persist import run_screening


def report_of(run: JobRun) -> str | None:
    """The theft report of the window this run screened."""
    start, end = run.result.get("start"), run.result.get("end")
    if not (start and end):
        return None
    return f"{reverse('theftscan:report')}?window={start}_{end}"


@register_job(
    "theftscan.screen",
    _("Line-loss screening"),
    params=[Field("start", _("From"), as_date), Field("end", _("To"), as_date)],
    results=[
        Field("areas", _("Transformer areas screened")),
        Field("meters", _("Meters read")),
        Field("flagged", _("Areas flagged")),
        Field("suspects", _("Suspects ranked")),
        Field("start", _("From"), as_date),
        Field("end", _("To"), as_date),
    ],
    result_url=report_of,
    result_label=_("Open the theft report"),
)
def screen_window(ctx: JobContext, start: str, end: str) -> dict[str, Any]:
    return run_screening(
        ctx.tenant, date.fromisoformat(start), date.fromisoformat(end), run_id=ctx.run.pk, progress=ctx.progress
    )
