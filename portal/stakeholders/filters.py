"""Filter sets of the stakeholder lists, shared by the pages and the API (``?kind=…&search=…``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.core.programmes import programme_choices
from portal.stakeholders.models import Agreement, Meeting, Organisation, Person
from portal.tenancy.roles import Capability


def tenant_organisations(request: Any) -> Any:
    """Choices for an organisation filter: the caller's tenant only (a filter is also a choice)."""
    if request is None or getattr(request, "tenant", None) is None:
        return Organisation.objects.none().all_tenants()
    return Organisation.objects.for_tenant(request.tenant)


class SearchFilterSet(django_filters.FilterSet):
    """Adds ``search``: a case-insensitive match over ``search_fields``.

    Personal fields (contact names, phone numbers) are only searched for callers who may see them;
    otherwise a search for a name would tell a partner who is on file.
    """

    search_fields: tuple[str, ...] = ()
    personal_search_fields: tuple[str, ...] = ()

    search = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=100)

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        fields = self.search_fields
        if Capability.SEE_PERSONAL_DATA in getattr(self.request, "capabilities", frozenset()):
            fields += self.personal_search_fields
        condition = Q()
        for field_name in fields:
            condition |= Q(**{f"{field_name}__icontains": value})
        return queryset.filter(condition)


class ProgrammeFilter(django_filters.ChoiceFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", programme_choices)
        kwargs.setdefault("label", _("programme"))
        super().__init__(*args, **kwargs)


class OrganisationFilter(SearchFilterSet):
    search_fields = ("name", "short_name")
    personal_search_fields = ("contact_name", "contact_phone")

    kind = django_filters.ChoiceFilter(label=_("type"), choices=Organisation.Kind.choices)
    programme = ProgrammeFilter(method="filter_programme")
    district = django_filters.CharFilter(label=_("district"), lookup_expr="icontains", max_length=40)

    class Meta:
        model = Organisation
        fields = ["kind", "programme", "district", "search"]

    def filter_programme(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # ``programmes`` is a JSON list of codes; matching the quoted code works on SQLite and
        # PostgreSQL alike (a JSON ``contains`` lookup does not exist on SQLite).
        return queryset.filter(programmes__icontains=f'"{value}"')


class PersonFilter(SearchFilterSet):
    search_fields = ("position", "organisation__name", "organisation__short_name")
    personal_search_fields = ("name", "phone")

    kind = django_filters.ChoiceFilter(label=_("type"), choices=Person.Kind.choices)
    organisation = django_filters.ModelChoiceFilter(label=_("organisation"), queryset=tenant_organisations)

    class Meta:
        model = Person
        fields = ["kind", "organisation", "search"]


class AgreementFilter(SearchFilterSet):
    search_fields = ("title", "summary")

    programme = ProgrammeFilter()
    party = django_filters.ModelChoiceFilter(
        label=_("party"), field_name="parties", queryset=tenant_organisations, distinct=True
    )
    signed_after = django_filters.DateFilter(label=_("signed from"), field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(label=_("signed until"), field_name="signed_on", lookup_expr="lte")

    class Meta:
        model = Agreement
        fields = ["programme", "party", "signed_after", "signed_before", "search"]


class MeetingFilter(SearchFilterSet):
    search_fields = ("title", "place")

    kind = django_filters.ChoiceFilter(label=_("type"), choices=Meeting.Kind.choices)
    programme = ProgrammeFilter()
    organisation = django_filters.ModelChoiceFilter(
        label=_("party present"), field_name="organisations", queryset=tenant_organisations, distinct=True
    )
    held_after = django_filters.DateFilter(label=_("from"), field_name="held_at", lookup_expr="date__gte")
    held_before = django_filters.DateFilter(label=_("until"), field_name="held_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["kind", "programme", "organisation", "held_after", "held_before", "search"]
