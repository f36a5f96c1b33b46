""" "Another tenant's object is a 404, a missing capability a 403" — decided once, in the base view
mixin and the base viewset, in this order: not signed in → log-in (401 on the API); the object is not
in the caller's scope → 404; own tenant but a missing capability → 403.

The low-privilege callers of another tenant are Dave (partner viewer of Wuqing: may only read) and
Erin (a relative in Wuqing: no tenant-wide capability at all). Each route below needs a capability
they lack, so the 404 they get can only come from the scope check that runs first; Binhai's own
partner and relative get 403 on the very same URLs, which proves the capability check is reached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from portal.core.programmes import PROGRAMMES
from portal.tenancy.roles import Role
from tests.conftest import api_client_for_key
from tests.isolation_objects import AliceObjects, make_alice_objects
from tests.personas import World, make_user


@dataclass(frozen=True)
class Case:
    route: str
    method: str
    kwargs: Callable[[AliceObjects], dict[str, Any]]

    def url(self, objects: AliceObjects) -> str:
        return reverse(self.route, kwargs=self.kwargs(objects))

    def send(self, client: Client | APIClient, objects: AliceObjects) -> int:
        response = getattr(client, self.method)(self.url(objects), {})
        return int(response.status_code)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.route}"


def pk_of(label: str) -> Callable[[AliceObjects], dict[str, Any]]:
    return lambda objects: {"pk": objects.by_model[label].pk}


def explicit(route: str) -> Callable[[AliceObjects], dict[str, Any]]:
    return lambda objects: objects.explicit[route]


# Pages and POST-only routes that need more than reading, from every part of the portal.
WRITE_PAGES = [
    Case("tickets:edit", "get", pk_of("tickets.Ticket")),
    Case("tickets:comment", "post", pk_of("tickets.Ticket")),
    Case("stakeholders:organisation-edit", "get", pk_of("stakeholders.Organisation")),
    Case("stakeholders:need-add", "post", pk_of("stakeholders.Organisation")),
    Case("stakeholders:need-remove", "post", pk_of("stakeholders.Need")),
    Case("stakeholders:decision-add", "post", pk_of("stakeholders.Meeting")),
    Case("activities:edit", "get", pk_of("activities.Activity")),
    Case("audit:change-detail", "get", pk_of("audit.ChangeRecord")),
    Case("tenancy:apikey-revoke", "post", explicit("tenancy:apikey-revoke")),
    Case("alliance:desk-status", "post", explicit("alliance:desk-status")),
    Case("alliance:desk-plus-one", "post", explicit("alliance:desk-plus-one")),
    Case("alliance:project-step", "post", explicit("alliance:project-step")),
    Case("theftscan:open-case", "post", explicit("theftscan:open-case")),
    Case("theftscan:case", "post", explicit("theftscan:case")),
    Case("careband:withdraw", "post", explicit("careband:withdraw")),
    Case("careband:pause", "post", explicit("careband:pause")),
    Case("careband:alert-visit", "get", explicit("careband:alert-visit")),
]
# Pages that only read: Erin, without even the capability to read, must not learn they exist either.
READ_PAGES = [
    Case("tickets:detail", "get", pk_of("tickets.Ticket")),
    Case("tickets:attachment-download", "get", explicit("tickets:attachment-download")),
    Case("stakeholders:meeting-detail", "get", pk_of("stakeholders.Meeting")),
    Case("meters:import-file", "get", explicit("meters:import-file")),
    Case("jobs:download", "get", pk_of("jobs.JobRun")),
    Case("alliance:enterprise-detail", "get", explicit("alliance:enterprise-detail")),
    Case("theftscan:area", "get", explicit("theftscan:area")),
    Case("theftscan:case", "get", explicit("theftscan:case")),
    Case("careband:subject", "get", explicit("careband:subject")),
]
API_WRITES = [
    Case("api:organisation-detail", "patch", pk_of("stakeholders.Organisation")),
    Case("api:person-detail", "delete", pk_of("stakeholders.Person")),
    Case("api:activity-detail", "patch", pk_of("activities.Activity")),
    Case("api:ticket-detail", "patch", pk_of("tickets.Ticket")),
    Case("api:ticket-transition", "post", pk_of("tickets.Ticket")),
    Case("api:ticket-comments", "post", pk_of("tickets.Ticket")),
    Case("api:meter-detail", "patch", pk_of("meters.Meter")),
    Case("api:meter-import-detail", "delete", pk_of("meters.ImportBatch")),
    Case("api:theftscan-suspect-detail", "patch", pk_of("theftscan.Suspect")),
]


@pytest.fixture
def objects(world: World) -> AliceObjects:
    return make_alice_objects(world)


def _session(user: Any) -> APIClient:
    client = APIClient()  # an API client posts JSON to the API and form data to pages alike
    client.force_login(user)
    return client


@pytest.fixture
def dave(world: World) -> APIClient:
    """Partner viewer of Wuqing: reads there, writes nowhere."""
    return _session(make_user("dave", world.wuqing, Role.PARTNER_VIEWER))


@pytest.fixture
def erin(world: World) -> APIClient:
    """A relative in Wuqing: no tenant-wide capability, not even reading."""
    return _session(make_user("erin", world.wuqing, Role.RELATIVE))


@pytest.fixture
def binhai_partner(world: World) -> APIClient:
    return _session(world.partner)


@pytest.fixture
def binhai_relative(world: World) -> APIClient:
    return _session(make_user("binhai-relative", world.binhai, Role.RELATIVE))


@pytest.fixture
def wuqing_key(world: World) -> APIClient:
    """A Wuqing partner key allowed every programme, so no programme scope stands in the way."""
    _key, token = ApiKey.issue(world.wuqing, "武清区政府", programmes=[p.code for p in PROGRAMMES])
    return api_client_for_key(token)


@pytest.fixture
def binhai_key(world: World) -> APIClient:
    _key, token = ApiKey.issue(world.binhai, "区民政局", programmes=[p.code for p in PROGRAMMES])
    return api_client_for_key(token)


def answers(client: Client | APIClient, cases: list[Case], objects: AliceObjects) -> dict[str, int]:
    return {str(case): case.send(client, objects) for case in cases}


def test_a_partner_of_another_tenant_gets_404_on_every_page_that_needs_more_than_reading(
    objects: AliceObjects, dave: APIClient
) -> None:
    assert answers(dave, WRITE_PAGES, objects) == {str(case): 404 for case in WRITE_PAGES}


def test_binhais_own_partner_gets_403_on_the_same_pages(objects: AliceObjects, binhai_partner: APIClient) -> None:
    assert answers(binhai_partner, WRITE_PAGES, objects) == {str(case): 403 for case in WRITE_PAGES}


def test_a_relative_of_another_tenant_gets_404_even_on_pages_that_only_read(
    objects: AliceObjects, erin: APIClient
) -> None:
    cases = READ_PAGES + WRITE_PAGES
    assert answers(erin, cases, objects) == {str(case): 404 for case in cases}


def test_binhais_own_relative_gets_403_on_the_read_pages(objects: AliceObjects, binhai_relative: APIClient) -> None:
    assert answers(binhai_relative, READ_PAGES, objects) == {str(case): 403 for case in READ_PAGES}


def test_another_tenants_partner_key_and_session_get_404_on_every_api_write(
    objects: AliceObjects, wuqing_key: APIClient, dave: APIClient
) -> None:
    expected = {str(case): 404 for case in API_WRITES}
    assert answers(wuqing_key, API_WRITES, objects) == expected
    assert answers(dave, API_WRITES, objects) == expected


def test_binhais_own_partner_key_gets_403_on_the_same_api_writes(objects: AliceObjects, binhai_key: APIClient) -> None:
    assert answers(binhai_key, API_WRITES, objects) == {str(case): 403 for case in API_WRITES}


def test_a_malformed_or_unknown_id_is_a_404_for_a_caller_without_the_capability(world: World, dave: APIClient) -> None:
    assert dave.patch("/api/v1/organisations/not-a-number/", {}).status_code == 404
    assert dave.patch("/api/v1/organisations/99999999/", {}).status_code == 404
    assert dave.post(reverse("stakeholders:need-add", kwargs={"pk": 99999999}), {}).status_code == 404


def test_someone_not_signed_in_is_sent_to_log_in_first_and_the_api_answers_401(objects: AliceObjects) -> None:
    anonymous = APIClient()
    page = Case("stakeholders:organisation-edit", "get", pk_of("stakeholders.Organisation"))
    response = anonymous.get(page.url(objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    api = Case("api:organisation-detail", "patch", pk_of("stakeholders.Organisation"))
    assert api.send(anonymous, objects) == 401
