"""Meetings: filters, create with parties and attendees, decisions added inline, follow-up tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.audit.models import ChangeRecord
from portal.stakeholders.models import Decision, Meeting
from portal.tickets.models import Ticket
from tests.personas import World
from tests.stakeholders.records import Records


def _data(records: Records, **change: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "南港工业区报装流程圆桌会议",
        "kind": "round_table",
        "programme": "alliance",
        "held_at": "2021-06-01T14:30",
        "place": "南港工业区管委会",
        "organisations": [records.organisation.pk, records.partner_org.pk],
        "attendees": [records.person.pk],
        "minutes": "各方同意压减报装环节。",
    }
    data.update(change)
    return data


def test_alice_creates_a_meeting_with_parties_and_attendees(
    alices: Records, world: World, alice_client: Client
) -> None:
    response = alice_client.post(reverse("stakeholders:meeting-create"), _data(alices))
    meeting = Meeting.objects.for_tenant(world.binhai).get(title="南港工业区报装流程圆桌会议")
    assert response["Location"] == reverse("stakeholders:meeting-detail", args=[meeting.pk])
    assert timezone.localtime(meeting.held_at).strftime("%Y-%m-%d %H:%M") == "2021-06-01 14:30"
    assert list(meeting.attendees.all()) == [alices.person]
    relations = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(meeting.pk), action="update")
    assert relations.after == {
        "attendees": [alices.person.pk],
        "organisations": sorted([alices.organisation.pk, alices.partner_org.pk]),
    }


def test_a_meeting_a_year_and_more_ahead_is_refused(alices: Records, world: World, alice_client: Client) -> None:
    too_far = (timezone.localtime() + dt.timedelta(days=400)).strftime("%Y-%m-%dT%H:%M")
    response = alice_client.post(reverse("stakeholders:meeting-create"), _data(alices, held_at=too_far))
    assert response.context["form"].errors["held_at"]
    assert Meeting.objects.for_tenant(world.binhai).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "会" * 201}, "title"),
        ({"held_at": "not a date"}, "held_at"),
        ({"held_at": ""}, "held_at"),
        ({"kind": "party"}, "kind"),
        ({"place": "地" * 201}, "place"),
        ({"attendees": ["999999"]}, "attendees"),
    ],
)
def test_bad_input_on_the_meeting_form_is_refused_and_nothing_is_written(
    alices: Records, world: World, alice_client: Client, change: dict[str, object], field: str
) -> None:
    response = alice_client.post(reverse("stakeholders:meeting-create"), _data(alices, **change))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Meeting.objects.for_tenant(world.binhai).count() == 1
    assert not ChangeRecord.objects.all_tenants().exists()


def test_another_tenants_organisation_or_person_is_an_invalid_choice(
    alices: Records, charlies: Records, world: World, alice_client: Client
) -> None:
    data = _data(alices, organisations=[charlies.organisation.pk], attendees=[charlies.person.pk])
    response = alice_client.post(reverse("stakeholders:meeting-create"), data)
    assert sorted(response.context["form"].errors) == ["attendees", "organisations"]
    assert Meeting.objects.for_tenant(world.binhai).count() == 1


def test_the_list_filters_by_type_programme_and_date_range(alices: Records, alice_client: Client) -> None:
    url = reverse("stakeholders:meeting-list")
    link = reverse("stakeholders:meeting-detail", args=[alices.meeting.pk])

    def shown(query: dict[str, str]) -> bool:
        return link in alice_client.get(url, query).content.decode()

    assert shown({"kind": "symposium", "programme": "alliance"})
    assert not shown({"kind": "joint"})
    assert not shown({"programme": "outage"})
    # Held on 2020-01-15 (Shanghai time): the range is inclusive on both ends.
    assert shown({"held_after": "2020-01-15", "held_before": "2020-01-15"})
    assert not shown({"held_after": "2020-01-16"})
    assert not shown({"held_before": "2020-01-14"})


def test_alice_adds_a_decision_inline(alices: Records, world: World, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("stakeholders:decision-add", args=[alices.meeting.pk]),
        {"text": "每月召开一次联席会"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.templates[0].name == "stakeholders/_decisions.html"
    assert list(alices.meeting.decisions.values_list("text", flat=True)) == ["建立联盟微信群", "每月召开一次联席会"]
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.meeting.pk))
    assert record.after == {"decision": {"text": "每月召开一次联席会"}}


@pytest.mark.parametrize("text", ["", "   ", "决" * 501])
def test_a_bad_decision_is_refused_with_the_error_in_the_fragment(
    alices: Records, alice_client: Client, text: str
) -> None:
    response = alice_client.post(
        reverse("stakeholders:decision-add", args=[alices.meeting.pk]), {"text": text}, HTTP_HX_REQUEST="true"
    )
    assert response.context["decision_form"].errors["text"]
    assert Decision.objects.all_tenants().count() == 1


def test_without_htmx_a_decision_redirects_and_a_bad_one_answers_400(alices: Records, alice_client: Client) -> None:
    url = reverse("stakeholders:decision-add", args=[alices.meeting.pk])
    ok = alice_client.post(url, {"text": "建立台账"})
    assert ok["Location"] == reverse("stakeholders:meeting-detail", args=[alices.meeting.pk]) + "#decisions"
    assert alice_client.post(url, {"text": ""}).status_code == 400


def test_the_detail_page_lists_the_meetings_follow_up_tasks_and_offers_a_new_one(
    alices: Records, charlies: Records, world: World, alice_client: Client
) -> None:
    meeting_type = ContentType.objects.get_for_model(Meeting)
    Ticket.objects.create(
        tenant=world.binhai,
        reference="BH-1",
        title="落实联席会决定",
        subject_type=meeting_type,
        subject_id=str(alices.meeting.pk),
    )
    Ticket.objects.create(tenant=world.binhai, reference="BH-2", title="与会议无关的工单")
    # Charlie's ticket about his own meeting with, by chance, the same id text must not show.
    Ticket.objects.create(
        tenant=world.wuqing,
        reference="WQ-1",
        title="武清的后续任务",
        subject_type=meeting_type,
        subject_id=str(alices.meeting.pk),
    )
    response = alice_client.get(reverse("stakeholders:meeting-detail", args=[alices.meeting.pk]))
    assert [t.title for t in response.context["tickets"]] == ["落实联席会决定"]
    page = response.content.decode()
    assert f"{reverse('tickets:create')}?subject=stakeholders.meeting%3A{alices.meeting.pk}" in page
    assert "张三" in page  # attendees
    assert "建立联盟微信群" in page  # decisions
