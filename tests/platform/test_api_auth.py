"""Partner API authentication: every way a key can be wrong answers 401 JSON that says why."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from portal.api.authentication import ApiKeyAuthentication, record_use
from portal.api.models import ApiKey
from portal.api.permissions import IsTenantMember
from portal.audit.masking import mask
from tests.conftest import api_client_for_key
from tests.personas import World

ROOT = "/api/v1/"


def detail_of(response: Any) -> str:
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["detail"]
    return str(body["detail"])


def test_a_valid_key_reaches_the_api(partner_api: APIClient) -> None:
    response = partner_api.get(ROOT)

    assert response.status_code == 200


def test_a_valid_key_records_when_it_was_last_used(world: World) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")

    api_client_for_key(token).get(ROOT)

    key.refresh_from_db()
    assert key.last_used_at is not None


def writes_of_last_used(queries: CaptureQueriesContext) -> int:
    table = ApiKey._meta.db_table
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"'))


def test_two_calls_within_five_minutes_write_last_used_once(world: World) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")
    client = api_client_for_key(token)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(ROOT).status_code == 200
        assert client.get(ROOT).status_code == 200

    assert writes_of_last_used(queries) == 1
    key.refresh_from_db()
    first = key.last_used_at
    assert first is not None

    # Six minutes later (the stored value moved back instead of the clock forward): written again.
    ApiKey.objects.all_tenants().filter(pk=key.pk).update(last_used_at=first - timedelta(minutes=6))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ROOT).status_code == 200

    assert writes_of_last_used(queries) == 1
    key.refresh_from_db()
    assert key.last_used_at is not None
    assert key.last_used_at >= first  # moved on from the six-minutes-old value


def test_last_used_moves_once_per_five_minutes_on_an_explicit_clock(world: World) -> None:
    key, _token = ApiKey.issue(world.binhai, "区民政局")
    t0 = timezone.now()

    written = [
        record_use(key, t0),
        record_use(key, t0 + timedelta(minutes=4, seconds=59)),  # within 5 minutes of t0: no write
        record_use(key, t0 + timedelta(minutes=5, seconds=1)),  # more than 5 minutes after t0: written
    ]

    key.refresh_from_db()
    assert written == [True, False, True]
    assert key.last_used_at == t0 + timedelta(minutes=5, seconds=1)


def test_a_request_without_a_key_gets_401(world: World) -> None:
    response = APIClient().get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "身份认证信息未提供。"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer sap_onlyonepart", "Bearer xyz_abc_def", "Bearer sap__x"])
def test_a_malformed_key_gets_401(world: World, header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "API 密钥格式不正确。"


def test_an_unknown_key_gets_401(world: World) -> None:
    response = api_client_for_key("sap_000000000000_notarealsecret").get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "API 密钥无效。"


def test_a_key_with_the_wrong_secret_gets_401(world: World) -> None:
    _key, token = ApiKey.issue(world.binhai, "区民政局")
    lookup = token.split("_")[1]

    response = api_client_for_key(f"sap_{lookup}_wrongsecret").get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "API 密钥无效。"


def test_an_expired_key_gets_401(world: World) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")
    ApiKey.objects.for_tenant(world.binhai).filter(pk=key.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = api_client_for_key(token).get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "该 API 密钥已过期或已被吊销。"


def test_a_revoked_key_gets_401(world: World) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")
    ApiKey.objects.for_tenant(world.binhai).filter(pk=key.pk).update(revoked_at=timezone.now())

    response = api_client_for_key(token).get(ROOT)

    assert response.status_code == 401
    assert detail_of(response) == "该 API 密钥已过期或已被吊销。"


def test_errors_are_in_english_for_an_english_client(world: World) -> None:
    response = api_client_for_key("sap_000000000000_notarealsecret").get(ROOT, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert detail_of(response) == "Invalid API key."


def test_alice_reaches_the_api_with_her_browser_session(alice_client: Any) -> None:
    assert alice_client.get(ROOT).status_code == 200


# --- programme scopes ---------------------------------------------------------------------------


def authenticated_request(token: str, method: str = "get") -> Request:
    factory = APIRequestFactory()
    django_request = getattr(factory, method)(ROOT, HTTP_AUTHORIZATION=f"Bearer {token}")
    request = Request(django_request, authenticators=[ApiKeyAuthentication()])
    request.user  # noqa: B018 -- runs authentication, which sets the tenant and capabilities
    return request


def view_of(programme: str, action: str = "list") -> SimpleNamespace:
    return SimpleNamespace(programme=programme, action=action)


def test_a_key_scoped_to_alliance_may_read_alliance_and_core_only(world: World) -> None:
    _key, token = ApiKey.issue(world.binhai, "区民政局", programmes=["alliance"])
    request = authenticated_request(token)
    permission = IsTenantMember()

    assert permission.has_permission(request, view_of("alliance")) is True
    assert permission.has_permission(request, view_of("core")) is True
    assert permission.has_permission(request, view_of("charging")) is False
    assert permission.has_permission(request, SimpleNamespace(action="list")) is True  # no programme: core


def test_a_core_only_key_reaches_no_programme(world: World) -> None:
    key, _token = ApiKey.issue(world.binhai, "区民政局")

    assert key.allows_programme("core") is True
    assert [code for code in ("alliance", "charging", "theftscan") if key.allows_programme(code)] == []


def test_a_partner_key_cannot_write_even_in_its_programme(world: World) -> None:
    _key, token = ApiKey.issue(world.binhai, "区民政局", programmes=["alliance"])
    request = authenticated_request(token, "post")

    assert IsTenantMember().has_permission(request, view_of("alliance", "create")) is False


def test_the_key_decides_the_tenant(world: World) -> None:
    _key, token = ApiKey.issue(world.wuqing, "武清区政府")
    request = authenticated_request(token)

    assert request._request.tenant == world.wuqing  # type: ignore[attr-defined]


# --- throttling ---------------------------------------------------------------------------------


def test_a_key_past_its_rate_gets_429_json(world: World, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_client": "3/minute"}}
    _key, token = ApiKey.issue(world.binhai, "区民政局")
    client = api_client_for_key(token)

    statuses = [client.get(ROOT).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get(ROOT)
    assert response.status_code == 429
    assert detail_of(response).startswith("请求已被限流。")
    assert int(response["Retry-After"]) <= 60


def test_each_key_has_its_own_budget(world: World, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_client": "2/minute"}}
    _first, first_token = ApiKey.issue(world.binhai, "区民政局")
    _second, second_token = ApiKey.issue(world.binhai, "区住建委")
    first, second = api_client_for_key(first_token), api_client_for_key(second_token)

    assert [first.get(ROOT).status_code for _ in range(3)] == [200, 200, 429]
    assert second.get(ROOT).status_code == 200


# --- schema and docs ----------------------------------------------------------------------------


def test_the_openapi_schema_loads_without_a_key(world: World) -> None:
    response = APIClient().get("/api/v1/schema/")

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")
    assert b"ApiKey" in response.content


def test_the_docs_load_without_a_key_and_use_no_cdn(world: World) -> None:
    response = APIClient().get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"https?://|//cdn", html) == []
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page loads its scripts and styles from somewhere"
    assert [a for a in assets if not a.startswith("/static/")] == []
    missing = [a for a in assets if finders.find(a.removeprefix("/static/").split("?")[0]) is None]
    assert missing == []


# --- masking ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        ("name", "张三", "张*"),
        ("name", "欧阳娜娜", "欧***"),
        ("name", "王小明", "王**"),
        ("phone", "13812345678", "138****5678"),
        ("phone", "138-1234-5678", "138****5678"),
        ("id_number", "110101199003077777", "110101********7777"),
        ("id_number", "11010119900307777X", "110101********777X"),
        ("name", "", ""),
    ],
)
def test_masking_hides_what_partners_may_not_see(kind: str, value: str, masked: str) -> None:
    assert mask(kind, value) == masked
