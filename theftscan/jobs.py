"""Background job: screen one tenant's window (chunked writes, progress on the JobRun)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.jobs.registry import register_job
from portal.jobs.runner import JobContext
from theftscan.persist import run_screening


@register_job("theftscan.screen", _("Line-loss screening"))
def screen_window(ctx: JobContext, start: str, end: str) -> dict[str, Any]:
    return run_screening(
        ctx.tenant, date.fromisoformat(start), date.fromisoformat(end), run_id=ctx.run.pk, progress=ctx.progress
    )
