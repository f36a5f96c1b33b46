"""The core's record-import framework: an app declares a data set, the core reads, checks and reports.

An app's ``imports.py``::

    from portal.imports import Column, RecordImport, register_import

    register_import(RecordImport(code="birdguard.towers", ..., apply=towers.apply_rows))

The one pipeline is ``portal.imports.pipeline`` (``import_file`` / ``run_import``); the doors — the
browser (``/imports/``), the API (``/api/v1/imports/``) and ``manage.py import_records`` — all end
there. See docs/imports.md. Nothing imported here touches models (this package loads with the apps).
"""

from portal.imports.registry import register_import
from portal.imports.spec import Column, RecordImport

__all__ = ["Column", "RecordImport", "register_import"]
