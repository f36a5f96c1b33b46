"""System checks of the programme-app declarations (run by ``manage.py check`` and so by ``make test``).

A declaration is only a promise; these checks hold each app to it once the URL conf and the app
registry are loaded: its URL module has the app's namespace, its menu entries and public routes
name real routes, its demo hooks and beat tasks import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import import_string

from portal.core.contract import ProgrammeApp
from portal.core.programmes import programme_apps


def route_names(patterns: Sequence[Any] | None = None, namespace: str = "") -> Iterator[str]:
    """Every named route of the URL conf, with its namespaces (``alliance:desk``)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from route_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def _import_hook(path: str) -> Any:
    module, _sep, attribute = path.partition(":")
    return import_string(f"{module}.{attribute}")


def check_app(app: ProgrammeApp, names: set[str]) -> list[CheckMessage]:
    errors: list[CheckMessage] = []

    def fail(message: str, hint: str = "") -> None:
        errors.append(Error(message, hint=hint or None, obj=f"{app.code}/programme.py", id="portal.E001"))

    missing_nav = [e.url_name for e in app.navigation if f"{app.code}:{e.url_name}" not in names]
    if missing_nav:
        fail(f"menu entries name routes that do not exist: {missing_nav}", f"define them in {app.urlconf}")
    missing_public = [r.name for r in app.public_routes if r.name not in names]
    if missing_public:
        fail(f"public routes that do not exist: {missing_public}")
    for hook in filter(None, (app.demo, app.demo_after_commit)):
        try:
            _import_hook(hook)
        except ImportError as exc:
            fail(f"demo hook {hook} does not import: {exc}")
    for entry in app.beat:
        try:
            import_string(entry.task)
        except ImportError as exc:
            fail(f"beat entry {entry.name}: task {entry.task} does not import: {exc}", "task names are import paths")
    return errors


@register("portal")
def check_programme_apps(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    names = set(route_names())
    return [error for app in programme_apps() for error in check_app(app, names)]
