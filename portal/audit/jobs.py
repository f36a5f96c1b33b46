"""Background jobs of the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit.retention import clean_retention_days, purge_access_log
from portal.jobs.models import JobRun
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext


def _access_log(run: JobRun) -> str:
    return reverse("audit:access-list")


@register_job(
    "audit.purge_access_log",
    _("Purge the old personal-data access log"),
    params=[Field("days", _("Keep the last (days)"))],
    results=[Field("deleted", _("Entries deleted")), Field("days", _("Kept the last (days)"))],
    result_url=_access_log,
    result_label=_("Open the access log"),
)
def purge_access_log_job(ctx: JobContext, days: int | None = None) -> dict[str, Any]:
    # Bad parameters fail the run before anything is touched.
    days = clean_retention_days(settings.ACCESS_LOG_KEEP_DAYS if days is None else days)
    ctx.log(gettext_noop("Deleting the access-log entries older than %(days)d days."), days=days)
    deleted = purge_access_log(ctx.tenant, days, on_progress=ctx.progress)
    return {"deleted": deleted, "days": days}
