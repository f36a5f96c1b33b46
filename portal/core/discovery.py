"""Finding the programme apps: every top-level folder with a ``programme.py`` that declares ``PROGRAMME``.

``portal/settings.py`` calls ``discover_programmes`` while settings load, so this module (like the
contract it reads) imports no models. A malformed declaration stops start-up with a message that
names the app and the fix, the way a malformed environment variable does.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from portal.core.catalogue import CATALOGUE_CODES
from portal.core.contract import ProgrammeApp


def discover_programmes(base_dir: Path, only: Sequence[str] = ()) -> list[ProgrammeApp]:
    """The programme apps under ``base_dir``, in catalogue order; ``only`` narrows them to those codes."""
    folders = sorted(path.parent.name for path in base_dir.glob("*/programme.py"))
    unknown = sorted(set(only) - set(folders))
    if unknown:
        raise ImproperlyConfigured(f"PORTAL_PROGRAMMES names programmes with no app folder: {', '.join(unknown)}")
    apps = [load_declaration(code) for code in folders if not only or code in only]
    check_unique_names(apps)
    return sorted(apps, key=lambda app: CATALOGUE_CODES.index(app.code))


def load_declaration(code: str) -> ProgrammeApp:
    module = importlib.import_module(f"{code}.programme")
    app = getattr(module, "PROGRAMME", None)
    if not isinstance(app, ProgrammeApp):
        raise ImproperlyConfigured(f"{code}/programme.py must define PROGRAMME = ProgrammeApp(...)")
    check_declaration(app, code)
    return app


def check_declaration(app: ProgrammeApp, folder: str) -> None:
    problems: list[str] = []
    if app.code != folder:
        problems.append(f"its code {app.code!r} differs from its folder name {folder!r}")
    if app.code not in CATALOGUE_CODES:
        problems.append(f"{app.code!r} is not in the programme catalogue (portal/core/catalogue.py)")
    setting_prefix, beat_prefix = app.code.upper() + "_", app.code + "-"
    problems += [
        f"setting {s.name} must start with {setting_prefix}"
        for s in app.settings
        if not s.name.startswith(setting_prefix)
    ]
    problems += [
        f"beat entry {b.name} must start with {beat_prefix}" for b in app.beat if not b.name.startswith(beat_prefix)
    ]
    problems += [f"public route {r.name} needs a reason" for r in app.public_routes if not r.why.strip()]
    for demo in filter(None, (app.demo, app.demo_after_commit)):
        if ":" not in demo:
            problems.append(f"demo hook {demo!r} must read 'module:function'")
    if problems:
        raise ImproperlyConfigured(f"Programme app {folder}: " + "; ".join(problems))


def check_unique_names(apps: Iterable[ProgrammeApp]) -> None:
    seen: dict[str, str] = {}
    for app in apps:
        for name in [b.name for b in app.beat] + [s.name for s in app.settings] + [m.prefix for m in app.mounts]:
            if name in seen:
                raise ImproperlyConfigured(f"{name} is declared by both {seen[name]} and {app.code}")
            seen[name] = app.code


def beat_schedule(apps: Iterable[ProgrammeApp]) -> dict[str, dict[str, Any]]:
    return {entry.name: entry.as_celery() for app in apps for entry in app.beat}


def setting_values(apps: Iterable[ProgrammeApp]) -> dict[str, Any]:
    return {setting.name: setting.value() for app in apps for setting in app.settings}
