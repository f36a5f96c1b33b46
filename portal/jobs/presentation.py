"""How a job's parameters and results read for people: numbers grouped, yes/no, dates, choices
by their label, lists in the reader's language. A job's ``Field`` names one of these (or its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import django_filters
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext

Shown = Callable[[Any], str]
NOTHING = "—"


def for_people(value: Any) -> str:
    """Any JSON value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return NOTHING
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, int | float):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, list | tuple):
        return _joined(for_people(item) for item in value)
    if isinstance(value, dict):
        return _joined(_pair(key, for_people(item)) for key, item in value.items())
    return str(value)


def as_date(value: Any) -> str:
    """An ISO date (``"2026-10-01"``) in the reader's date format."""
    try:
        return formats.date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return for_people(value)


def choice_of(choices: Iterable[tuple[str, str | Promise]]) -> Shown:
    """A stored code shown by its label (``"xlsx"`` → "Excel"); a code not among them as it is."""
    labels = dict(choices)

    def show(value: Any) -> str:
        if isinstance(value, dict):  # e.g. {file name: status}
            return _joined(_pair(key, show(item)) for key, item in value.items())
        label = labels.get(value)
        return str(label) if label is not None else for_people(value)

    return show


def filters_of(filterset_class: type[django_filters.FilterSet]) -> Shown:
    """Stored list filters (``{"status": "new", "overdue": "true"}``) by the filter set's own labels
    and choices: "Status: New, Overdue only: yes"."""

    def one(key: str, raw: Any) -> str:
        found = filterset_class.base_filters.get(key)
        if found is None:
            return _pair(key, for_people(raw))
        if isinstance(found, django_filters.BooleanFilter) and raw in ("true", "false"):
            return _pair(found.label, for_people(raw == "true"))
        choices = found.extra.get("choices")
        labels = dict(choices() if callable(choices) else choices or ())
        return _pair(found.label, str(labels.get(raw, for_people(raw))))

    def show(value: Any) -> str:
        if not isinstance(value, dict):
            return for_people(value)
        return _joined(one(key, raw) for key, raw in value.items()) or NOTHING

    return show


def _pair(label: object, value: str) -> str:
    return pgettext("a label and its value", "%(label)s: %(value)s") % {"label": label, "value": value}


def _joined(parts: Iterable[str]) -> str:
    return pgettext("separator between the items of a list", ", ").join(parts)
