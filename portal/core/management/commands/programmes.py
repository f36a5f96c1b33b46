"""``manage.py programmes``: what each installed programme app declares and what the core found of it."""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from django.core.management.base import BaseCommand

from portal.core.contract import Navigation, ProgrammeApp
from portal.core.programmes import programme_apps, programme_name
from portal.indicators.registry import indicators_for
from portal.jobs.registry import all_jobs

CONVENTIONAL_MODULES = ("urls", "api", "jobs", "indicators", "tasks", "admin")


def _menu_entry(entry: Navigation) -> str:
    return f"{entry.url_name} [{', '.join(sorted(entry.roles))}]" if entry.roles else entry.url_name


def describe(app: ProgrammeApp) -> list[str]:
    jobs = [spec.name for spec in all_jobs() if spec.name.startswith(f"{app.code}.")]
    found = [name for name in CONVENTIONAL_MODULES if find_spec(f"{app.code}.{name}") is not None]
    lines = [
        f"{app.code} — {programme_name(app.code)}",
        f"  urls: /{app.code}/ ({app.urlconf})" + "".join(f", /{m.prefix} ({m.urlconf})" for m in app.mounts),
        f"  modules: {', '.join(found)}",
        f"  menu: {', '.join(_menu_entry(entry) for entry in app.navigation)}",
        f"  jobs: {', '.join(jobs) or '—'}",
        f"  indicators: {', '.join(i.code for i in indicators_for(app.code)) or '—'}",
        f"  isolation: {app.isolation_module}",
    ]
    lines += [f"  beat: {entry.name} → {entry.task} ({entry.schedule})" for entry in app.beat]
    lines += [f"  public: {route.name} — {route.why}" for route in app.public_routes]
    lines += [f"  setting: {s.name} = {s.default!r}" + (f" (env {s.env})" if s.env else "") for s in app.settings]
    lines += [f"  demo: {hook}" for hook in (app.demo, app.demo_after_commit) if hook]
    return lines


class Command(BaseCommand):
    help = "List the installed programme apps and what each declares (portal/core/contract.py)."

    def handle(self, *args: Any, **options: Any) -> None:
        for app in programme_apps():
            self.stdout.write("\n".join(describe(app)) + "\n")
