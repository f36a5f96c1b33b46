"""How long the personal-data access log is kept, and the purge of older entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from portal.audit.models import PersonalDataAccess
from portal.tenancy.models import Tenant

DEFAULT_RETENTION_DAYS = 365
# The log is evidence for data-protection reviews; a typo must not be able to wipe recent months.
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 10 * 365
BATCH_SIZE = 1000

ProgressCallback = Callable[[float, str], None]


def clean_retention_days(days: object) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError(f"days must be a whole number of days, not {days!r}")
    if days < MIN_RETENTION_DAYS:
        raise ValueError(f"days must be at least {MIN_RETENTION_DAYS}, not {days}")
    return days


def purge_access_log(
    tenant: Tenant,
    days: object = DEFAULT_RETENTION_DAYS,
    *,
    on_progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Delete the tenant's access-log entries older than ``days``; returns how many were deleted.

    Deletes in batches of primary keys, each its own short transaction, so a long purge never
    holds a big lock and a re-run after an interruption just carries on.
    """
    cutoff = timezone.now() - timedelta(days=clean_retention_days(days))
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
            on_progress(100 * deleted / max(total, 1), f"{deleted}/{total}")
    return deleted
