"""Filters of the activity list and API: type, programme, year, date range, search."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.activities.models import Activity
from portal.stakeholders.filters import ProgrammeFilter, SearchFilterSet, tenant_organisations


class ActivityFilter(SearchFilterSet):
    search_fields = ("title", "place", "description")

    kind = django_filters.ChoiceFilter(label=_("type"), choices=Activity.Kind.choices)
    programme = ProgrammeFilter()
    year = django_filters.NumberFilter(
        label=_("year"), field_name="start_date", lookup_expr="year", min_value=2000, max_value=2100
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("organisation"), queryset=tenant_organisations, method="filter_organisation"
    )
    start_after = django_filters.DateFilter(label=_("from"), field_name="start_date", lookup_expr="gte")
    start_before = django_filters.DateFilter(label=_("until"), field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["kind", "programme", "year", "organisation", "start_after", "start_before", "search"]

    def filter_organisation(self, queryset: Any, name: str, value: Any) -> Any:
        """Organised or joined as a partner."""
        return queryset.filter(Q(organiser=value) | Q(partners=value)).distinct()
