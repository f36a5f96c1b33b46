"""Logging in (and being locked out), the language switch and the tenant switcher."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from axes.conf import settings as axes_settings
from django.test import Client
from django.urls import reverse

from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from tests.personas import PASSWORD, World, make_user

LOGIN = "/accounts/login/"
ROOT = Path(__file__).resolve().parents[2]


def attempt(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def test_alice_logs_in_with_her_password(world: World) -> None:
    client = Client()

    response = attempt(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")


def test_a_wrong_password_is_answered_in_chinese(world: World) -> None:
    response = attempt(Client(), "alice", "wrong-password")

    assert response.status_code == 200
    assert "用户名或密码错误，请重新输入。" in response.content.decode()


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(world: World) -> None:
    client = Client()
    for _ in range(5):
        attempt(client, "alice", "wrong-password")

    response = attempt(client, "alice", PASSWORD)

    assert response.status_code == axes_settings.AXES_HTTP_RESPONSE_CODE == 429
    page = response.content.decode()
    assert "账户已锁定" in page
    assert "登录失败次数过多" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_username_so_bob_still_logs_in(world: World) -> None:
    client = Client()
    for _ in range(5):
        attempt(client, "alice", "wrong-password")

    assert attempt(client, "bob", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_failure_count(world: World) -> None:
    client = Client()
    for _ in range(4):
        attempt(client, "alice", "wrong-password")
    assert attempt(client, "alice", PASSWORD).status_code == 302
    client.post("/accounts/logout/")

    # Without the reset these would be failures 5 to 8, and the next login would be refused.
    for _ in range(4):
        attempt(client, "alice", "wrong-password")
    response = attempt(client, "alice", PASSWORD)

    assert response.status_code == 302


def test_pages_are_in_chinese_by_default(world: World) -> None:
    page = Client().get(LOGIN).content.decode()

    assert '<html lang="zh-hans">' in page
    assert "<h1>登录</h1>" in page


def test_the_language_switch_turns_the_pages_english(world: World) -> None:
    client = Client()

    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    page = client.get(LOGIN).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Log in</h1>" in page


def test_switching_back_to_chinese(world: World) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": LOGIN})

    assert "<h1>登录</h1>" in client.get(LOGIN).content.decode()


# --- the tenant switcher ------------------------------------------------------------------------


def two_tenant_client(world: World) -> Client:
    """Alice, also given a role in Wuqing."""
    Membership.objects.create(user=world.alice, tenant=world.wuqing, role=Role.ANALYST)
    client = Client()
    client.force_login(world.alice)
    return client


def test_a_user_of_two_tenants_switches_and_the_dashboard_shows_the_chosen_one(world: World) -> None:
    client = two_tenant_client(world)
    assert "<h1>国网天津滨海公司</h1>" in client.get("/").content.decode()  # first by code

    response = client.post(reverse("web:switch-tenant"), {"tenant": "wuqing"})

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    page = client.get("/").content.decode()
    assert "<h1>国网天津武清公司</h1>" in page
    assert 'value="wuqing" selected' in page


def test_switching_to_a_tenant_one_does_not_belong_to_is_404(world: World) -> None:
    client = two_tenant_client(world)

    response = client.post(reverse("web:switch-tenant"), {"tenant": "sgcc"})

    assert response.status_code == 404
    assert "<h1>国网天津滨海公司</h1>" in client.get("/").content.decode()


def test_charlie_cannot_switch_into_alices_tenant(world: World, charlie_client: Client) -> None:
    response = charlie_client.post(reverse("web:switch-tenant"), {"tenant": "binhai"})

    assert response.status_code == 404


def test_switching_tenant_needs_a_post(world: World) -> None:
    client = two_tenant_client(world)

    assert client.get(reverse("web:switch-tenant"), {"tenant": "wuqing"}).status_code == 405


def test_a_user_without_membership_gets_404_on_tenant_pages(world: World) -> None:
    loner = make_user("dora", world.binhai)  # no role anywhere
    client = Client()
    client.force_login(loner)

    for url in ("/", reverse("jobs:list"), reverse("tenancy:apikey-list"), reverse("audit:change-list")):
        assert client.get(url).status_code == 404, url


def test_a_management_command_prints_only_its_own_output(tmp_path: Path) -> None:
    # django-axes logs "AXES: BEGIN version …" on every start unless AXES_VERBOSE is off; nothing
    # else of ours should speak up either. The embedded configuration: no database URL, no Redis.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PORTAL_"))}
    env.update({"DJANGO_DEBUG": "true", "PORTAL_VAR_DIR": str(tmp_path)})

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("System check identified no issues (0 silenced).\n", "")
