"""Activities: the list with its filters and totals row, audited create and edit, the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.activities.models import Activity
from portal.audit.models import ChangeRecord
from tests.personas import World
from tests.stakeholders.records import Records


def _data(records: Records, **change: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "空巢老人结对帮扶",
        "kind": "volunteer",
        "programme": "alliance",
        "start_date": "2021-09-09",
        "end_date": "2021-09-09",
        "place": "新港街道",
        "organiser": records.organisation.pk,
        "partners": [records.partner_org.pk],
        "people_reached": "40",
        "volunteers": "12",
        "materials_handed_out": "0",
        "metrics": '{"elders_paired": 20}',
        "description": "",
    }
    data.update(change)
    return data


@pytest.fixture
def second(alices: Records, world: World) -> Activity:
    """A 2020 publicity activity of Alice's, next to the 2021 cable clean-up (300 / 25 / 120)."""
    return Activity.objects.create(
        tenant=world.binhai,
        title="联络卡入户发放",
        kind=Activity.Kind.PUBLICITY,
        programme="alliance",
        start_date=dt.date(2020, 6, 1),
        people_reached=1500,
        volunteers=10,
        materials_handed_out=1500,
    )


def test_the_totals_row_adds_up_every_matching_activity(
    alices: Records, charlies: Records, second: Activity, alice_client: Client
) -> None:
    totals = alice_client.get(reverse("activities:list")).context["totals"]
    # 300 + 1500 people, 25 + 10 volunteers, 120 + 1500 materials; Charlie's rows are not counted.
    assert totals == {"people_reached": 1800, "volunteers": 35, "materials_handed_out": 1620}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "publicity"}, {"people_reached": 1500, "volunteers": 10, "materials_handed_out": 1500}),
        ({"year": "2021"}, {"people_reached": 300, "volunteers": 25, "materials_handed_out": 120}),
        ({"programme": "charging"}, {"people_reached": 0, "volunteers": 0, "materials_handed_out": 0}),
        ({"search": "线缆"}, {"people_reached": 300, "volunteers": 25, "materials_handed_out": 120}),
    ],
)
def test_the_totals_follow_the_filters(
    alices: Records, second: Activity, alice_client: Client, query: dict[str, str], expected: dict[str, int]
) -> None:
    response = alice_client.get(reverse("activities:list"), query)
    assert response.context["totals"] == expected
    assert f'<td data-label="受众人数" id="total-people">{expected["people_reached"]}</td>' in response.content.decode()


def test_the_organisation_filter_finds_activities_it_organised_or_joined(
    alices: Records, second: Activity, alice_client: Client
) -> None:
    for organisation in (alices.organisation, alices.partner_org):
        rows = alice_client.get(reverse("activities:list"), {"organisation": organisation.pk}).context["object_list"]
        assert [a.title for a in rows] == ["废弃线缆联合清理"]


def test_a_bad_year_is_shown_as_a_filter_error(alices: Records, alice_client: Client) -> None:
    response = alice_client.get(reverse("activities:list"), {"year": "twenty"})
    assert response.context["filter"].errors["year"]


def test_alice_creates_an_activity_and_it_is_recorded(alices: Records, world: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("activities:create"), _data(alices))
    activity = Activity.objects.for_tenant(world.binhai).get(title="空巢老人结对帮扶")
    assert response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert (activity.people_reached, activity.volunteers, activity.metrics) == (40, 12, {"elders_paired": 20})
    records = ChangeRecord.objects.for_tenant(world.binhai).filter(object_id=str(activity.pk)).order_by("id")
    assert [r.action for r in records] == ["create", "update"]
    assert records[1].after == {"partners": [alices.partner_org.pk]}


def test_alices_edit_records_the_figures_before_and_after(alices: Records, world: World, alice_client: Client) -> None:
    data = _data(alices, title="废弃线缆联合清理", start_date="2021-05-10", end_date="2021-05-12", people_reached="320")
    response = alice_client.post(reverse("activities:edit", args=[alices.activity.pk]), data)
    assert response.status_code == 302
    record = ChangeRecord.objects.for_tenant(world.binhai).get(
        object_id=str(alices.activity.pk), action="update", after__has_key="people_reached"
    )
    assert (record.before["people_reached"], record.after["people_reached"]) == (300, 320)
    assert (record.before["metrics"], record.after["metrics"]) == ({"cables_removed": 78}, {"elders_paired": 20})


