"""Read-side helpers for the stakeholder pages: what a detail page gathers around its object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from portal.core.programmes import programme_choices
from portal.stakeholders.models import Meeting, Need, Organisation, Resource
from portal.tenancy.models import Tenant


@dataclass
class ProgrammeAnalysis:
    """One programme's rows of the stakeholder analysis table: needs (诉求) and resources (优势资源)."""

    code: str
    name: str
    needs: list[Need] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)


def stakeholder_analysis(organisation: Organisation) -> list[ProgrammeAnalysis]:
    """Needs and resources grouped by programme, in the fixed programme order."""
    names = {code: str(name) for code, name in programme_choices()}
    groups: dict[str, ProgrammeAnalysis] = {}

    def group(code: str) -> ProgrammeAnalysis:
        return groups.setdefault(code, ProgrammeAnalysis(code, names.get(code, code)))

    for need in organisation.needs.all():
        group(need.programme).needs.append(need)
    for resource in organisation.resources.all():
        group(resource.programme).resources.append(resource)
    order = list(names)
    return sorted(groups.values(), key=lambda g: order.index(g.code) if g.code in order else len(order))


def activities_of(organisation: Organisation, tenant: Tenant) -> Any:
    """Activities the organisation organised or joined as a partner."""
    from portal.activities.models import Activity

    return (
        Activity.objects.for_tenant(tenant)
        .filter(Q(organiser=organisation) | Q(partners=organisation))
        .distinct()
        .order_by("-start_date", "title")
    )


def _ticket_model() -> Any:
    """The tickets package is optional here: meetings work without it, and show tasks once it exists."""
    try:
        return apps.get_model("tickets", "Ticket")
    except LookupError:
        return None


def follow_up_tickets(meeting: Meeting, tenant: Tenant) -> Any:
    """Tickets whose generic subject is this meeting, or None when there is no tickets package."""
    ticket_model = _ticket_model()
    if ticket_model is None:
        return None
    content_type = ContentType.objects.get_for_model(Meeting)
    return ticket_model.objects.for_tenant(tenant).filter(subject_type=content_type, subject_id=str(meeting.pk))


def follow_up_create_url(meeting: Meeting) -> str | None:
    """Where the "create follow-up task" button goes: the ticket form with this meeting as subject."""
    try:
        base = reverse("tickets:create")
    except NoReverseMatch:
        return None
    return f"{base}?{urlencode({'subject': f'stakeholders.meeting:{meeting.pk}'})}"
