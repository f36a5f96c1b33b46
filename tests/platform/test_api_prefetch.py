"""The base viewset fetches what the serializer shows with the rows, worked out from its fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from careband.api import AlertSerializer, SubjectColourSerializer
from careband.models import CareAlert, CareSubject
from portal.activities.api import ActivitySerializer
from portal.activities.models import Activity
from portal.api.prefetch import serializer_relations
from portal.meters.api import MeterSerializer
from portal.meters.models import Meter
from portal.stakeholders import serializers as stakeholder_serializers
from portal.stakeholders.api import OrganisationViewSet
from portal.stakeholders.models import Meeting, Need, Organisation, Person, Resource
from portal.tickets.api import TicketSerializer
from portal.tickets.models import Ticket
from tests.api_testing import key_client
from tests.personas import World
from theftscan.api import SuspectSerializer
from theftscan.models import Suspect


@pytest.mark.parametrize(
    ("serializer", "model", "select", "prefetch"),
    [
        # organisation_name = source "organisation.name": one join.
        (stakeholder_serializers.PersonSerializer(), Person, {"organisation"}, set()),
        # needs and resources are nested lists: prefetched.
        (stakeholder_serializers.OrganisationSerializer(), Organisation, set(), {"needs", "resources"}),
        # organisations and attendees are lists of ids, decisions a nested list: all three prefetched.
        (stakeholder_serializers.MeetingSerializer(), Meeting, set(), {"organisations", "attendees", "decisions"}),
        # organiser is an id (on the row already), partners a list of ids.
        (ActivitySerializer(), Activity, set(), {"partners"}),
        # owner, assignees and parent are ids: nothing to fetch.
        (TicketSerializer(), Ticket, set(), set()),
        (MeterSerializer(), Meter, {"area"}, set()),
        (SuspectSerializer(), Suspect, {"area", "period"}, set()),
        # subject = source "subject_id" (the raw id); reference, status … from the ticket; outcome from the visit.
        (AlertSerializer(), CareAlert, {"ticket", "visit"}, set()),
        # grid.name, and code.colour through the reverse one-to-one of today's code.
        (SubjectColourSerializer(), CareSubject, {"grid", "code"}, set()),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, serializers.Serializer) else None,
)
def test_the_relations_follow_from_the_serializers_fields(
    serializer: serializers.Serializer[Any], model: Any, select: set[str], prefetch: set[str]
) -> None:
    found = serializer_relations(serializer, model)
    assert (found.select, found.prefetch) == (select, prefetch)


class NeedWithOrganisation(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name")

    class Meta:
        model = Need
        fields = ["id", "organisation_name"]


class OrganisationWithNeeds(serializers.ModelSerializer):
    needs = NeedWithOrganisation(many=True)

    class Meta:
        model = Organisation
        fields = ["id", "needs"]


def test_a_relation_under_a_prefetched_list_is_prefetched_with_it() -> None:
    found = serializer_relations(OrganisationWithNeeds(), Organisation)
    assert (found.select, found.prefetch) == (set(), {"needs", "needs__organisation"})


def _organisations(world: World, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        org = Organisation.objects.create(tenant=world.binhai, name=f"单位{n}", kind=Organisation.Kind.NGO)
        Need.objects.create(tenant=world.binhai, organisation=org, description="诉求")
        Resource.objects.create(tenant=world.binhai, organisation=org, description="资源")


def _list_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/organisations/").status_code == 200
    return len(captured)


def test_without_the_serializers_relations_a_list_would_cost_two_queries_more_per_row(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.api.models import ApiKey

    _key, token = ApiKey.issue(world.binhai, "区民政局")
    client = key_client(token)
    _organisations(world, 3)
    client.get("/api/v1/organisations/")  # the content-type cache
    with_relations_3 = _list_queries(client)
    monkeypatch.setattr(OrganisationViewSet, "prefetch_serializer_relations", False)
    without_3 = _list_queries(client)
    _organisations(world, 27, start=3)
    without_30 = _list_queries(client)
    monkeypatch.setattr(OrganisationViewSet, "prefetch_serializer_relations", True)
    with_relations_30 = _list_queries(client)
    # Without: needs and resources read per row, 2 queries each, instead of 2 queries for the page.
    assert (without_3 - with_relations_3, without_30 - with_relations_30) == (2 * 3 - 2, 2 * 30 - 2)
    assert with_relations_30 == with_relations_3