def test_an_emptied_figures_box_means_no_figures(alices: Records, world: World, alice_client: Client) -> None:
    alice_client.post(reverse("activities:create"), _data(alices, metrics=""))
    assert Activity.objects.for_tenant(world.binhai).get(title="空巢老人结对帮扶").metrics == {}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "题" * 201}, "title"),
        ({"start_date": ""}, "start_date"),
        ({"end_date": "2021-09-08"}, "end_date"),
        ({"people_reached": "-1"}, "people_reached"),
        ({"volunteers": "many"}, "volunteers"),
        ({"metrics": "[1, 2]"}, "metrics"),
        ({"metrics": '{"cables": -3}'}, "metrics"),
        ({"metrics": "{not json"}, "metrics"),
        ({"kind": "party"}, "kind"),
        ({"organiser": "999999"}, "organiser"),
    ],
)
def test_bad_input_on_the_activity_form_is_refused_and_nothing_is_written(
    alices: Records, world: World, alice_client: Client, change: dict[str, object], field: str
) -> None:
    response = alice_client.post(reverse("activities:create"), _data(alices, **change))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Activity.objects.for_tenant(world.binhai).count() == 1
    assert not ChangeRecord.objects.all_tenants().exists()


def test_another_tenants_organisation_as_organiser_or_partner_is_an_invalid_choice(
    alices: Records, charlies: Records, world: World, alice_client: Client
) -> None:
    data = _data(alices, organiser=charlies.organisation.pk, partners=[charlies.partner_org.pk])
    response = alice_client.post(reverse("activities:create"), data)
    assert sorted(response.context["form"].errors) == ["organiser", "partners"]
    assert Activity.objects.for_tenant(world.binhai).count() == 1


def test_the_api_lists_filters_and_writes_activities(alices: Records, world: World, alice_client: Client) -> None:
    listed = alice_client.get(reverse("api:activity-list"), {"year": "2021", "kind": "campaign"}).json()["results"]
    assert [(a["title"], a["people_reached"], a["partners"]) for a in listed] == [
        ("废弃线缆联合清理", 300, [alices.partner_org.pk])
    ]
    body = {
        "title": "校园科普日",
        "kind": "school",
        "start_date": "2021-10-20",
        "partners": [alices.organisation.pk],
        "people_reached": 200,
        "metrics": {"schools": 2},
    }
    created = alice_client.post(reverse("api:activity-list"), body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["partners"] == [alices.organisation.pk]
    activity = Activity.objects.for_tenant(world.binhai).get(title="校园科普日")
    assert list(activity.partners.all()) == [alices.organisation]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "school", "start_date": "2021-10-20"}, "title"),
        ({"title": "x", "kind": "school", "start_date": "20 Oct"}, "start_date"),
        ({"title": "x", "kind": "school", "start_date": "2021-10-20", "end_date": "2021-10-19"}, "end_date"),
        ({"title": "x", "kind": "school", "start_date": "2021-10-20", "volunteers": "lots"}, "volunteers"),
        ({"title": "x", "kind": "school", "start_date": "2021-10-20", "metrics": {"a": 1.5}}, "metrics"),
    ],
)
def test_bad_activity_input_on_the_api_is_a_400_naming_the_field(
    alices: Records, alice_client: Client, body: dict[str, Any], field: str
) -> None:
    response = alice_client.post(reverse("api:activity-list"), body, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert Activity.objects.all_tenants().count() == 1


def test_charlie_and_bob_cannot_change_alices_activity_through_the_api(
    alices: Records, bob_client: Client, charlie_client: Client, charlie_api: APIClient
) -> None:
    url = reverse("api:activity-detail", args=[alices.activity.pk])
    assert charlie_api.get(url).status_code == 404
    assert charlie_client.patch(url, {"volunteers": 1}, content_type="application/json").status_code == 404
    assert bob_client.get(url).json()["volunteers"] == 25
    assert bob_client.patch(url, {"volunteers": 1}, content_type="application/json").status_code == 403
    assert Activity.objects.all_tenants().get(pk=alices.activity.pk).volunteers == 25
