"""The meter-reading store: Parquet (zstd) under ``METER_STORE_PATH``, one module for every read.

Pure I/O — no ORM in here. Writers: ``with dataset_lock(tenant_id, dataset) as root:
staged = stage(root, dataset, batch_id, readings); ...; staged.publish()``. Readers: ``read_matrix``,
``read_frame``, ``read_interval``. See ``layout`` for the directory layout and commit protocol.
"""

from portal.meters.store.layout import dataset_dir, dataset_lock
from portal.meters.store.read import MeterMatrix, read_frame, read_interval, read_matrix
from portal.meters.store.write import Readings, StagedBatch, stage

__all__ = [
    "MeterMatrix",
    "Readings",
    "StagedBatch",
    "dataset_dir",
    "dataset_lock",
    "read_frame",
    "read_interval",
    "read_matrix",
    "stage",
]
