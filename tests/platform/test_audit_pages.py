"""The audit log pages: changes with filters and their before/after table, and personal-data reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.audit.actions import record_personal_read, save_audited
from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.jobs.models import JobRun
from portal.stakeholders.models import Organisation
from tests.personas import World


@dataclass
class Trail:
    created: ChangeRecord
    updated: ChangeRecord
    charlies: ChangeRecord


@pytest.fixture
def trail(world: World) -> Trail:
    """Alice creates an organisation, Bob changes its contact phone; Charlie works in Wuqing."""
    org = Organisation(
        tenant=world.binhai, name="滨海区民政局", kind="government", contact_name="张三", contact_phone="13812345678"
    )
    save_audited(org, world.alice)
    org.contact_phone = "13900001111"
    save_audited(org, world.bob)
    save_audited(Organisation(tenant=world.wuqing, name="武清区政府", kind="government"), world.charlie)
    records = ChangeRecord.objects.all_tenants()
    return Trail(
        created=records.get(tenant=world.binhai, action="create"),
        updated=records.get(tenant=world.binhai, action="update"),
        charlies=records.get(tenant=world.wuqing),
    )


def listed(client: Client, **params: str) -> list[int]:
    response = client.get(reverse("audit:change-list"), params)
    assert response.status_code == 200
    return [r.pk for r in response.context["object_list"]]


def test_alice_sees_her_tenants_changes_newest_first(trail: Trail, alice_client: Client) -> None:
    assert listed(alice_client) == [trail.updated.pk, trail.created.pk]


def test_charlie_sees_only_his_tenants_changes(trail: Trail, charlie_client: Client) -> None:
    assert listed(charlie_client) == [trail.charlies.pk]


def test_the_list_filters_by_actor(world: World, trail: Trail, alice_client: Client) -> None:
    assert listed(alice_client, actor=str(world.bob.pk)) == [trail.updated.pk]
    assert listed(alice_client, actor=str(world.alice.pk)) == [trail.created.pk]


def test_the_list_filters_by_model(world: World, trail: Trail, alice_client: Client) -> None:
    organisation = ContentType.objects.get_for_model(Organisation)
    user_type = ContentType.objects.get(app_label="accounts", model="user")

    assert listed(alice_client, model=str(organisation.pk)) == [trail.updated.pk, trail.created.pk]
    response = alice_client.get(reverse("audit:change-list"), {"model": str(user_type.pk)})
    assert "model" in response.context["filter_form"].errors


def test_the_list_filters_by_date(trail: Trail, alice_client: Client) -> None:
    today = timezone.localdate()
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)

    assert listed(alice_client, date_from=today.isoformat(), date_to=today.isoformat()) == [
        trail.updated.pk,
        trail.created.pk,
    ]
    assert listed(alice_client, date_from=tomorrow.isoformat()) == []
    assert listed(alice_client, date_to=yesterday.isoformat()) == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-13-45"}, "date_from", "输入一个有效的日期。"),
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to", "结束日期早于开始日期。"),
        ({"actor": "abc"}, "actor", "选择一个有效的选项"),
        ({"model": "x" * 300}, "model", "选择一个有效的选项"),
    ],
)
def test_bad_filters_are_reported_clearly(
    trail: Trail, alice_client: Client, params: dict[str, str], field: str, message: str
) -> None:
    response = alice_client.get(reverse("audit:change-list"), params)

    assert response.status_code == 200
    errors = response.context["filter_form"].errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode()


def test_charlie_cannot_filter_by_alices_colleague(world: World, trail: Trail, charlie_client: Client) -> None:
    response = charlie_client.get(reverse("audit:change-list"), {"actor": str(world.bob.pk)})

    assert "actor" in response.context["filter_form"].errors
    assert [r.pk for r in response.context["object_list"]] == [trail.charlies.pk]


def test_the_detail_shows_the_before_and_after_table(world: World, trail: Trail, alice_client: Client) -> None:
    response = alice_client.get(reverse("audit:change-detail", args=[trail.updated.pk]))

    assert response.status_code == 200
    changed = [(r.field, r.before, r.after) for r in response.context["rows"] if r.changed]
    assert changed == [("contact_phone", "13812345678", "13900001111")]
    page = response.content.decode()
    assert '<tr class="changed" data-field="contact_phone">' in page
    assert '<tr class="unchanged" data-field="name">' in page


def test_viewing_a_diff_of_personal_fields_is_logged(world: World, trail: Trail, alice_client: Client) -> None:
    alice_client.get(reverse("audit:change-detail", args=[trail.updated.pk]))

    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.actor, access.channel, access.masked) == (world.alice, "web", False)
    assert access.object_ids == [trail.updated.object_id]
    assert access.fields == ["contact_name", "contact_phone"]


def test_charlie_gets_404_for_alices_change_record(trail: Trail, charlie_client: Client) -> None:
    assert charlie_client.get(reverse("audit:change-detail", args=[trail.updated.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["audit:change-list", "audit:access-list"])
def test_bob_without_admin_rights_is_refused(trail: Trail, bob_client: Client, url_name: str) -> None:
    assert bob_client.get(reverse(url_name)).status_code == 403


def test_bob_is_refused_a_change_record(trail: Trail, bob_client: Client) -> None:
    assert bob_client.get(reverse("audit:change-detail", args=[trail.updated.pk])).status_code == 403


def test_the_access_log_lists_the_tenants_reads(world: World, alice_client: Client, charlie_client: Client) -> None:
    ours = record_personal_read(
        world.binhai, Organisation, [1, 2], ["contact_name"], actor="API: 区民政局", channel="api", masked=True
    )
    theirs = record_personal_read(
        world.wuqing, Organisation, [3], ["contact_name"], actor=world.charlie, channel="web", masked=False
    )
    assert ours is not None
    assert theirs is not None

    response = alice_client.get(reverse("audit:access-list"))

    assert [a.pk for a in response.context["object_list"]] == [ours.pk]
    assert "API: 区民政局" in response.content.decode()
    assert [a.pk for a in charlie_client.get(reverse("audit:access-list")).context["object_list"]] == [theirs.pk]


# --- starting the purge from the access log page ------------------------------------------------


def test_alice_starts_the_purge_and_follows_it_on_the_job_page(world: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("audit:access-purge"), {"days": "400"})

    run = JobRun.objects.for_tenant(world.binhai).get()
    assert (run.name, run.params, run.requested_by, run.status) == (
        "audit.purge_access_log",
        {"days": 400},
        world.alice,
        "queued",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[run.pk])


def test_the_purge_page_shows_its_form_starting_from_the_deployments_retention(
    settings: Any, world: World, alice_client: Client
) -> None:
    settings.ACCESS_LOG_KEEP_DAYS = 400

    response = alice_client.get(reverse("audit:access-purge"))

    assert response.status_code == 200
    assert response.templates[0].name == "audit/purge_form.html"
    assert 'name="days" value="400"' in response.content.decode()


@pytest.mark.parametrize(
    ("days", "message"),
    [("", "该字段是必填项。"), ("ten", "输入整数。"), ("29", "30"), ("-1", "30"), ("99999", "3650")],
)
def test_a_bad_retention_is_refused_and_no_job_starts(
    world: World, alice_client: Client, days: str, message: str
) -> None:
    response = alice_client.post(reverse("audit:access-purge"), {"days": days})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["days"])
    assert JobRun.objects.all_tenants().count() == 0


def test_bob_cannot_start_the_purge(world: World, bob_client: Client) -> None:
    assert bob_client.post(reverse("audit:access-purge"), {"days": "400"}).status_code == 403
    assert JobRun.objects.all_tenants().count() == 0


def test_charlies_purge_runs_on_his_own_tenant(world: World, charlie_client: Client) -> None:
    charlie_client.post(reverse("audit:access-purge"), {"days": "400"})

    assert JobRun.objects.for_tenant(world.wuqing).count() == 1
    assert JobRun.objects.for_tenant(world.binhai).count() == 0
