"""Who reaches what: Charlie (other tenant) finds none of Alice's records, Bob (field staff) reads
but may not write, and nothing is written by a refused request."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from portal.audit.models import ChangeRecord
from portal.stakeholders.models import Decision, Need, Organisation, Resource
from tests.stakeholders.records import Records

# (URL name, the record of Alice's its pk comes from)
PAGES: list[tuple[str, Callable[[Records], int]]] = [
    ("stakeholders:organisation-detail", lambda r: r.organisation.pk),
    ("stakeholders:organisation-edit", lambda r: r.organisation.pk),
    ("stakeholders:person-detail", lambda r: r.person.pk),
    ("stakeholders:person-edit", lambda r: r.person.pk),
    ("stakeholders:agreement-detail", lambda r: r.agreement.pk),
    ("stakeholders:agreement-edit", lambda r: r.agreement.pk),
    ("stakeholders:agreement-document", lambda r: r.agreement.pk),
    ("stakeholders:meeting-detail", lambda r: r.meeting.pk),
    ("stakeholders:meeting-edit", lambda r: r.meeting.pk),
    ("activities:detail", lambda r: r.activity.pk),
    ("activities:edit", lambda r: r.activity.pk),
]
FRAGMENTS: list[tuple[str, Callable[[Records], int], dict[str, str]]] = [
    ("stakeholders:need-add", lambda r: r.organisation.pk, {"need-programme": "core", "need-description": "x"}),
    (
        "stakeholders:resource-add",
        lambda r: r.organisation.pk,
        {"resource-programme": "core", "resource-description": "x"},
    ),
    ("stakeholders:need-remove", lambda r: r.need.pk, {}),
    ("stakeholders:resource-remove", lambda r: r.resource.pk, {}),
    ("stakeholders:decision-add", lambda r: r.meeting.pk, {"text": "x"}),
]
API_DETAILS: list[tuple[str, Callable[[Records], int]]] = [
    ("api:organisation-detail", lambda r: r.organisation.pk),
    ("api:person-detail", lambda r: r.person.pk),
    ("api:agreement-detail", lambda r: r.agreement.pk),
    ("api:meeting-detail", lambda r: r.meeting.pk),
    ("api:activity-detail", lambda r: r.activity.pk),
]
# A list page, and the detail page of Alice's record it must (or, for Charlie, must not) link to.
LISTS: list[tuple[str, str, Callable[[Records], int]]] = [
    ("stakeholders:organisation-list", "stakeholders:organisation-detail", lambda r: r.organisation.pk),
    ("stakeholders:person-list", "stakeholders:person-detail", lambda r: r.person.pk),
    ("stakeholders:agreement-list", "stakeholders:agreement-detail", lambda r: r.agreement.pk),
    ("stakeholders:meeting-list", "stakeholders:meeting-detail", lambda r: r.meeting.pk),
    ("activities:list", "activities:detail", lambda r: r.activity.pk),
]


def _counts() -> tuple[int, int, int, int, int]:
    return (
        Need.objects.all_tenants().count(),
        Resource.objects.all_tenants().count(),
        Decision.objects.all_tenants().count(),
        Organisation.objects.all_tenants().count(),
        ChangeRecord.objects.all_tenants().count(),
    )


@pytest.mark.parametrize(("name", "pk_of"), PAGES, ids=[p[0] for p in PAGES])
def test_charlie_gets_404_for_every_page_of_alices_records(
    alices: Records, charlie_client: Client, name: str, pk_of: Callable[[Records], int]
) -> None:
    url = reverse(name, args=[pk_of(alices)])
    assert charlie_client.get(url).status_code == 404


@pytest.mark.parametrize(("name", "pk_of"), PAGES, ids=[p[0] for p in PAGES])
def test_alice_opens_every_page_of_her_records(
    alices: Records, alice_client: Client, name: str, pk_of: Callable[[Records], int]
) -> None:
    assert alice_client.get(reverse(name, args=[pk_of(alices)])).status_code == 200


@pytest.mark.parametrize(("name", "pk_of", "data"), FRAGMENTS, ids=[f[0] for f in FRAGMENTS])
def test_charlie_gets_404_for_every_fragment_endpoint_and_nothing_changes(
    alices: Records, charlie_client: Client, name: str, pk_of: Callable[[Records], int], data: dict[str, str]
) -> None:
    before = _counts()
    response = charlie_client.post(reverse(name, args=[pk_of(alices)]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert _counts() == before


@pytest.mark.parametrize(("name", "pk_of", "data"), FRAGMENTS, ids=[f[0] for f in FRAGMENTS])
def test_bob_gets_403_for_every_fragment_endpoint_and_nothing_changes(
    alices: Records, bob_client: Client, name: str, pk_of: Callable[[Records], int], data: dict[str, str]
) -> None:
    before = _counts()
    response = bob_client.post(reverse(name, args=[pk_of(alices)]), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(("name", "pk_of"), API_DETAILS, ids=[a[0] for a in API_DETAILS])
def test_charlie_gets_404_for_every_api_detail_of_alices_records(
    alices: Records, charlie_api: Client, charlie_client: Client, name: str, pk_of: Callable[[Records], int]
) -> None:
    url = reverse(name, args=[pk_of(alices)])
    before = _counts()
    # With his partner key (reads only) and with his admin session (reads and writes).
    assert charlie_api.get(url).status_code == 404
    assert charlie_client.get(url).status_code == 404
    patch = charlie_client.patch(url, {"title": "x", "name": "x"}, content_type="application/json")
    assert patch.status_code == 404
    assert charlie_client.delete(url).status_code == 404
    assert _counts() == before


@pytest.mark.parametrize(("name", "detail", "pk_of"), LISTS, ids=[entry[0] for entry in LISTS])
def test_bob_reads_every_list_and_charlie_sees_only_his_own_rows(
    alices: Records,
    charlies: Records,
    bob_client: Client,
    charlie_client: Client,
    name: str,
    detail: str,
    pk_of: Callable[[Records], int],
) -> None:
    alices_link = f'href="{reverse(detail, args=[pk_of(alices)])}"'
    charlies_link = f'href="{reverse(detail, args=[pk_of(charlies)])}"'
    bob_page = bob_client.get(reverse(name)).content.decode()
    charlie_page = charlie_client.get(reverse(name)).content.decode()
    assert alices_link in bob_page
    assert charlies_link not in bob_page
    assert charlies_link in charlie_page
    assert alices_link not in charlie_page


@pytest.mark.parametrize(
    "name",
    [
        "stakeholders:organisation-create",
        "stakeholders:person-create",
        "stakeholders:agreement-create",
        "stakeholders:meeting-create",
        "activities:create",
    ],
)
def test_bob_gets_403_on_every_create_page(alices: Records, bob_client: Client, name: str) -> None:
    assert bob_client.get(reverse(name)).status_code == 403
    before = _counts()
    assert bob_client.post(reverse(name), {"name": "新单位", "title": "新标题"}).status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(("name", "pk_of"), [p for p in PAGES if p[0].endswith("edit")])
def test_bob_gets_403_on_every_edit_page(
    alices: Records, bob_client: Client, name: str, pk_of: Callable[[Records], int]
) -> None:
    url = reverse(name, args=[pk_of(alices)])
    assert bob_client.get(url).status_code == 403
    before = _counts()
    assert bob_client.post(url, {"name": "改名", "title": "改名"}).status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(("name", "pk_of"), [p for p in PAGES if not p[0].endswith("edit")])
def test_bob_reads_every_detail_page(
    alices: Records, bob_client: Client, name: str, pk_of: Callable[[Records], int]
) -> None:
    assert bob_client.get(reverse(name, args=[pk_of(alices)])).status_code == 200


def test_bobs_api_session_reads_but_gets_403_on_writes(alices: Records, bob_client: Client) -> None:
    url = reverse("api:organisation-detail", args=[alices.organisation.pk])
    assert bob_client.get(url).status_code == 200
    before = _counts()
    response = bob_client.patch(url, {"name": "改名"}, content_type="application/json")
    assert response.status_code == 403
    assert bob_client.post(reverse("api:organisation-list"), {"name": "新单位", "kind": "ngo"}).status_code == 403
    assert bob_client.delete(url).status_code == 403
    assert _counts() == before
    assert Organisation.objects.all_tenants().get(pk=alices.organisation.pk).name == "天津市滨海新区城市管理委员会"
