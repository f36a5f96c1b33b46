"""The registry of background jobs. A job is a plain function ``fn(ctx, **params)``.

Each package declares its jobs in its own ``jobs.py`` with ``@register_job("tickets.export", ...)``;
the registry imports those modules on first use so the worker and the web process agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

JobFunction = Callable[..., dict[str, Any] | None]


@dataclass(frozen=True)
class JobSpec:
    name: str
    label: str | Promise
    function: JobFunction


_REGISTRY: dict[str, JobSpec] = {}
_loaded = False


def register_job(name: str, label: str | Promise) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _REGISTRY[name] = JobSpec(name, label, function)
        return function

    return decorate


def _load_job_modules() -> None:
    global _loaded
    if not _loaded:
        autodiscover_modules("jobs")
        _loaded = True


def get_job(name: str) -> JobSpec:
    _load_job_modules()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise LookupError(f"No background job is registered as {name!r}") from None


def job_label(name: str) -> str:
    _load_job_modules()
    spec = _REGISTRY.get(name)
    return str(spec.label) if spec else name


def all_jobs() -> list[JobSpec]:
    _load_job_modules()
    return sorted(_REGISTRY.values(), key=lambda s: s.name)
