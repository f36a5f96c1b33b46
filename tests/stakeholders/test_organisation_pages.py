"""Organisation pages: filters, the stakeholder analysis with inline needs and resources, and
audited create and edit with their input rules."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.stakeholders.models import Need, Organisation, Resource
from tests.personas import World
from tests.stakeholders.records import Records

VALID = {
    "name": "天津港保税区管委会",
    "short_name": "保税区管委会",
    "kind": "government",
    "programmes": ["alliance", "charging"],
    "district": "滨海新区",
    "address": "天津港保税区海滨九路",
    "latitude": "39.0012",
    "longitude": "117.7234",
    "contact_name": "王五",
    "contact_phone": "022-25761234",
    "description": "",
}


def _organisations(world: World) -> list[str]:
    return sorted(Organisation.objects.for_tenant(world.binhai).values_list("name", flat=True))


def test_the_list_filters_by_type_programme_district_and_search(alices: Records, alice_client: Client) -> None:
    url = reverse("stakeholders:organisation-list")
    water = f'href="{reverse("stakeholders:organisation-detail", args=[alices.partner_org.pk])}"'
    city = f'href="{reverse("stakeholders:organisation-detail", args=[alices.organisation.pk])}"'

    def shown(query: dict[str, str]) -> tuple[bool, bool]:
        page = alice_client.get(url, query).content.decode()
        return city in page, water in page

    assert shown({}) == (True, True)
    assert shown({"kind": "utility_member"}) == (False, True)
    assert shown({"programme": "alliance"}) == (True, True)
    assert shown({"programme": "charging"}) == (False, False)
    assert shown({"district": "滨海"}) == (True, False)
    assert shown({"search": "水务"}) == (False, True)
    # Contacts are searchable by those who may see them: Alice may.
    assert shown({"search": "李四"}) == (True, False)


def test_a_partner_viewer_cannot_find_organisations_by_their_contacts_name(
    alices: Records, world: World, client: Client
) -> None:
    client.force_login(world.partner)
    page = client.get(reverse("stakeholders:organisation-list"), {"search": "李四"}).content.decode()
    assert reverse("stakeholders:organisation-detail", args=[alices.organisation.pk]) not in page


def test_a_bad_filter_value_is_shown_as_an_error_not_a_crash(alices: Records, alice_client: Client) -> None:
    response = alice_client.get(reverse("stakeholders:organisation-list"), {"kind": "spaceship"})
    assert response.status_code == 200
    assert response.context["filter"].errors["kind"]


def test_the_detail_page_shows_the_analysis_grouped_by_programme(alices: Records, alice_client: Client) -> None:
    Need.objects.create(
        tenant=alices.organisation.tenant,
        organisation=alices.organisation,
        programme="charging",
        description="充电桩进小区",
    )
    response = alice_client.get(reverse("stakeholders:organisation-detail", args=[alices.organisation.pk]))
    groups = response.context["analysis"]
    assert [(g.code, [n.description for n in g.needs], [r.description for r in g.resources]) for g in groups] == [
        ("alliance", ["老旧小区无物业，诉求无人响应"], ["街道网格员队伍"]),
        ("charging", ["充电桩进小区"], []),
    ]
    page = response.content.decode()
    assert "废弃线缆联合清理" in page  # the activity it organised
    assert "公共服务联盟共建协议" in page
    assert "联盟成立座谈会" in page


def test_the_detail_page_logs_the_contact_shown_unmasked_to_alice(alices: Records, alice_client: Client) -> None:
    page = alice_client.get(reverse("stakeholders:organisation-detail", args=[alices.organisation.pk])).content.decode()
    assert "13912345678" in page
    access = PersonalDataAccess.objects.for_tenant(alices.organisation.tenant).get(
        content_type=ContentType.objects.get_for_model(Organisation)
    )
    assert (access.channel, access.masked, access.object_ids) == ("web", False, [str(alices.organisation.pk)])
    assert access.fields == ["contact_name", "contact_phone"]


def test_alice_creates_an_organisation_and_the_change_is_recorded(world: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("stakeholders:organisation-create"), VALID)
    created = Organisation.objects.for_tenant(world.binhai).get(name="天津港保税区管委会")
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:organisation-detail", args=[created.pk])
    assert created.programmes == ["alliance", "charging"]
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(created.pk))
    assert (record.action, record.actor, record.after["name"], record.before) == (
        "create",
        world.alice,
        "天津港保税区管委会",
        {},
    )


def test_alices_edit_records_the_before_and_after(alices: Records, world: World, alice_client: Client) -> None:
    data = {**VALID, "name": alices.organisation.name, "contact_phone": "13700001111"}
    response = alice_client.post(reverse("stakeholders:organisation-edit", args=[alices.organisation.pk]), data)
    assert response.status_code == 302
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.organisation.pk), action="update")
    assert record.actor == world.alice
    assert (record.before["contact_phone"], record.after["contact_phone"]) == ("13912345678", "13700001111")
    assert (record.before["contact_name"], record.after["contact_name"]) == ("李四", "王五")
    assert (record.before["programmes"], record.after["programmes"]) == (["alliance"], ["alliance", "charging"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "长" * 121}, "name"),
        ({"kind": "spaceship"}, "kind"),
        ({"programmes": ["nowhere"]}, "programmes"),
        ({"latitude": "91"}, "latitude"),
        ({"longitude": "east"}, "longitude"),
        ({"longitude": ""}, "longitude"),  # latitude without longitude
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"short_name": "短" * 41}, "short_name"),
    ],
)
def test_bad_input_on_the_organisation_form_is_refused_and_nothing_is_written(
    world: World, alice_client: Client, change: dict[str, object], field: str
) -> None:
    response = alice_client.post(reverse("stakeholders:organisation-create"), {**VALID, **change})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _organisations(world) == []
    assert not ChangeRecord.objects.for_tenant(world.binhai).exists()


def test_a_duplicate_name_in_the_same_tenant_is_refused_but_another_tenant_may_use_it(
    alices: Records, world: World, alice_client: Client, charlie_client: Client
) -> None:
    data = {**VALID, "name": alices.organisation.name}
    response = alice_client.post(reverse("stakeholders:organisation-create"), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert _organisations(world).count(alices.organisation.name) == 1
    assert charlie_client.post(reverse("stakeholders:organisation-create"), data).status_code == 302


def test_alice_adds_a_need_inline_and_gets_the_fragment(alices: Records, world: World, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("stakeholders:need-add", args=[alices.organisation.pk]),
        {"need-programme": "alliance", "need-description": "报修渠道不清"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.templates[0].name == "stakeholders/_analysis.html"
    assert "报修渠道不清" in response.content.decode()
    assert list(alices.organisation.needs.values_list("description", flat=True)) == [
        "老旧小区无物业，诉求无人响应",
        "报修渠道不清",
    ]
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.organisation.pk))
    assert record.after == {"need": {"programme": "alliance", "description": "报修渠道不清"}}


def test_without_htmx_adding_a_resource_redirects_to_the_analysis(alices: Records, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("stakeholders:resource-add", args=[alices.organisation.pk]),
        {"resource-programme": "alliance", "resource-description": "城管执法力量"},
    )
    url = reverse("stakeholders:organisation-detail", args=[alices.organisation.pk])
    assert response["Location"] == f"{url}#analysis"
    assert alices.organisation.resources.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("stakeholders:need-add", {"need-programme": "alliance", "need-description": ""}, "description"),
        ("stakeholders:need-add", {"need-programme": "nowhere", "need-description": "x"}, "programme"),
        ("stakeholders:need-add", {"need-programme": "alliance", "need-description": "长" * 301}, "description"),
        ("stakeholders:resource-add", {"resource-programme": "alliance"}, "description"),
    ],
)
def test_a_bad_need_or_resource_is_refused_with_the_error_in_the_fragment(
    alices: Records, alice_client: Client, name: str, data: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse(name, args=[alices.organisation.pk]), data, HTTP_HX_REQUEST="true")
    form = response.context["need_form"] if name == "stakeholders:need-add" else response.context["resource_form"]
    assert list(form.errors) == [field]
    assert 'class="errorlist"' in response.content.decode()
    assert (Need.objects.all_tenants().count(), Resource.objects.all_tenants().count()) == (1, 1)


def test_without_htmx_a_bad_need_shows_the_page_again_with_a_400(alices: Records, alice_client: Client) -> None:
    response = alice_client.post(
        reverse("stakeholders:need-add", args=[alices.organisation.pk]), {"need-programme": "alliance"}
    )
    assert response.status_code == 400
    assert response.context["need_form"].errors["description"]


def test_alice_removes_a_need_and_a_resource(alices: Records, world: World, alice_client: Client) -> None:
    alice_client.post(reverse("stakeholders:need-remove", args=[alices.need.pk]), HTTP_HX_REQUEST="true")
    response = alice_client.post(
        reverse("stakeholders:resource-remove", args=[alices.resource.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "街道网格员队伍" not in response.content.decode()
    assert (alices.organisation.needs.count(), alices.organisation.resources.count()) == (0, 0)
    removed = ChangeRecord.objects.for_tenant(world.binhai).order_by("id")
    assert [r.before for r in removed] == [
        {"need": {"programme": "alliance", "description": "老旧小区无物业，诉求无人响应"}},
        {"resource": {"programme": "alliance", "description": "街道网格员队伍"}},
    ]


def test_removing_needs_only_accepts_post(alices: Records, alice_client: Client) -> None:
    assert alice_client.get(reverse("stakeholders:need-remove", args=[alices.need.pk])).status_code == 405
    assert alices.organisation.needs.count() == 1
