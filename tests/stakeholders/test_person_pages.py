"""People pages: personal data masked for those who may not see it, every read logged, and the
phone and ID number rules on the form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from portal.audit.models import ChangeRecord, PersonalDataAccess
from portal.stakeholders.models import Person
from tests.personas import World
from tests.stakeholders.records import BAD_CHECK_ID, VALID_ID, Records

VALID = {
    "name": "赵六",
    "kind": "grid_worker",
    "organisation": "",
    "position": "网格员",
    "phone": "13698765432",
    "id_number": "440524188001010014",
    "address": "",
    "notes": "",
}


def test_alice_sees_the_person_unmasked_and_the_read_is_logged(
    alices: Records, world: World, alice_client: Client
) -> None:
    url = reverse("stakeholders:person-detail", args=[alices.person.pk])
    page = alice_client.get(url).content.decode()
    assert "张三" in page
    assert "13812345678" in page
    assert VALID_ID in page
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.actor, access.channel, access.masked, access.path) == (world.alice, "web", False, url)
    assert access.object_ids == [str(alices.person.pk)]
    assert access.fields == ["address", "id_number", "name", "phone"]


def test_a_partner_viewer_sees_the_person_masked(alices: Records, world: World, client: Client) -> None:
    client.force_login(world.partner)
    page = client.get(reverse("stakeholders:person-detail", args=[alices.person.pk])).content.decode()
    assert "张*" in page
    assert "138****5678" in page
    assert "110105********002X" in page
    assert "张三" not in page
    assert "13812345678" not in page
    assert VALID_ID not in page
    assert PersonalDataAccess.objects.for_tenant(world.binhai).get().masked is True


def test_the_person_list_masks_for_a_partner_and_logs_the_rows_shown(
    alices: Records, world: World, client: Client
) -> None:
    client.force_login(world.partner)
    page = client.get(reverse("stakeholders:person-list")).content.decode()
    assert "138****5678" in page
    assert "13812345678" not in page
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.object_ids, access.fields, access.masked) == ([str(alices.person.pk)], ["name", "phone"], True)


def test_alice_creates_a_person_with_a_valid_id_number(world: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("stakeholders:person-create"), VALID)
    person = Person.objects.for_tenant(world.binhai).get()
    assert response["Location"] == reverse("stakeholders:person-detail", args=[person.pk])
    assert (person.name, person.id_number, person.phone) == ("赵六", "440524188001010014", "13698765432")


def test_a_lower_case_x_is_stored_upper_case(world: World, alice_client: Client) -> None:
    alice_client.post(reverse("stakeholders:person-create"), {**VALID, "id_number": VALID_ID.lower()})
    assert Person.objects.for_tenant(world.binhai).get().id_number == VALID_ID


def test_alices_edit_of_a_phone_number_records_before_and_after(
    alices: Records, world: World, alice_client: Client
) -> None:
    data = {**VALID, "name": "张三", "organisation": alices.organisation.pk, "phone": "022-23456789"}
    response = alice_client.post(reverse("stakeholders:person-edit", args=[alices.person.pk]), data)
    assert response.status_code == 302
    record = ChangeRecord.objects.for_tenant(world.binhai).get(object_id=str(alices.person.pk))
    assert (record.action, record.actor) == ("update", world.alice)
    # The form posted VALID's kind, position and ID number too; the address and notes stay empty.
    assert record.changed_fields() == ["address", "id_number", "kind", "phone", "position"]
    assert (record.before["phone"], record.after["phone"]) == ("13812345678", "022-23456789")
    assert (record.before["id_number"], record.after["id_number"]) == (VALID_ID, "440524188001010014")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "名" * 61}, "name"),
        ({"phone": "1381234567"}, "phone"),
        ({"phone": "电话"}, "phone"),
        ({"id_number": BAD_CHECK_ID}, "id_number"),
        ({"id_number": "12345"}, "id_number"),
        ({"kind": "alien"}, "kind"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": "999999"}, "organisation"),
    ],
)
def test_bad_input_on_the_person_form_is_refused_and_nothing_is_written(
    world: World, alice_client: Client, change: dict[str, str], field: str
) -> None:
    response = alice_client.post(reverse("stakeholders:person-create"), {**VALID, **change})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Person.objects.all_tenants().exists()
    assert not ChangeRecord.objects.all_tenants().exists()


def test_the_check_digit_error_says_what_is_wrong(world: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("stakeholders:person-create"), {**VALID, "id_number": BAD_CHECK_ID})
    assert response.context["form"].errors["id_number"] == ["身份证号码的校验位不正确。"]


def test_charlie_cannot_attach_his_person_to_alices_organisation(
    alices: Records, world: World, charlie_client: Client
) -> None:
    response = charlie_client.post(
        reverse("stakeholders:person-create"), {**VALID, "organisation": alices.organisation.pk}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation"]
    assert not Person.objects.for_tenant(world.wuqing).exists()
