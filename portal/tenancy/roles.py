"""Roles a membership grants, and the one table of what each role may do."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TENANT_ADMIN = "tenant_admin", _("Tenant administrator")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    ANALYST = "analyst", _("Analyst")
    FIELD_STAFF = "field_staff", _("Field staff")
    GRID_WORKER = "grid_worker", _("Community grid worker")
    PARTNER_VIEWER = "partner_viewer", _("Partner viewer")
    # A family member following one care subject (careband); what they see is granted per subject.
    RELATIVE = "relative", _("Relative of a care subject")
    # Someone acting for an outside organisation of the unit (a charging operator, a supplier, a party
    # of a consultation): no tenant-wide capability; programme pages show them their organisation's rows.
    ORGANISATION_MEMBER = "organisation_member", _("Member of an outside organisation")


class Capability(StrEnum):
    VIEW = "view"
    CREATE_TICKETS = "create_tickets"
    WORK_TICKETS = "work_tickets"  # transition, comment, attach
    MANAGE_RECORDS = "manage_records"  # stakeholders, agreements, meetings, activities
    RUN_JOBS = "run_jobs"
    SEE_PERSONAL_DATA = "see_personal_data"
    ADMIN_TENANT = "admin_tenant"  # memberships and partner API keys


_ALL = frozenset(Capability)

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.TENANT_ADMIN: _ALL,
    Role.PROGRAMME_MANAGER: _ALL - {Capability.ADMIN_TENANT},
    Role.ANALYST: frozenset(
        {Capability.VIEW, Capability.CREATE_TICKETS, Capability.RUN_JOBS, Capability.SEE_PERSONAL_DATA}
    ),
    Role.FIELD_STAFF: frozenset(
        {Capability.VIEW, Capability.CREATE_TICKETS, Capability.WORK_TICKETS, Capability.SEE_PERSONAL_DATA}
    ),
    Role.GRID_WORKER: frozenset(
        {Capability.VIEW, Capability.CREATE_TICKETS, Capability.WORK_TICKETS, Capability.SEE_PERSONAL_DATA}
    ),
    # Partners read, masked; what they may see beyond that is granted per object (django-guardian).
    Role.PARTNER_VIEWER: frozenset({Capability.VIEW}),
    # No tenant-wide capability at all: careband's relative page checks the Relative row itself.
    Role.RELATIVE: frozenset(),
    # Likewise: ``portal.core.organisation_views`` narrows pages to the organisation they act for.
    Role.ORGANISATION_MEMBER: frozenset(),
}


def capabilities_of(roles: set[str] | frozenset[str]) -> frozenset[Capability]:
    granted: set[Capability] = set()
    for role in roles:
        granted |= CAPABILITIES.get(Role(role), frozenset())
    return frozenset(granted)
