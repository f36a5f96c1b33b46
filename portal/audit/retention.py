"""How long the personal-data access log is kept, and the purge of older entries.

The retention a deployment keeps is ``settings.ACCESS_LOG_KEEP_DAYS`` (``PORTAL_ACCESS_LOG_KEEP_DAYS``,
default a year); the nightly purge and the purge form start from it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.audit.models import PersonalDataAccess
from portal.jobs.messages import Progress
from portal.tenancy.models import Tenant

# The log is evidence for data-protection reviews; a typo must not be able to wipe recent months.
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 10 * 365
BATCH_SIZE = 1000


def clean_retention_days(days: object) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError(f"days must be a whole number of days, not {days!r}")
    if days < MIN_RETENTION_DAYS:
        raise ValueError(f"days must be at least {MIN_RETENTION_DAYS}, not {days}")
    return days


def cutoff_for(days: object, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=clean_retention_days(days))


def tenants_with_entries_older_than(days: object, now: datetime | None = None) -> list[Tenant]:
    """The active tenants the nightly purge has work in (no job run where there is nothing to delete)."""
    cutoff = cutoff_for(days, now)
    ids = PersonalDataAccess.objects.all_tenants().filter(created_at__lt=cutoff).values("tenant_id")
    return list(Tenant.objects.filter(is_active=True, pk__in=ids).order_by("pk"))


def purge_access_log(
    tenant: Tenant,
    days: object,
    *,
    on_progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Delete the tenant's access-log entries older than ``days``; returns how many were deleted.

    Deletes in batches of primary keys, each its own short transaction, so a long purge never
    holds a big lock and a re-run after an interruption just carries on.
    """
    cutoff = cutoff_for(days)
    old = PersonalDataAccess.objects.for_tenant(tenant).filter(created_at__lt=cutoff)
    total = old.count()
    deleted = 0
    while True:
        batch = list(old.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not batch:
            break
        count, _by_model = old.filter(pk__in=batch).delete()
        deleted += count
        if on_progress is not None:
            on_progress(
                100 * deleted / max(total, 1),
                gettext_noop("%(deleted)d of %(total)d entries deleted."),
                deleted=deleted,
                total=total,
            )
    return deleted
