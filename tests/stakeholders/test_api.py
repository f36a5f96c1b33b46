"""The stakeholder API: the endpoint matrix (masking and read logging, partners' refused writes,
another tenant's 404, query counts; tests/api_testing), audited writes, input rules and filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from portal.audit.models import ChangeRecord
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
from tests.personas import World
from tests.stakeholders.records import BAD_CHECK_ID, VALID_ID, Records


def test_an_organisation_carries_its_needs(alices: Records, partner_api: APIClient) -> None:
    data = partner_api.get(reverse("api:organisation-detail", args=[alices.organisation.pk])).json()
    assert data["needs"] == [
        {"id": alices.need.pk, "programme": "alliance", "description": "老旧小区无物业，诉求无人响应"}
    ]


def test_alice_creates_and_edits_an_organisation_and_both_are_recorded(world: World, alice_client: Client) -> None:
    created = alice_client.post(
        reverse("api:organisation-list"),
        {"name": "滨海新区燃气公司", "kind": "utility_member", "programmes": ["alliance", "alliance"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["programmes"] == ["alliance"]
    edited = alice_client.patch(
        reverse("api:organisation-detail", args=[pk]),
        {"contact_phone": "13600001111", "district": "滨海新区"},
        content_type="application/json",
    )
    assert edited.status_code == 200
    records = ChangeRecord.objects.for_tenant(world.binhai).filter(object_id=str(pk)).order_by("id")
    assert [(r.action, r.actor) for r in records] == [("create", world.alice), ("update", world.alice)]
    assert records[1].changed_fields() == ["contact_phone", "district"]
    assert (records[1].before["contact_phone"], records[1].after["contact_phone"]) == ("", "13600001111")


ORG_ERRORS: list[tuple[dict[str, Any], str]] = [
    ({"kind": "ngo"}, "name"),
    ({"name": "长" * 121, "kind": "ngo"}, "name"),
    ({"name": "新单位"}, "kind"),
    ({"name": "新单位", "kind": "spaceship"}, "kind"),
    ({"name": "新单位", "kind": "ngo", "latitude": "north", "longitude": "117"}, "latitude"),
    ({"name": "新单位", "kind": "ngo", "latitude": "39", "longitude": "181"}, "longitude"),
    ({"name": "新单位", "kind": "ngo", "latitude": "39"}, "longitude"),
    ({"name": "新单位", "kind": "ngo", "contact_phone": "1234"}, "contact_phone"),
    ({"name": "新单位", "kind": "ngo", "programmes": "alliance"}, "programmes"),
    ({"name": "新单位", "kind": "ngo", "programmes": ["nowhere"]}, "programmes"),
]


@pytest.mark.parametrize(("body", "field"), ORG_ERRORS)
def test_bad_organisation_input_is_a_400_naming_the_field_and_nothing_is_written(
    world: World, alice_client: Client, body: dict[str, Any], field: str
) -> None:
    response = alice_client.post(reverse("api:organisation-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert response.json()["detail"]
    assert not Organisation.objects.all_tenants().exists()
    assert not ChangeRecord.objects.all_tenants().exists()


def test_a_duplicate_organisation_name_is_a_400(alices: Records, alice_client: Client) -> None:
    body = {"name": alices.organisation.name, "kind": "ngo"}
    response = alice_client.post(reverse("api:organisation-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["__all__"]
    assert Organisation.objects.all_tenants().count() == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "赵六", "id_number": BAD_CHECK_ID}, "id_number"),
        ({"name": "赵六", "phone": "0000"}, "phone"),
        ({"name": "名" * 61}, "name"),
        ({"name": "赵六", "organisation": "abc"}, "organisation"),
    ],
)
def test_bad_person_input_is_a_400_naming_the_field(
    alices: Records, alice_client: Client, body: dict[str, Any], field: str
) -> None:
    response = alice_client.post(reverse("api:person-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert Person.objects.all_tenants().count() == 1


def test_another_tenants_organisation_id_is_refused_on_every_relation(
    alices: Records, charlies: Records, alice_client: Client
) -> None:
    theirs = charlies.organisation.pk
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("api:person-list", {"name": "赵六", "organisation": theirs}, "organisation"),
        ("api:agreement-list", {"title": "协议", "signed_on": "2021-01-01", "parties": [theirs]}, "parties"),
        (
            "api:meeting-list",
            {"title": "会", "kind": "joint", "held_at": "2021-01-01T09:00:00+08:00", "organisations": [theirs]},
            "organisations",
        ),
        (
            "api:activity-list",
            {"title": "活动", "kind": "other", "start_date": "2021-01-01", "partners": [theirs]},
            "partners",
        ),
        (
            "api:activity-list",
            {"title": "活动", "kind": "other", "start_date": "2021-01-01", "organiser": theirs},
            "organiser",
        ),
    ]
    before = ChangeRecord.objects.all_tenants().count()
    for name, body, field in cases:
        response = alice_client.post(reverse(name), body, content_type="application/json")
        assert response.status_code == 400, name
        assert list(response.json()["errors"]) == [field], name
    assert ChangeRecord.objects.all_tenants().count() == before
    assert Agreement.objects.for_tenant(alices.organisation.tenant).count() == 1


def test_a_meeting_carries_its_decisions_read_only_and_takes_organisation_ids(
    alices: Records, world: World, alice_client: Client
) -> None:
    url = reverse("api:meeting-detail", args=[alices.meeting.pk])
    data = alice_client.get(url).json()
    assert [d["text"] for d in data["decisions"]] == ["建立联盟微信群"]
    response = alice_client.patch(
        url,
        {"organisations": [alices.partner_org.pk], "decisions": [{"text": "偷偷加一条"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["organisations"] == [alices.partner_org.pk]
    assert [d["text"] for d in response.json()["decisions"]] == ["建立联盟微信群"]
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.meeting.pk))
    assert record.before == {"organisations": sorted([alices.organisation.pk, alices.partner_org.pk])}
    assert record.after == {"organisations": [alices.partner_org.pk]}


def test_a_meeting_more_than_a_year_ahead_is_a_400(alices: Records, alice_client: Client) -> None:
    held_at = (timezone.now() + dt.timedelta(days=400)).isoformat()
    body = {"title": "远期会议", "kind": "joint", "held_at": held_at}
    response = alice_client.post(reverse("api:meeting-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["held_at"]
    assert Meeting.objects.all_tenants().count() == 1


def test_an_agreement_ending_before_it_was_signed_is_a_400(alices: Records, alice_client: Client) -> None:
    url = reverse("api:agreement-detail", args=[alices.agreement.pk])
    response = alice_client.patch(url, {"valid_until": "2020-02-01"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["valid_until"]


def test_lists_filter_by_type_programme_dates_and_search(
    alices: Records, charlies: Records, alice_client: Client
) -> None:
    def ids(name: str, query: dict[str, str]) -> list[int]:
        response = alice_client.get(reverse(name), query)
        assert response.status_code == 200, response.json()
        return sorted(row["id"] for row in response.json()["results"])

    assert ids("api:organisation-list", {"kind": "government"}) == [alices.organisation.pk]
    assert ids("api:organisation-list", {"programme": "alliance", "search": "水务"}) == [alices.partner_org.pk]
    assert ids("api:person-list", {"organisation": str(alices.organisation.pk)}) == [alices.person.pk]
    assert ids("api:agreement-list", {"signed_after": "2020-01-01"}) == [alices.agreement.pk]
    assert ids("api:meeting-list", {"kind": "symposium", "held_before": "2020-01-15"}) == [alices.meeting.pk]
    assert ids("api:meeting-list", {"held_after": "2020-01-16"}) == []


def test_a_bad_filter_value_is_a_400(alices: Records, alice_client: Client) -> None:
    response = alice_client.get(reverse("api:meeting-list"), {"held_after": "soon"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["held_after"]


def test_a_filter_on_another_tenants_organisation_is_a_400(
    alices: Records, charlies: Records, alice_client: Client
) -> None:
    response = alice_client.get(reverse("api:person-list"), {"organisation": str(charlies.organisation.pk)})
    assert response.status_code == 400


# --- the matrix of each endpoint (tests/api_testing): every row carries its relations, so a list
# that read them row by row would cost more queries at 30 rows than at 3 ------------------------------

CONTACT = {"contact_name": ("李四", "李*"), "contact_phone": ("13912345678", "139****5678")}
# 天津市滨海新区新港街道123号 has 15 characters: the first max(15 // 2, 6) = 7 stay, then ****.
PERSON = {
    "name": ("张三", "张*"),
    "phone": ("13812345678", "138****5678"),
    "id_number": (VALID_ID, "110105********002X"),
    "address": ("天津市滨海新区新港街道123号", "天津市滨海新区****"),
}


def organisation(tenant: Tenant, n: int) -> Organisation:
    found = Organisation.objects.create(
        tenant=tenant,
        name=f"城市管理委员会{n}",
        kind=Organisation.Kind.GOVERNMENT,
        contact_name=CONTACT["contact_name"][0],
        contact_phone=CONTACT["contact_phone"][0],
    )
    Need.objects.create(tenant=tenant, organisation=found, programme="alliance", description="诉求无人响应")
    Resource.objects.create(tenant=tenant, organisation=found, programme="alliance", description="网格员队伍")
    return found


def person(tenant: Tenant, n: int) -> Person:
    values = {name: stored for name, (stored, _shown) in PERSON.items()}
    return Person.objects.create(
        tenant=tenant, kind=Person.Kind.OFFICIAL, organisation=organisation(tenant, n), **values
    )


class TestOrganisationEndpoint(EndpointContract):
    basename = "organisation"
    personal = CONTACT

    def make_row(self, world: World, tenant: Tenant, n: int) -> Organisation:
        return organisation(tenant, n)


class TestPersonEndpoint(EndpointContract):
    basename = "person"
    personal = PERSON

    def make_row(self, world: World, tenant: Tenant, n: int) -> Person:
        return person(tenant, n)


class TestAgreementEndpoint(EndpointContract):
    basename = "agreement"

    def make_row(self, world: World, tenant: Tenant, n: int) -> Agreement:
        agreement = Agreement.objects.create(tenant=tenant, title=f"共建协议{n}", signed_on=dt.date(2020, 3, 1))
        agreement.parties.set([organisation(tenant, n)])
        return agreement


class TestMeetingEndpoint(EndpointContract):
    basename = "meeting"

    def make_row(self, world: World, tenant: Tenant, n: int) -> Meeting:
        meeting = Meeting.objects.create(
            tenant=tenant,
            title=f"联席会{n}",
            kind=Meeting.Kind.JOINT,
            held_at=timezone.make_aware(dt.datetime(2021, 5, 6, 9, 30)),
        )
        attendee = person(tenant, n)
        meeting.organisations.set([attendee.organisation])
        meeting.attendees.set([attendee])
        Decision.objects.create(tenant=tenant, meeting=meeting, text="建立联盟微信群")
        return meeting
