"""Shipping an official schedule with the code: a data migration that enters its days.

When a year's State Council notice is out before the ``holidays`` package carries it, add a migration
to this app whose only operation is ``enter_days(...)`` with the notice's days: every weekday off and
every weekend day worked (weekend days off and weekdays worked need no row). Every site gets the
days at its next ``migrate``, and the test suite sees them, so the coverage test passes again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import migrations


def enter_days(calendar: str, source: str, days: Sequence[tuple[str, bool, str]]) -> migrations.RunPython:
    """``days``: (ISO date, is it a working day, name) as the notice ``source`` lists them."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model("calendars", "CalendarDay")
        for iso, working, name in days:
            model.objects.update_or_create(
                calendar=calendar,
                day=date.fromisoformat(iso),
                defaults={"working": working, "name": name, "source": source},
            )

    def backward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model("calendars", "CalendarDay")
        model.objects.filter(calendar=calendar, day__in=[date.fromisoformat(iso) for iso, _w, _n in days]).delete()

    return migrations.RunPython(forward, backward)
