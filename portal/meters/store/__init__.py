"""The meter-reading store: Parquet (zstd) under ``METER_STORE_PATH``, one module for every read.

Pure I/O — no ORM in here. Writers: ``with dataset_lock(tenant_id, dataset) as root:
staged = stage(root, dataset, batch_id, readings); ...; staged.publish()`` (imports: ``prepare()``, the
catalogue commit, then ``publish()``; ``settle_pending`` after a crash). Readers: ``read_matrix``,
``read_frame``, ``read_interval``. See ``layout`` for the directory layout and commit protocol.
"""

from portal.meters.store.layout import StoreBusy, dataset_dir, dataset_lock, load_manifest
from portal.meters.store.read import MeterMatrix, read_frame, read_interval, read_matrix
from portal.meters.store.write import PendingPublication, Readings, StagedBatch, settle_pending, stage

__all__ = [
    "MeterMatrix",
    "PendingPublication",
    "Readings",
    "StagedBatch",
    "StoreBusy",
    "dataset_dir",
    "dataset_lock",
    "load_manifest",
    "read_frame",
    "read_interval",
    "read_matrix",
    "settle_pending",
    "stage",
]
