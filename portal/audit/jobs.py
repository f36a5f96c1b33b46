"""Background jobs of the audit trail."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from portal.audit.retention import DEFAULT_RETENTION_DAYS, clean_retention_days, purge_access_log
from portal.jobs.registry import register_job
from portal.jobs.runner import JobContext


@register_job("audit.purge_access_log", _("Purge the old personal-data access log"))
def purge_access_log_job(ctx: JobContext, days: int = DEFAULT_RETENTION_DAYS) -> dict[str, Any]:
    days = clean_retention_days(days)  # bad parameters fail the run before anything is touched
    ctx.log(f"Deleting access-log entries older than {days} days")
    deleted = purge_access_log(ctx.tenant, days, on_progress=ctx.progress)
    return {"deleted": deleted, "days": days}
