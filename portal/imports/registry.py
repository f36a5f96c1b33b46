"""The registry of data sets. Each app declares its own in ``<app>/imports.py``::

    register_import(RecordImport(code="birdguard.towers", ...))

The modules are found by name (``autodiscover_modules("imports")``) on first use, like ``jobs.py``
and ``indicators.py``, so the web process, the worker and the command agree on what exists.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.module_loading import autodiscover_modules

from portal.core.catalogue import CORE
from portal.imports.spec import DeclarationError, RecordImport

_REGISTRY: dict[str, RecordImport] = {}
_loaded = False


def register_import(spec: RecordImport) -> RecordImport:
    existing = _REGISTRY.get(spec.code)
    if existing is not None and existing is not spec:
        raise DeclarationError(f"data set {spec.code!r} is declared twice")
    _REGISTRY[spec.code] = spec
    return spec


def unregister_import(code: str) -> None:
    """Forget a data set (for tests that declare one of their own)."""
    _REGISTRY.pop(code, None)


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        autodiscover_modules("imports")


def all_imports() -> list[RecordImport]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda spec: spec.code)


def get_import(code: str) -> RecordImport:
    _load()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"No data set is registered as {code!r}") from None


def find_import(code: str) -> RecordImport | None:
    _load()
    return _REGISTRY.get(code)


def imports_for(programmes: Iterable[str]) -> list[RecordImport]:
    """The core's data sets and those of the given programmes (what a unit running them is offered)."""
    wanted = {CORE, *programmes}
    return [spec for spec in all_imports() if spec.programme in wanted]
