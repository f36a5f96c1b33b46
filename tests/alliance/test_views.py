"""Pages: the resident's form (bad input, duplicates, +1), the card, the desk, enterprise profiles,
the programme page, and tenant isolation for every URL with an object."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from alliance import actions, figures, parks
from alliance.demo import load_for as load
from alliance.intake import Intake, file_request
from alliance.models import DeskRequest, EnterpriseProfile, ProfileRead, Project
from portal.stakeholders.models import Organisation
from portal.tickets.models import Ticket
from tests.alliance.conftest import Alliance
from tests.personas import World

pytestmark = pytest.mark.django_db


def form_url(alliance: Alliance) -> str:
    return reverse("alliance:public-form", kwargs={"key": alliance.dandong.public_key})


def good(alliance: Alliance, **changes: str) -> dict[str, Any]:
    data = {"service_type": str(alliance.water_outage.pk), "description": "3号楼没水", "address": "3号楼2单元"}
    data.update(changes)
    return data


def test_a_resident_files_without_logging_in_and_sees_the_status_page(client: Client, alliance: Alliance) -> None:
    response = client.post(form_url(alliance), good(alliance, requester_phone="13800000001", sms_updates="on"))
    assert response.status_code == 302
    filed = DeskRequest.objects.all_tenants().select_related("ticket").get()
    assert response["Location"] == reverse("alliance:public-status", kwargs={"token": filed.token})
    assert filed.ticket.channel == "card_qr"
    assert filed.place == alliance.dandong
    assert (filed.notify_channel, filed.notify_address) == ("sms", "13800000001")
    page = client.get(response["Location"])
    assert filed.ticket.reference in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": "水" * 1001}, "description"),
        ({"description": ""}, "description"),
        ({"address": ""}, "address"),
        ({"service_type": "999999"}, "service_type"),
        ({"service_type": "abc"}, "service_type"),
        ({"requester_phone": "12345"}, "requester_phone"),
        ({"sms_updates": "on"}, "requester_phone"),
    ],
)
def test_bad_input_to_the_public_form_is_answered_clearly(
    client: Client, alliance: Alliance, changes: dict[str, str], field: str
) -> None:
    response = client.post(form_url(alliance), good(alliance, **changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Ticket.objects.all_tenants().count() == 0


def test_another_tenants_service_type_is_not_a_choice_on_the_form(
    client: Client, world: World, alliance: Alliance
) -> None:
    from tests.alliance.conftest import make_alliance

    other = make_alliance(world.wuqing)
    response = client.post(form_url(alliance), good(alliance, service_type=str(other.water_outage.pk)))
    assert response.status_code == 400
    assert Ticket.objects.all_tenants().count() == 0


def test_a_second_report_is_offered_plus_one_instead(client: Client, alliance: Alliance) -> None:
    client.post(form_url(alliance), good(alliance))
    again = client.post(form_url(alliance), good(alliance))
    assert again.status_code == 200
    first = DeskRequest.objects.all_tenants().get()
    assert again.context["duplicates"] == [first]
    plus = reverse("alliance:public-plus-one", kwargs={"key": alliance.dandong.public_key, "token": first.token})
    assert client.post(plus).status_code == 302
    first.refresh_from_db()
    assert first.supporters == 1
    client.post(form_url(alliance), {**good(alliance), "file_anyway": "1"})
    assert DeskRequest.objects.all_tenants().count() == 2


def test_an_unknown_card_key_is_404(client: Client, alliance: Alliance) -> None:
    url = reverse("alliance:public-form", kwargs={"key": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404


def test_the_card_prints_each_utilitys_number_and_an_inline_qr_code(alice_client: Client, alliance: Alliance) -> None:
    page = alice_client.get(reverse("alliance:place-card", args=[alliance.dandong.pk])).content.decode()
    assert "公共服务联络卡" in page
    assert "022-2001" in page
    assert "022-2003" in page
    assert "<svg" in page
    assert "size: A6" in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")


def test_bob_closes_a_request_with_a_canned_note_the_requester_sees(
    bob_client: Client, world: World, alliance: Alliance
) -> None:
    filed = file_request(
        world.binhai, None, Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x")
    )
    url = reverse("alliance:desk-status", args=[filed.pk])
    assert bob_client.post(url, {"to_status": "acknowledged"}).status_code == 302
    bob_client.post(url, {"to_status": "resolved", "note": "已修复", "one_visit": "yes"})
    filed.refresh_from_db()
    assert filed.ticket.status == "resolved"
    assert filed.one_visit is True
    status_page = Client().get(reverse("alliance:public-status", kwargs={"token": filed.token})).content.decode()
    assert "已修复" in status_page


def test_a_move_not_in_the_workflow_is_refused_and_nothing_changes(
    bob_client: Client, world: World, alliance: Alliance
) -> None:
    filed = file_request(
        world.binhai, None, Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x")
    )
    response = bob_client.post(reverse("alliance:desk-status", args=[filed.pk]), {"to_status": "closed"}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]]  # the refusal is shown on the desk page
    filed.ticket.refresh_from_db()
    assert filed.ticket.status == "new"


def test_not_ours_without_a_reason_changes_nothing(bob_client: Client, world: World, alliance: Alliance) -> None:
    filed = file_request(
        world.binhai, None, Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x")
    )
    bob_client.post(reverse("alliance:desk-not-ours", args=[filed.pk]), {"to_member": alliance.power.pk, "reason": ""})
    filed.ticket.refresh_from_db()
    assert filed.ticket.assignee_org == alliance.water.organisation


def test_the_desk_entry_takes_the_callers_number_from_a_pasted_message(
    alice_client: Client, alliance: Alliance
) -> None:
    response = alice_client.post(
        reverse("alliance:desk-new"),
        {
            "service_type": alliance.power_outage.pk,
            "description": "【丹东里居民群】5号楼停电了，电话13912345678",
            "place": alliance.dandong.pk,
            "channel": "wechat",
        },
    )
    assert response.status_code == 302
    ticket = DeskRequest.objects.all_tenants().get().ticket
    assert (ticket.requester_phone, ticket.channel) == ("13912345678", "wechat")


def _profile(world: World, alliance: Alliance) -> EnterpriseProfile:
    org = Organisation.objects.create(tenant=world.binhai, name="中沙石化", kind="enterprise")
    profile = EnterpriseProfile.objects.create(tenant=world.binhai, organisation=org, power_kva=20000)
    profile.authorised_members.set([alliance.power])
    return profile


def test_enterprise_data_is_not_visible_to_an_unauthorised_member(
    bob_client: Client, world: World, alliance: Alliance
) -> None:
    profile = _profile(world, alliance)
    url = reverse("alliance:enterprise-detail", args=[profile.pk])
    alliance.water.staff.add(world.bob)
    assert bob_client.get(url).status_code == 403
    assert ProfileRead.objects.for_tenant(world.binhai).count() == 0
    alliance.power.staff.add(world.bob)
    assert bob_client.get(url).status_code == 200
    read = ProfileRead.objects.for_tenant(world.binhai).get()
    assert (read.user, read.member) == (world.bob, alliance.power)


def test_hookup_savings_come_from_the_demo_templates_and_project(world: World) -> None:
    Organisation.objects.create(tenant=world.binhai, name="中沙石化", kind="enterprise")
    first = load(world.binhai)
    assert first["alliance.ServicePlace"] == 16
    assert load(world.binhai) == {}  # idempotent
    savings = parks.savings([world.binhai])
    # Standard 7+5+5+3+2 = 22 steps, alliance 4+3+3+2+1 = 13; power expected 29 days, done in 9.
    assert (savings.standard_steps, savings.alliance_steps, savings.steps_saved) == (22, 13, 9)
    assert (savings.days_saved, savings.hookups_done) == (20, 1)


def test_a_step_cannot_be_done_twice(world: World) -> None:
    Organisation.objects.create(tenant=world.binhai, name="中沙石化", kind="enterprise")
    load(world.binhai)
    hookup = Project.objects.for_tenant(world.binhai).get().hookups.get()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        parks.complete_step(hookup, hookup.template.steps.first(), date(2020, 7, 20))


def test_the_programme_page_shows_figures_computed_from_data(
    alice_client: Client, world: World, alliance: Alliance
) -> None:
    filed = file_request(
        world.binhai, None, Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x")
    )
    actions.change_status(filed, "acknowledged", world.bob)
    actions.change_status(filed, "resolved", world.bob, "好", one_visit=True)
    page = alice_client.get(reverse("alliance:index"))
    assert page.status_code == 200
    values = {f.indicator.code: f.value for f in page.context["figures"]}
    assert values["alliance.communities_served"] == 1
    assert values["alliance.requests"] == 1
    assert values["alliance.one_visit_rate"] == 100.0
    assert values["alliance.complaints_avoided"] == 1
    member_chart = page.context["member_chart"]
    assert [c.title for c in member_chart.table.columns] == ["成员单位", "已解决（件）", "合计（件）"]
    assert member_chart.table.rows == (("滨海水务公司", 1, 1),)


def test_requests_are_counted_by_weekday_and_hour_of_beijing_time(world: World, alliance: Alliance) -> None:
    beijing = ZoneInfo("Asia/Shanghai")
    for when in (datetime(2026, 11, 2, 8, 15), datetime(2026, 11, 2, 8, 40), datetime(2026, 11, 8, 23, 5)):
        filed = file_request(world.binhai, None, Intake(alliance.gas_leak, "漏气", "hotline", address="x"))
        Ticket.objects.filter(pk=filed.ticket_id).update(created_at=when.replace(tzinfo=beijing))
    counts = figures.filing_counts([world.binhai])
    # Monday 2 November 08:15 and 08:40 (00:15 and 00:40 UTC): Monday's 8 o'clock; Sunday 8 November
    # 23:05 (15:05 UTC): Sunday's 23 o'clock. Nothing else.
    assert (counts[0, 8], counts[6, 23], counts.sum()) == (2, 1, 3)
    assert figures.filing_counts([world.wuqing]).sum() == 0


ObjectUrl = Callable[[World, Alliance], str]


def _desk(world: World, alliance: Alliance) -> DeskRequest:
    return file_request(
        world.binhai, None, Intake(service_type=alliance.water_outage, description="没水", channel="web", address="x")
    )


@pytest.mark.parametrize(
    ("name", "method", "make"),
    [
        ("alliance:place-detail", "get", lambda w, a: a.dandong.pk),
        ("alliance:place-card", "get", lambda w, a: a.dandong.pk),
        ("alliance:desk-detail", "get", lambda w, a: _desk(w, a).pk),
        ("alliance:desk-status", "post", lambda w, a: _desk(w, a).pk),
        ("alliance:desk-not-ours", "post", lambda w, a: _desk(w, a).pk),
        ("alliance:desk-joint-visit", "post", lambda w, a: _desk(w, a).pk),
        ("alliance:desk-plus-one", "post", lambda w, a: _desk(w, a).pk),
        ("alliance:enterprise-detail", "get", lambda w, a: _profile(w, a).pk),
    ],
)
def test_charlie_gets_404_for_alices_objects(
    charlie_client: Client, world: World, alliance: Alliance, name: str, method: str, make: Any
) -> None:
    response = getattr(charlie_client, method)(reverse(name, args=[make(world, alliance)]))
    assert response.status_code == 404


def test_charlie_gets_404_for_alices_project(charlie_client: Client, world: World) -> None:
    Organisation.objects.create(tenant=world.binhai, name="中沙石化", kind="enterprise")
    load(world.binhai)
    project = Project.objects.for_tenant(world.binhai).get()
    assert charlie_client.get(reverse("alliance:project-detail", args=[project.pk])).status_code == 404
    assert charlie_client.post(reverse("alliance:project-step", args=[project.pk])).status_code == 404


def test_list_pages_answer_alice(alice_client: Client, alliance: Alliance) -> None:
    for name in (
        "alliance:desk",
        "alliance:desk-new",
        "alliance:member-list",
        "alliance:place-list",
        "alliance:hookups",
    ):
        assert alice_client.get(reverse(name)).status_code == 200, name
    assert alice_client.get(reverse("alliance:desk") + "?overdue=true&open=true").status_code == 200


def test_a_flood_from_one_device_is_refused_in_chinese_and_files_nothing(
    client: Client, alliance: Alliance, settings: Any
) -> None:
    settings.PUBLIC_FORM_RATE = "2/hour"
    url = reverse("alliance:public-form", kwargs={"key": alliance.dandong.public_key})
    form = {
        "service_type": alliance.water_outage.pk,
        "description": "停水了",
        "address": "丹东里3号楼",
        "requester_phone": "13912345678",
        "file_anyway": "1",
    }
    statuses = [client.post(url, form).status_code for _attempt in range(3)]
    assert statuses[2] == 429
    assert statuses[:2] != [429, 429]
    refused = client.post(url, form)
    assert "提交过于频繁" in refused.content.decode()
    filed = DeskRequest.objects.all_tenants().filter(place=alliance.dandong).count()
    assert filed == sum(1 for status in statuses if status == 302)
