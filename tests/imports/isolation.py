"""The record imports' objects for the isolation walk (tests/test_isolation.py).

Called from ``tests.isolation_objects.make_alice_objects`` like a programme's isolation module: a
committed batch of Alice's with its original file and report, and the data-set routes (keyed by a
data-set code, not by anyone's object: they are listing pages).
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from portal.imports.models import RecordImportBatch
from tests.isolation_objects import MARKER, AliceObjects
from tests.personas import World

ORGANISATIONS = "stakeholders.organisations"


def build(world: World, found: AliceObjects) -> None:
    batch = RecordImportBatch(
        tenant=world.binhai,
        dataset=ORGANISATIONS,
        programme="core",
        source=RecordImportBatch.Source.UPLOAD,
        original_name=f"{MARKER}.csv",
        checksum="0" * 64,
        status=RecordImportBatch.Status.PARTLY_COMMITTED,
        rows_read=2,
        rows_created=1,
        rows_refused=1,
    )
    batch.file.save("organisations.csv", ContentFile("名称,类型\n".encode()), save=False)
    batch.report_file.save("report.csv", ContentFile(MARKER.encode()), save=True)
    found.add(batch)
    for name in ("imports:dataset", "imports:sample", "imports:upload"):
        found.listing_kwargs[name] = {"code": ORGANISATIONS}
    found.list_pages_showing_marker += ["imports:index", "api:record-import-list"]
