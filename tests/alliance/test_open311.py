"""Open311 GeoReport v2: every endpoint in both formats, every error case, and the round trip
through the desk."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from alliance import actions
from alliance.models import DeskRequest
from portal.api.models import ApiKey
from tests.alliance.conftest import Alliance
from tests.personas import World

pytestmark = [pytest.mark.django_db]
BASE = "/open311/v2"


@pytest.fixture
def token(world: World) -> str:
    _key, plain = ApiKey.issue(world.binhai, "12345便民热线", programmes=["alliance"])
    return plain


def post(client: Client, fmt: str, **data: Any) -> Any:
    return client.post(f"{BASE}/requests.{fmt}", data)


def body(response: Any, fmt: str) -> Any:
    return json.loads(response.content) if fmt == "json" else ET.fromstring(response.content)


def good_request(token: str, **extra: Any) -> dict[str, Any]:
    data = {
        "api_key": token,
        "jurisdiction_id": "binhai",
        "service_code": "water-outage",
        "lat": "39.02",
        "long": "117.65",
        "description": "3号楼停水",
        "attribute[floor]": "3",
        "attribute[scope]": "building",
        "email": "li@example.cn",
        "account_id": "42",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery_lists_the_v2_endpoint(client: Client, fmt: str) -> None:
    response = client.get(f"{BASE}/discovery.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        endpoint = response.json()["endpoints"][0]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2/"
        assert endpoint["formats"] == ["application/json", "text/xml"]
    else:
        root = body(response, fmt)
        assert root.tag == "discovery"
        assert root.findtext("endpoints/endpoint/formats/format") == "application/json"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_lists_the_jurisdictions_types(client: Client, alliance: Alliance, fmt: str) -> None:
    response = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "binhai"})
    assert response.status_code == 200
    if fmt == "json":
        water = next(s for s in response.json() if s["service_code"] == "water-outage")
        assert water == {
            "service_code": "water-outage",
            "service_name": "停水",
            "description": "",
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "供水",
        }
        assert len(response.json()) == 4
    else:
        root = body(response, fmt)
        assert root.tag == "services"
        codes = sorted(s.findtext("service_code") for s in root.findall("service"))
        assert codes == ["gas-leak", "power-outage", "telecom-cable", "water-outage"]
        assert root.find("service[service_code='gas-leak']/metadata").text == "false"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_service_definition_lists_its_attributes(client: Client, alliance: Alliance, fmt: str) -> None:
    response = client.get(f"{BASE}/services/water-outage.{fmt}", {"jurisdiction_id": "binhai"})
    assert response.status_code == 200
    if fmt == "json":
        data = response.json()
        assert data["service_code"] == "water-outage"
        assert [a["code"] for a in data["attributes"]] == ["floor", "scope"]
        assert data["attributes"][0]["datatype"] == "number"
        assert data["attributes"][0]["required"] is True
        assert data["attributes"][1]["values"] == [{"key": "home", "name": "本户"}, {"key": "building", "name": "整栋"}]
    else:
        root = body(response, fmt)
        assert root.tag == "service_definition"
        assert root.findtext("attributes/attribute/code") == "floor"
        assert [v.findtext("key") for v in root.findall("attributes/attribute/values/value")] == ["home", "building"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_posted_request_appears_in_the_desk_and_its_status_change_in_open311(
    client: Client, world: World, alliance: Alliance, token: str, fmt: str
) -> None:
    response = post(client, fmt, **good_request(token))
    assert response.status_code == 201
    if fmt == "json":
        answer = response.json()[0]
        request_id, request_token = answer["service_request_id"], answer["token"]
        assert answer["account_id"] == "42"
    else:
        root = body(response, fmt)
        assert root.tag == "service_requests"
        request_id = root.findtext("request/service_request_id")
        request_token = root.findtext("request/token")
    desk = DeskRequest.objects.for_tenant(world.binhai).select_related("ticket").get()
    assert desk.ticket.reference == request_id
    assert desk.ticket.channel == "open311"
    assert desk.ticket.assignee_org == alliance.water.organisation
    assert desk.attributes == {"floor": 3.0, "scope": "building"}
    assert (desk.notify_channel, desk.notify_address) == ("email", "li@example.cn")

    tok = client.get(f"{BASE}/tokens/{request_token}.{fmt}", {"jurisdiction_id": "binhai"})
    assert tok.status_code == 200
    found = (
        tok.json()[0]["service_request_id"] if fmt == "json" else body(tok, fmt).findtext("request/service_request_id")
    )
    assert found == request_id

    def status() -> tuple[str, str]:
        got = client.get(f"{BASE}/requests/{request_id}.{fmt}", {"jurisdiction_id": "binhai"})
        assert got.status_code == 200
        if fmt == "json":
            row = got.json()[0]
            assert row["requested_datetime"].endswith("+08:00")
            assert row["agency_responsible"] == "滨海水务公司"
            return row["status"], row["status_notes"]
        element = body(got, fmt).find("request")
        assert element is not None
        return element.findtext("status") or "", element.findtext("status_notes") or ""

    assert status() == ("open", "")
    actions.change_status(desk, "acknowledged", world.bob, "已接单")
    assert status() == ("open", "已接单")
    actions.change_status(desk, "resolved", world.bob, "已修复")
    assert status() == ("closed", "已修复")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_requests_filters_by_code_status_and_ids(
    client: Client, world: World, alliance: Alliance, token: str, fmt: str
) -> None:
    first = post(client, "json", **good_request(token)).json()[0]["service_request_id"]
    second = post(
        client,
        "json",
        **good_request(token, service_code="power-outage", address_string="丹东里5号楼", lat="", long=""),
    ).json()[0]["service_request_id"]
    desk = DeskRequest.objects.for_tenant(world.binhai).get(ticket__reference=second)
    actions.change_status(desk, "acknowledged", world.bob)
    actions.change_status(desk, "resolved", world.bob, "好了")

    def ids(**params: str) -> list[str]:
        got = client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": "binhai", **params})
        assert got.status_code == 200
        if fmt == "json":
            return sorted(r["service_request_id"] for r in got.json())
        return sorted(r.findtext("service_request_id") or "" for r in body(got, fmt).findall("request"))

    assert ids() == sorted([first, second])
    assert ids(service_code="power-outage") == [second]
    assert ids(status="open") == [first]
    assert ids(status="closed") == [second]
    assert ids(service_request_id=f"{first},{second}", status="open") == sorted([first, second])
    assert ids(start_date="2020-01-01T00:00:00+08:00", end_date="2020-02-01T00:00:00+08:00") == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"api_key": ""}, 403),
        ({"api_key": "sap_nope_nope"}, 403),
        ({"service_code": ""}, 400),
        ({"service_code": "nope"}, 404),
        ({"lat": "", "long": ""}, 400),
        ({"lat": "north"}, 400),
        ({"lat": "95"}, 400),
        ({"long": ""}, 400),
        ({"attribute[floor]": ""}, 400),
        ({"attribute[floor]": "three"}, 400),
        ({"attribute[scope]": "street"}, 400),
        ({"description": "水" * 1001}, 400),
        ({"address_id": "not-a-place"}, 400),
        ({"jurisdiction_id": "nowhere"}, 404),
        ({"jurisdiction_id": "wuqing"}, 403),
    ],
)
def test_bad_posts_are_answered_with_the_specs_error_list(
    client: Client, world: World, alliance: Alliance, token: str, fmt: str, changes: dict[str, str], status: int
) -> None:
    response = post(client, fmt, **good_request(token, **changes))
    assert response.status_code == status
    if fmt == "json":
        errors = response.json()
        assert errors[0]["code"] == status
        assert errors[0]["description"]
    else:
        root = body(response, fmt)
        assert root.tag == "errors"
        assert root.findtext("error/code") == str(status)
    assert DeskRequest.objects.for_tenant(world.binhai).count() == 0


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_things_are_404_and_missing_jurisdiction_400(client: Client, alliance: Alliance, fmt: str) -> None:
    assert client.get(f"{BASE}/services.{fmt}").status_code == 400
    assert client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "nowhere"}).status_code == 404
    assert client.get(f"{BASE}/services/nope.{fmt}", {"jurisdiction_id": "binhai"}).status_code == 404
    assert client.get(f"{BASE}/requests/BH-202101-9999.{fmt}", {"jurisdiction_id": "binhai"}).status_code == 404
    assert client.get(f"{BASE}/tokens/abc.{fmt}", {"jurisdiction_id": "binhai"}).status_code == 404
    assert client.get(f"{BASE}/requests.{fmt}", {"jurisdiction_id": "binhai", "status": "pending"}).status_code == 400
    long_span = {
        "jurisdiction_id": "binhai",
        "start_date": "2021-01-01T00:00:00+08:00",
        "end_date": "2021-06-01T00:00:00+08:00",
    }
    assert client.get(f"{BASE}/requests.{fmt}", long_span).status_code == 400
    naive = {"jurisdiction_id": "binhai", "start_date": "2021-01-01T00:00:00"}
    assert client.get(f"{BASE}/requests.{fmt}", naive).status_code == 400
    assert client.get(f"{BASE}/nothing.{fmt}").status_code == 404


def test_another_jurisdiction_does_not_see_binhais_requests(
    client: Client, world: World, alliance: Alliance, token: str
) -> None:
    request_id = post(client, "json", **good_request(token)).json()[0]["service_request_id"]
    assert client.get(f"{BASE}/requests/{request_id}.json", {"jurisdiction_id": "wuqing"}).status_code == 404
    assert client.get(f"{BASE}/requests.json", {"jurisdiction_id": "wuqing"}).json() == []


def test_a_key_without_the_alliance_scope_may_not_post(client: Client, world: World, alliance: Alliance) -> None:
    _key, core_only = ApiKey.issue(world.binhai, "只读伙伴")
    assert post(client, "json", **good_request(core_only)).status_code == 403
