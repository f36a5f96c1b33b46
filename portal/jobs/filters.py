"""The job list's filters: status, and whose runs (people's by default; the schedule's on request)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portal.jobs.models import JobRun

PEOPLE, SCHEDULE, ALL = "people", "schedule", "all"
ORIGINS = [(PEOPLE, _("Requested by people")), (SCHEDULE, _("Scheduled by the system")), (ALL, _("All runs"))]


class JobRunFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=JobRun.Status.choices, empty_label=_("All"))
    origin = django_filters.ChoiceFilter(label=_("Runs"), choices=ORIGINS, empty_label=None, method="filter_origin")

    class Meta:
        model = JobRun
        fields = ["status", "origin"]

    def __init__(self, data: QueryDict | None = None, *args: Any, **kwargs: Any) -> None:
        # Always bound, so that the default (people's runs only) applies to a bare /jobs/ too.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("origin", PEOPLE)
        super().__init__(data, *args, **kwargs)

    def filter_origin(self, queryset: QuerySet[JobRun], name: str, value: str) -> QuerySet[JobRun]:
        if value == PEOPLE:
            return queryset.filter(trigger=JobRun.Trigger.MANUAL)
        if value == SCHEDULE:
            return queryset.filter(trigger=JobRun.Trigger.SCHEDULE)
        return queryset
