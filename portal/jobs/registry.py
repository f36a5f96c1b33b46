"""The registry of background jobs. A job is a plain function ``fn(ctx, **params)``.

Each package declares its jobs in its own ``jobs.py`` with ``@register_job("tickets.export", ...)``;
the registry imports those modules on first use so the worker and the web process agree.

A job also says how a person reads its run: a label for each parameter and each figure of its
result (``params=``, ``results=``), and, where the run produced something to look at, the page to
go to (``result_url=``, e.g. the screening's report for its window).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from portal.jobs.presentation import Shown, for_people

if TYPE_CHECKING:
    from portal.jobs.models import JobRun

JobFunction = Callable[..., dict[str, Any] | None]
ResultUrl = Callable[["JobRun"], str | None]
SEE_THE_RESULT = _("See the result")


@dataclass(frozen=True)
class Field:
    """One parameter or result figure of a job, as people read it."""

    key: str
    label: str | Promise
    show: Shown = for_people


@dataclass(frozen=True)
class JobSpec:
    name: str
    label: str | Promise
    function: JobFunction
    params: tuple[Field, ...] = ()
    results: tuple[Field, ...] = ()
    result_url: ResultUrl | None = None
    result_label: str | Promise = SEE_THE_RESULT


_REGISTRY: dict[str, JobSpec] = {}
_loaded = False


def register_job(
    name: str,
    label: str | Promise,
    *,
    params: Sequence[Field] = (),
    results: Sequence[Field] = (),
    result_url: ResultUrl | None = None,
    result_label: str | Promise = SEE_THE_RESULT,
) -> Callable[[JobFunction], JobFunction]:
    def decorate(function: JobFunction) -> JobFunction:
        _REGISTRY[name] = JobSpec(name, label, function, tuple(params), tuple(results), result_url, result_label)
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


def find_job(name: str) -> JobSpec | None:
    """The spec, or None for a run of a job that no longer exists (its rows outlive the code)."""
    _load_job_modules()
    return _REGISTRY.get(name)


def job_label(name: str) -> str:
    spec = find_job(name)
    return str(spec.label) if spec else name


def all_jobs() -> list[JobSpec]:
    _load_job_modules()
    return sorted(_REGISTRY.values(), key=lambda s: s.name)


def labelled(fields: Sequence[Field], values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value for people) for each value, in the declared order; a value the job did not
    declare (a run from an older version of it) is shown under its key rather than hidden."""
    declared = {f.key for f in fields}
    rows = [(str(f.label), f.show(values[f.key])) for f in fields if f.key in values]
    rows += [(key, for_people(value)) for key, value in values.items() if key not in declared]
    return rows
