"""The stakeholder API: masking and read logging for partners, audited writes, input rules, filters,
and list queries that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.stakeholders.models import Agreement, Meeting, Organisation, Person
from tests.personas import World
from tests.stakeholders.records import BAD_CHECK_ID, VALID_ID, Records, make_records


def test_a_partner_sees_personal_fields_masked_and_the_read_is_logged(
    alices: Records, world: World, partner_api: APIClient
) -> None:
    url = reverse("api:person-detail", args=[alices.person.pk])
    data = partner_api.get(url).json()
    assert (data["name"], data["phone"], data["id_number"]) == ("张*", "138****5678", "110105********002X")
    assert data["position"] == "科长"  # not personal
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.channel, access.masked, access.object_ids) == ("api", True, [str(alices.person.pk)])
    assert access.actor_label == "区民政局"


def test_alice_sees_personal_fields_in_full_and_the_read_is_logged_unmasked(
    alices: Records, world: World, alice_client: Client
) -> None:
    data = alice_client.get(reverse("api:person-list")).json()["results"]
    assert [(p["name"], p["phone"], p["id_number"]) for p in data] == [("张三", "13812345678", VALID_ID)]
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.actor, access.masked) == (world.alice, False)


def test_a_partner_sees_organisation_contacts_masked(alices: Records, partner_api: APIClient) -> None:
    data = partner_api.get(reverse("api:organisation-detail", args=[alices.organisation.pk])).json()
    assert (data["contact_name"], data["contact_phone"]) == ("李*", "139****5678")
    assert data["needs"] == [
        {"id": alices.need.pk, "programme": "alliance", "description": "老旧小区无物业，诉求无人响应"}
    ]


def test_a_partner_cannot_write(alices: Records, partner_api: APIClient) -> None:
    url = reverse("api:organisation-detail", args=[alices.organisation.pk])
    assert partner_api.patch(url, {"name": "改名"}, format="json").status_code == 403
    assert partner_api.post(reverse("api:organisation-list"), {"name": "新", "kind": "ngo"}).status_code == 403
    assert not ChangeRecord.objects.all_tenants().exists()


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


def _queries_for(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name", ["api:organisation-list", "api:person-list", "api:agreement-list", "api:meeting-list", "api:activity-list"]
)
def test_a_list_costs_the_same_queries_for_3_and_30_rows(world: World, partner_api: APIClient, name: str) -> None:
    make_records(world.binhai, prefix="甲")
    url = reverse(name)
    partner_api.get(url)  # warm the content-type cache
    few = _queries_for(partner_api, url)
    for n in range(9):
        make_records(world.binhai, prefix=f"乙{n}")
    assert len(partner_api.get(url).json()["results"]) in {10, 20}  # one or two rows per record set
    assert _queries_for(partner_api, url) == few
