"""Settling a batch the store holds as *pending*: the catalogue (``ImportBatch``) decides.

An import names its new files in the manifest's ``pending`` entry before its database commit and
makes them visible only after it (``store.StagedBatch``). If the commit fails the importer withdraws
them at once; if the process dies in between, the entry stays. This step settles it from the one
source of truth, the batch row: committed → published, anything else → withdrawn (and a batch still
``running`` — its worker is gone, since we hold the lock it would hold — is marked failed).

It runs at the start of every import, under the data set's lock, and every few minutes for the whole
store (beat entry ``meters-reconcile-store``), which skips data sets a writer is busy with.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.meters import store
from portal.meters.models import ImportBatch
from portal.meters.store.layout import MANIFEST

log = logging.getLogger(__name__)

PUBLISHED = "published"
WITHDRAWN = "withdrawn"


def reconcile(tenant_id: int, root: Path) -> str | None:
    """Settle the pending batch of the data set at ``root`` (caller holds its lock).

    Returns ``PUBLISHED``, ``WITHDRAWN`` or None when nothing was pending."""
    pending = store.load_manifest(root).pending
    if pending is None:
        return None
    batches = ImportBatch.objects.all_tenants().filter(pk=pending.batch, tenant_id=tenant_id)
    committed = batches.filter(status=ImportBatch.Status.COMMITTED).exists()
    store.settle_pending(root, publish=committed)
    if committed:
        log.warning("meter store %s: committed batch %s published by reconcile", root, pending.batch)
        return PUBLISHED
    batches.filter(status=ImportBatch.Status.RUNNING).update(
        status=ImportBatch.Status.FAILED,
        message=_("The import was interrupted before it was recorded; its readings were withdrawn."),
        rows_accepted=0,
        rows_replaced=0,
        replaced={},
        finished_at=timezone.now(),
    )
    log.warning("meter store %s: uncommitted batch %s withdrawn by reconcile", root, pending.batch)
    return WITHDRAWN


def _tenant_of(root: Path) -> int | None:
    name = root.parent.name
    suffix = name.removeprefix("tenant_")
    return int(suffix) if name.startswith("tenant_") and suffix.isdigit() else None


def reconcile_store() -> dict[str, str]:
    """Every data set of every tenant with a pending batch, settled unless a writer holds it."""
    outcomes: dict[str, str] = {}
    for manifest in sorted(Path(settings.METER_STORE_PATH).glob(f"tenant_*/*/{MANIFEST}")):
        root = manifest.parent
        tenant_id = _tenant_of(root)
        if tenant_id is None or store.load_manifest(root).pending is None:
            continue
        try:
            with store.dataset_lock(tenant_id, root.name, wait=False):
                outcome = reconcile(tenant_id, root)
        except store.StoreBusy:
            continue  # its writer is at work and settles its own batch
        if outcome:
            outcomes[f"{root.parent.name}/{root.name}"] = outcome
    return outcomes
