"""The programme-app contract: what a programme app declares about itself, in one typed value.

Each programme app has a module ``<code>/programme.py`` that defines ``PROGRAMME = ProgrammeApp(...)``.
The core discovers those modules (``portal.core.discovery``) and wires everything from them: the app
goes into ``INSTALLED_APPS``, its URLs are mounted at ``/<code>/`` (plus any extra mounts), its beat
entries join ``CELERY_BEAT_SCHEDULE``, its settings get their defaults (or their environment
variable), its navigation entry appears for tenants that run it, its demo rows load with
``load_demo``, and the isolation walk finds its public routes and its test objects. Adding an app is
creating its folder; no core file changes. See ``docs/programme-apps.md``.

This module is imported by ``portal/settings.py`` before Django's app registry is ready: it must not
import models, and neither may an app's ``programme.py``.

Conventions that need no declaration (the core finds them by module name, as Django does admin):
``<code>/jobs.py`` (``@register_job``), ``<code>/indicators.py`` (``@register_indicator``),
``<code>/api.py`` (viewsets on ``portal.api.routing.router``), ``<code>/tasks.py`` (Celery tasks),
``<code>/admin.py``, ``<code>/locale/zh_Hans/`` (its catalogue), ``<code>/templates/<code>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from celery.schedules import crontab

from portal.env import env_bool, env_float, env_int, env_list, env_str

type Schedule = float | timedelta | crontab


@dataclass(frozen=True)
class Mount:
    """A URL module mounted outside ``/<code>/`` (e.g. a standard public interface such as Open311)."""

    prefix: str  # "open311/v2/"
    urlconf: str  # "alliance.open311.urls" (it declares its own ``app_name``)


@dataclass(frozen=True)
class PublicRoute:
    """A URL name reachable without a login or tenant membership, and why that is safe."""

    name: str  # "alliance:public-form"
    why: str


@dataclass(frozen=True)
class BeatEntry:
    """One periodic task. ``task`` is the task's registered name, which is also its import path, so the
    embedded mode (``make run``, no broker) can run it in-process."""

    name: str
    task: str
    schedule: Schedule
    kwargs: dict[str, Any] = field(default_factory=dict)

    def as_celery(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"task": self.task, "schedule": self.schedule}
        if self.kwargs:
            entry["kwargs"] = dict(self.kwargs)
        return entry


_READERS: dict[type, Callable[..., Any]] = {str: env_str, bool: env_bool, int: env_int, float: env_float}


@dataclass(frozen=True)
class Setting:
    """A setting the app reads from ``django.conf.settings``, with its default.

    With ``env`` set, a deployment may override it through that environment variable (parsed by the
    typed readers of ``portal.env``, which refuse malformed values at start-up); ``.env.example`` must
    document the variable (a test checks). Without ``env`` it is a plain code default that
    ``settings.py`` or a test may override.
    """

    name: str  # "CHARGING_CO2_KG_PER_KWH"
    default: Any
    help: str
    env: str = ""  # "PORTAL_CHARGING_CO2_KG_PER_KWH"

    def value(self) -> Any:
        if not self.env:
            return self.default
        if isinstance(self.default, list):
            return env_list(self.env, self.default)
        reader = _READERS.get(type(self.default))
        if reader is None:
            raise TypeError(f"Setting {self.name}: no environment reader for {type(self.default).__name__}")
        return reader(self.env, self.default)


@dataclass(frozen=True)
class Navigation:
    """An entry of the app in the portal's menu: the page it opens (a URL name in the app's namespace),
    and who is offered it.

    With ``roles`` empty the entry is offered to every member who may view the tenant's pages; with
    ``roles`` (values of ``portal.tenancy.roles.Role``) only to holders of one of them. An app lists
    its entries most general first; a user gets the first that applies (e.g. the care code offers its
    overview to staff and "the person I follow" to a relative).
    """

    url_name: str = "index"
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProgrammeApp:
    """Everything the core needs to know about one programme app.

    ``demo`` names ``module:function`` called by ``load_demo`` inside its transaction, after every
    unit's stakeholders and tickets exist: ``function(tally: Counter[str]) -> None``, idempotent.
    ``demo_after_commit`` is called after that transaction commits (for files, e.g. the meter store,
    and for work that must see committed rows), same signature.

    ``isolation`` names the test module that builds one of each of the app's objects for the
    isolation walk (``tests/test_isolation.py``); it defines ``build(world, found)`` and may define
    ``prepare_key(world, key)`` for what a partner key needs beyond the programme scope.
    """

    code: str
    navigation: tuple[Navigation, ...] = (Navigation(),)
    mounts: tuple[Mount, ...] = ()
    public_routes: tuple[PublicRoute, ...] = ()
    beat: tuple[BeatEntry, ...] = ()
    settings: tuple[Setting, ...] = ()
    demo: str = ""
    demo_after_commit: str = ""
    isolation: str = ""

    @property
    def urlconf(self) -> str:
        return f"{self.code}.urls"

    @property
    def isolation_module(self) -> str:
        return self.isolation or f"tests.{self.code}.isolation"
