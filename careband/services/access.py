"""Who may see which care subjects.

* Managers (MANAGE_RECORDS in the tenant) see every subject of the tenant.
* Guardians see the subjects under the areas they answer for (a grid worker: their grid only).
* Anyone else with VIEW sees no subject (aggregates without names are still theirs to see).
* Relatives see only their own person, through ``relative_subjects``; they hold no tenant capability.
* A partner API key sees the subtree of its ``CareKeyScope`` area; without one, nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from careband.models import CareArea, CareKeyScope, CareSubject, Guardian, Relative
from portal.tenancy.models import Tenant
from portal.tenancy.roles import Capability


def areas_of(tenant: Tenant, user: Any) -> list[CareArea]:
    return [g.area for g in Guardian.objects.for_tenant(tenant).filter(user=user).select_related("area")]


def under(areas: list[CareArea], field: str = "grid") -> Q:
    """Rows whose ``field`` (an area foreign key) lies under any of ``areas`` (or is one of them)."""
    condition = Q(pk__in=[])
    for area in areas:
        condition |= Q(**{f"{field}__path__startswith": area.path})
    return condition


def visible_areas(tenant: Tenant, user: Any, capabilities: frozenset[str]) -> list[CareArea] | None:
    """None means the whole tenant."""
    if Capability.MANAGE_RECORDS in capabilities:
        return None
    return areas_of(tenant, user)


def visible_subjects(tenant: Tenant, user: Any, capabilities: frozenset[str]) -> QuerySet[CareSubject]:
    subjects = CareSubject.objects.for_tenant(tenant)
    if Capability.VIEW not in capabilities:
        return subjects.none()
    areas = visible_areas(tenant, user, capabilities)
    return subjects if areas is None else subjects.filter(under(areas))


def key_area(api_key: Any) -> CareArea | None:
    scope = CareKeyScope.objects.for_tenant(api_key.tenant).filter(api_key=api_key).select_related("area").first()
    return scope.area if scope else None


def relative_subjects(tenant: Tenant, user: Any) -> QuerySet[CareSubject]:
    ids = Relative.objects.for_tenant(tenant).filter(user=user).values("subject_id")
    return CareSubject.objects.for_tenant(tenant).filter(pk__in=ids, consent_withdrawn_at__isnull=True)


# The relative role is defined in the tenancy app; its label is translated in this app's catalogue,
# which owns the feature (named here so ``makemessages`` keeps it).
RELATIVE_ROLE_LABEL = gettext_lazy("Relative of a care subject")
