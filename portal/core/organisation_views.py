"""Pages shared between a unit's staff and the members of its outside organisations.

A charging operator's staff see their own stations, a supplier's staff their own contracts, a party
of a consultation its own project space: the same pages the unit's staff use, narrowed to the rows
of the organisation they act for (``Membership.organisation``, ``request.acting_for``). The unit's
staff (anyone holding ``Capability.VIEW`` there) see every row, as on any page.

A view declares the path from its model to the stakeholder organisation and what an organisation's
member may do on it::

    class StationDetailView(OrganisationScopedMixin, DetailView):
        model = Station
        organisation_lookup = "operator__organisation"
        organisation_capabilities = frozenset({Capability.VIEW})

Another organisation's row is then simply not found (404), exactly like another tenant's: the
narrowing is part of the queryset every lookup goes through. Objects the view fetches from other
URL values go through ``narrow`` with their own lookup.
"""

from __future__ import annotations

from typing import Any, ClassVar

from portal.core.views import TenantObjectMixin
from portal.tenancy.roles import Capability


class OrganisationScopedMixin(TenantObjectMixin):
    organisation_lookup: ClassVar[str] = ""  # path to stakeholders.Organisation: "operator__organisation"
    # What an organisation's member may do on this page (the unit's staff keep their own capabilities).
    organisation_capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.VIEW})

    def acting_for(self) -> frozenset[int]:
        return frozenset(getattr(self.request, "acting_for", frozenset()))

    def is_narrowed(self) -> bool:
        """True for someone who acts for an organisation and does not see the unit's rows as staff."""
        return bool(self.acting_for()) and Capability.VIEW not in getattr(self.request, "capabilities", ())

    def can(self, capability: Capability) -> bool:
        if self.is_narrowed():
            return capability in self.organisation_capabilities
        return super().can(capability)

    def narrow(self, queryset: Any, lookup: str) -> Any:
        """``queryset`` as this caller may see it: whole for staff, their organisation's rows otherwise."""
        if not self.is_narrowed():
            return queryset
        return queryset.filter(**{f"{lookup}__in": sorted(self.acting_for())})

    def base_queryset(self) -> Any:
        assert self.organisation_lookup, f"{type(self).__name__} needs an organisation_lookup"
        return self.narrow(super().base_queryset(), self.organisation_lookup)
