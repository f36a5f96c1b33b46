"""The one ticket filter, shared by the list page, the export job and the API, plus list sorting."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from portal.core.programmes import programme_choices
from portal.tenancy.roles import Capability
from portal.tickets.models import Kind, Priority, Ticket, TicketQuerySet
from portal.tickets.workflow import Status

ASSIGNED_TO_ME = "me"
UNASSIGNED = "unassigned"

# Sort key offered in the UI → ORDER BY; a stable tiebreak on id keeps pagination consistent.
SORTS: dict[str, tuple[str | Promise, tuple[Any, ...]]] = {
    "-created_at": (_("Newest first"), ("-created_at", "-id")),
    "created_at": (_("Oldest first"), ("created_at", "id")),
    "due_at": (_("Due soonest"), (models.F("due_at").asc(nulls_last=True), "id")),
    "-priority": (_("Most urgent"), (models.F("priority_rank").desc(), "-created_at", "-id")),
    "reference": (_("Reference"), ("reference", "id")),
    "status": (_("Status"), ("status", "-created_at", "-id")),
}
DEFAULT_SORT = "-created_at"


def priority_rank() -> models.Case:
    """low 0 … urgent 3, for ordering by priority."""
    return models.Case(
        *(models.When(priority=value, then=models.Value(rank)) for rank, value in enumerate(Priority.values)),
        output_field=models.IntegerField(),
    )


def sort_tickets(queryset: TicketQuerySet, key: str | None) -> TicketQuerySet:
    key = key if key in SORTS else DEFAULT_SORT
    if key == "-priority":
        queryset = queryset.annotate(priority_rank=priority_rank())
    return queryset.order_by(*SORTS[key][1])


class TicketFilterSet(filters.FilterSet):
    """Filters by value, plus ``q``/``search`` over reference, title, description (and the address,
    only for callers who may see personal data), ``assignee`` = me / unassigned and ``overdue``."""

    q = filters.CharFilter(method="filter_search", label=_("Search"), max_length=100)
    search = filters.CharFilter(method="filter_search", label=_("Search"), max_length=100)
    status = filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    kind = filters.ChoiceFilter(choices=Kind.choices, label=_("Type"))
    programme = filters.ChoiceFilter(choices=programme_choices(), label=_("Programme"))
    priority = filters.ChoiceFilter(choices=Priority.choices, label=_("Priority"))
    assignee = filters.ChoiceFilter(
        choices=[(ASSIGNED_TO_ME, _("Assigned to me")), (UNASSIGNED, _("Unassigned"))],
        method="filter_assignee",
        label=_("Assignee"),
    )
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("Overdue only"))

    class Meta:
        model = Ticket
        fields: list[str] = []

    def __init__(
        self,
        data: Any = None,
        queryset: Any = None,
        *,
        request: Any = None,
        prefix: str | None = None,
        user: Any = None,
        capabilities: frozenset[str] | None = None,
    ) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)
        self.capabilities = capabilities if capabilities is not None else getattr(request, "capabilities", frozenset())

    def filter_search(self, queryset: TicketQuerySet, name: str, value: str) -> TicketQuerySet:
        value = value.strip()
        if not value:
            return queryset
        matches = Q(reference__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value)
        # Searching by address would let a masked reader probe where people live.
        if Capability.SEE_PERSONAL_DATA in self.capabilities:
            matches |= Q(address__icontains=value)
        return queryset.filter(matches)

    def filter_assignee(self, queryset: TicketQuerySet, name: str, value: str) -> TicketQuerySet:
        if value == UNASSIGNED:
            return queryset.filter(assignee_user__isnull=True, assignee_org__isnull=True)
        if value == ASSIGNED_TO_ME:
            user_id = getattr(self.user, "pk", None)
            return queryset.filter(assignee_user_id=user_id) if user_id else queryset.none()
        return queryset

    def filter_overdue(self, queryset: TicketQuerySet, name: str, value: bool | None) -> TicketQuerySet:
        if value is True:
            return queryset.overdue()
        return queryset
