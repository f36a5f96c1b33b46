"""The unit administration pages: partner API keys (list, create once, revoke) and members."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from portal.api.models import ApiKey
from tests.conftest import api_client_for_key
from tests.personas import World


def keys_url() -> str:
    return reverse("tenancy:apikey-list")


def create_url() -> str:
    return reverse("tenancy:apikey-create")


def valid_form(**overrides: Any) -> dict[str, Any]:
    return {"name": "区民政局", "programmes": ["alliance"], "days": "90", **overrides}


def test_alice_creates_a_key_and_sees_the_token_once(world: World, alice_client: Client) -> None:
    response = alice_client.post(create_url(), valid_form())

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = ApiKey.objects.for_tenant(world.binhai).get()
    assert (key.name, key.programmes, key.can_see_personal_data) == ("区民政局", ["alliance"], False)
    assert key.created_by == world.alice
    page = response.content.decode()
    token = re.search(r'<code class="token" id="api-token">([^<]+)</code>', page)
    assert token is not None
    assert api_client_for_key(token.group(1)).get("/api/v1/").status_code == 200
    assert token.group(1) not in alice_client.get(keys_url()).content.decode()


def test_the_key_list_shows_the_tenants_keys_only(world: World, alice_client: Client) -> None:
    ApiKey.issue(world.binhai, "区民政局")
    ApiKey.issue(world.wuqing, "武清区政府")

    page = alice_client.get(keys_url()).content.decode()

    assert "区民政局" in page
    assert "武清区政府" not in page


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (valid_form(name=""), "name", "该字段是必填项。"),
        (valid_form(name="长" * 101), "name", "100"),
        (valid_form(days="ten"), "days", "输入整数。"),
        (valid_form(days="0"), "days", "1"),
        (valid_form(days="5000"), "days", "1095"),
        (valid_form(programmes=["fishing"]), "programmes", "fishing"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_written(
    world: World, alice_client: Client, form: dict[str, Any], field: str, message: str
) -> None:
    response = alice_client.post(create_url(), form)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert ApiKey.objects.all_tenants().count() == 0


def test_a_second_active_key_with_the_same_name_is_refused(world: World, alice_client: Client) -> None:
    ApiKey.issue(world.binhai, "区民政局")

    response = alice_client.post(create_url(), valid_form())

    assert response.status_code == 200
    assert "已有名为“区民政局”的有效密钥" in " ".join(response.context["form"].errors["name"])
    assert ApiKey.objects.for_tenant(world.binhai).count() == 1


def test_alice_revokes_a_key_and_it_stops_working(world: World, alice_client: Client) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")

    response = alice_client.post(reverse("tenancy:apikey-revoke", args=[key.pk]))

    assert response.status_code == 302
    assert response["Location"] == keys_url()
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert api_client_for_key(token).get("/api/v1/").status_code == 401


def test_revoking_twice_keeps_the_first_revocation_time(world: World, alice_client: Client) -> None:
    key, _token = ApiKey.issue(world.binhai, "区民政局")
    alice_client.post(reverse("tenancy:apikey-revoke", args=[key.pk]))
    key.refresh_from_db()
    first = key.revoked_at

    alice_client.post(reverse("tenancy:apikey-revoke", args=[key.pk]))

    key.refresh_from_db()
    assert key.revoked_at == first


def test_revoking_needs_a_post(world: World, alice_client: Client) -> None:
    key, _token = ApiKey.issue(world.binhai, "区民政局")

    assert alice_client.get(reverse("tenancy:apikey-revoke", args=[key.pk])).status_code == 405
    key.refresh_from_db()
    assert key.revoked_at is None


def test_charlie_gets_404_for_revoking_alices_key(world: World, charlie_client: Client) -> None:
    key, token = ApiKey.issue(world.binhai, "区民政局")

    response = charlie_client.post(reverse("tenancy:apikey-revoke", args=[key.pk]))

    assert response.status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None
    assert api_client_for_key(token).get("/api/v1/").status_code == 200


def test_a_key_charlie_creates_belongs_to_his_tenant(world: World, charlie_client: Client) -> None:
    charlie_client.post(create_url(), valid_form(name="武清区政府"))

    assert ApiKey.objects.for_tenant(world.wuqing).get().name == "武清区政府"
    assert ApiKey.objects.for_tenant(world.binhai).count() == 0


@pytest.mark.parametrize("url_name", ["tenancy:apikey-list", "tenancy:apikey-create", "tenancy:member-list"])
def test_bob_without_admin_rights_is_refused(world: World, bob_client: Client, url_name: str) -> None:
    assert bob_client.get(reverse(url_name)).status_code == 403


def test_bob_cannot_create_or_revoke_keys(world: World, bob_client: Client) -> None:
    key, _token = ApiKey.issue(world.binhai, "区民政局")

    assert bob_client.post(create_url(), valid_form(name="另一个")).status_code == 403
    assert bob_client.post(reverse("tenancy:apikey-revoke", args=[key.pk])).status_code == 403

    assert ApiKey.objects.for_tenant(world.binhai).filter(revoked_at__isnull=True).count() == 1


def test_anonymous_visitors_are_sent_to_log_in(world: World) -> None:
    response = Client().get(keys_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_member_list_shows_the_tenants_members_and_roles(world: World, alice_client: Client) -> None:
    response = alice_client.get(reverse("tenancy:member-list"))

    assert response.status_code == 200
    rows = [(m.user.username, m.roles) for m in response.context["members"]]
    assert rows == [("alice", ("单位管理员",)), ("bob", ("一线员工",)), ("partner", ("合作方查看者",))]
    assert "charlie" not in response.content.decode()


def test_charlie_sees_only_his_own_members(world: World, charlie_client: Client) -> None:
    response = charlie_client.get(reverse("tenancy:member-list"))

    assert [m.user.username for m in response.context["members"]] == ["charlie"]
