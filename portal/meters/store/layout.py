"""Where the store keeps things, how a version is published, and the per-data-set lock.

One directory per tenant and data set::

    METER_STORE_PATH/tenant_<id>/<dataset>/
        _manifest.json                       the published version: key dictionary + one file per month
        .lock                                flock()ed by the one writer
        keys/keys-v000007.parquet            key dictionary (string key -> int32 code, append-only)
        month=2024-01/part-v000007-b42.parquet

Readers look at nothing but ``_manifest.json``'s ``keys`` and ``months`` and the files they name.
A writer writes new files under fresh names (invisible: nothing names them yet), fsyncs them, then
publishes a new manifest with ``os.replace`` — one atomic rename makes the whole batch visible,
across every month it touches. A crash before the rename leaves the old manifest, hence the old
state; the orphans it leaves are deleted by the next writer (``remove_unreferenced``).

An import does it in two renames around its database commit (see ``write.StagedBatch``): first the
manifest gains a ``pending`` entry naming the batch and its new files (readers ignore it), then,
once the catalogue has committed the batch, the pending entry becomes the published state. A
pending entry left behind by a crash or a failed commit is settled by the reconcile step
(``portal.meters.imports.reconcile``), which asks the catalogue whether that batch committed.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

MANIFEST = "_manifest.json"
LOCK = ".lock"
TEMP_PREFIX = ".tmp-"


class StoreBusy(Exception):
    """Another writer holds the data set's lock."""


@dataclass(frozen=True)
class Manifest:
    version: int = 0
    keys: str | None = None  # path of the key dictionary, relative to the data set directory
    months: dict[str, str] = field(default_factory=dict)  # "2024-01" -> relative path of its file
    batch: int | None = None  # the import batch that published this version (None: written directly)
    # A batch's next version, written but not visible until the catalogue has committed that batch.
    pending: Manifest | None = None

    def files(self) -> set[str]:
        named = set(self.months.values())
        if self.keys:
            named.add(self.keys)
        if self.pending is not None:
            named |= self.pending.files()
        return named

    def published(self) -> Manifest:
        """This version without any pending entry."""
        return Manifest(version=self.version, keys=self.keys, months=dict(self.months), batch=self.batch)

    def with_pending(self, pending: Manifest) -> Manifest:
        return Manifest(self.version, self.keys, dict(self.months), self.batch, pending.published())

    def as_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "version": self.version,
            "keys": self.keys,
            "months": dict(sorted(self.months.items())),
            "batch": self.batch,
        }
        if self.pending is not None:
            payload["pending"] = self.pending.as_json()
        return payload

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Manifest:
        pending = raw.get("pending")
        return cls(
            version=int(raw["version"]),
            keys=raw.get("keys"),
            months=dict(raw.get("months", {})),
            batch=raw.get("batch"),
            pending=cls.from_json(pending) if pending else None,
        )


def dataset_dir(tenant_id: int, dataset: str) -> Path:
    return Path(settings.METER_STORE_PATH) / f"tenant_{int(tenant_id)}" / dataset


def load_manifest(root: Path) -> Manifest:
    try:
        raw = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Manifest()
    return Manifest.from_json(raw)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    # The rename itself must reach the disk too, or a power cut could bring the old name back.
    with contextlib.suppress(OSError):
        fsync_file(path)


def publish_manifest(root: Path, manifest: Manifest) -> None:
    """The one commit point of the store: an atomic rename of a fully written, fsynced manifest."""
    temp = root / f"{TEMP_PREFIX}{uuid.uuid4().hex}{MANIFEST}"
    payload = manifest.as_json()
    with temp.open("w", encoding="utf-8") as handle:
        json.dump(payload, handle)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.replace(temp, root / MANIFEST)
    except OSError:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(root)


def new_file_name(subdir: str, stem: str, version: int, batch_id: int) -> str:
    """A fresh relative path no manifest names yet (unique even if a crashed writer used the version)."""
    return f"{subdir}/{stem}-v{version:06d}-b{batch_id}-{uuid.uuid4().hex[:8]}.parquet"


def remove_unreferenced(root: Path, manifest: Manifest) -> int:
    """Delete files the published manifest does not name: superseded parts and crash leftovers.

    Only the lock holder calls this, so no other writer's files are in flight. A reader that read
    the previous manifest and has not opened its file yet retries with the new one (see ``read``).
    """
    keep = manifest.files() | {MANIFEST, LOCK}
    removed = 0
    for path in root.rglob("*"):
        if path.is_file() and str(path.relative_to(root)) not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        with contextlib.suppress(OSError):
            directory.rmdir()  # only succeeds when empty
    return removed


@contextlib.contextmanager
def dataset_lock(tenant_id: int, dataset: str, *, wait: bool = True) -> Iterator[Path]:
    """Serialise writers of one tenant's data set with an exclusive ``flock``.

    With ``wait=False`` a held lock raises ``StoreBusy`` at once (the periodic reconcile skips a data
    set that is being written: its writer settles its own batch).

    A file lock, not a database row lock: the thing being protected is a directory, the lock must
    not hold a database transaction open for the minutes a big import takes, it works the same in
    embedded mode (SQLite, threads) and with Celery workers, and the kernel drops it when a killed
    worker's process dies, so a crash never leaves it stuck. (The store must be on a local
    filesystem for this and for the atomic rename; several hosts would need a PostgreSQL advisory lock.)
    """
    root = dataset_dir(tenant_id, dataset)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as busy:
            raise StoreBusy(str(root)) from busy
        yield root
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
