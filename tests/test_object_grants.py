"""Per-object exceptions: a user granted ``view`` on one row of another tenant reads that row, and
nothing else of that tenant; the grant never lets them change it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from portal.stakeholders.models import Meeting
from tests.personas import World


def _meeting(world: World, title: str) -> Meeting:
    return Meeting.objects.create(
        tenant=world.binhai,
        title=title,
        kind=Meeting.Kind.JOINT,
        held_at=timezone.make_aware(dt.datetime(2021, 5, 6, 9, 30)),
        place="滨海新区",
    )


@pytest.fixture
def meetings(world: World) -> tuple[Meeting, Meeting]:
    return _meeting(world, "电力设施保护联席会"), _meeting(world, "老旧小区线缆治理联席会")


def test_charlie_reads_the_one_meeting_he_was_granted_and_no_other(
    charlie_client: Client, world: World, meetings: tuple[Meeting, Meeting]
) -> None:
    granted, other = meetings
    detail = "stakeholders:meeting-detail"
    assert charlie_client.get(reverse(detail, args=[granted.pk])).status_code == 404
    assign_perm("stakeholders.view_meeting", world.charlie, granted)
    page = charlie_client.get(reverse(detail, args=[granted.pk]))
    assert page.status_code == 200
    assert "电力设施保护联席会" in page.content.decode()
    assert charlie_client.get(reverse(detail, args=[other.pk])).status_code == 404


def test_a_view_grant_does_not_let_charlie_edit_the_meeting(
    charlie_client: Client, world: World, meetings: tuple[Meeting, Meeting]
) -> None:
    granted, _other = meetings
    assign_perm("stakeholders.view_meeting", world.charlie, granted)
    edit = reverse("stakeholders:meeting-edit", args=[granted.pk])
    assert charlie_client.get(edit).status_code == 404
    assert charlie_client.post(edit, {"title": "改名"}).status_code == 404
    granted.refresh_from_db()
    assert granted.title == "电力设施保护联席会"


def test_the_granted_meeting_appears_in_charlies_meeting_list(
    charlie_client: Client, world: World, meetings: tuple[Meeting, Meeting]
) -> None:
    granted, _other = meetings
    assign_perm("stakeholders.view_meeting", world.charlie, granted)
    listing = charlie_client.get(reverse("stakeholders:meeting-list")).content.decode()
    assert "电力设施保护联席会" in listing
    assert "老旧小区线缆治理联席会" not in listing


def test_the_superuser_grants_a_row_on_its_object_permissions_page_in_the_admin(
    world: World, meetings: tuple[Meeting, Meeting]
) -> None:
    from portal.accounts.models import User

    admin = User.objects.create_superuser("root", password="correct-horse-battery-9")
    client = Client()
    client.force_login(admin)
    granted, _other = meetings
    url = reverse("admin:stakeholders_meeting_permissions", args=[granted.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"user": "charlie", "submit_manage_user": "submit"})
    assert response.status_code == 302  # on to the page that picks the permissions for charlie
