"""Compile every .po catalogue to .mo in pure Python, so `make run` needs no GNU gettext."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


def catalogues() -> list[Path]:
    roots = [Path(p) for p in settings.LOCALE_PATHS]
    roots += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    base = Path(settings.BASE_DIR).resolve()
    environment = Path(sys.prefix).resolve()  # the virtualenv may live inside the project folder
    found: list[Path] = []
    for root in roots:
        resolved = root.resolve()
        if root.is_dir() and resolved.is_relative_to(base) and not resolved.is_relative_to(environment):
            found.extend(sorted(root.glob("*/LC_MESSAGES/*.po")))
    return found


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo)."
    # Compiling comes first on a fresh checkout: the system checks (a data set's sample read in Chinese,
    # say) need the catalogues, so they must not stop the command that makes them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Fail if a catalogue has untranslated or fuzzy entries."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        files = catalogues()
        for po_path in files:
            catalogue = polib.pofile(str(po_path))
            untranslated = [e.msgid for e in catalogue.untranslated_entries()]
            fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
            if untranslated or fuzzy:
                problems.append(
                    f"{po_path}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy: {(untranslated + fuzzy)[:5]}"
                )
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(files)} catalogues.")
        if options["check"] and problems:
            raise CommandError("Incomplete translations:\n" + "\n".join(problems))
