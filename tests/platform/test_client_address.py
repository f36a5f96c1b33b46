"""The client's address comes from the configured number of trusted proxies, never from what the
client writes into X-Forwarded-For itself — for the public-form rate limit, the log-in lock-out and
the API throttle alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from alliance.models import DeskRequest
from portal.core.client import client_address
from portal.env import SettingError, env_int
from tests.alliance.conftest import make_alliance
from tests.personas import PASSWORD, World

ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.5"  # the portal's own TLS proxy, as the web process sees it


def address(settings: Any, trusted: int, forwarded: str | None) -> str:
    settings.TRUSTED_PROXY_COUNT = trusted
    extra: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra))


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        # No proxy trusted: the peer is the client, whatever the header claims.
        (0, "203.0.113.7", PROXY),
        (0, None, PROXY),
        # One proxy: it appended the address it saw; the spoofed entry on the left is ignored.
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6,203.0.113.7", "203.0.113.7"),
        # Two proxies (a load balancer, then the TLS proxy): the second from the right.
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Fewer entries than proxies: the request bypassed one of them, the header is not ours.
        (1, None, PROXY),
        (2, "203.0.113.7", PROXY),
        # A proxy that writes something other than an address: nothing to believe.
        (1, "6.6.6.6, unknown", PROXY),
    ],
)
def test_the_client_is_the_address_the_outermost_trusted_proxy_recorded(
    settings: Any, trusted: int, forwarded: str | None, expected: str
) -> None:
    assert address(settings, trusted, forwarded) == expected


def test_a_negative_proxy_count_stops_start_up_with_the_variables_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_TRUSTED_PROXY_COUNT", "-1")
    with pytest.raises(SettingError, match="PORTAL_TRUSTED_PROXY_COUNT must be at least 0"):
        env_int("PORTAL_TRUSTED_PROXY_COUNT", 0, minimum=0)


# --- what the rule protects ------------------------------------------------------------------------


@pytest.fixture
def behind_one_proxy(settings: Any) -> None:
    """The docker-compose deployment: TLS at the host's proxy, which appends to X-Forwarded-For."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 1


def forwarded_for(client_ip: str, spoofed: str) -> dict[str, Any]:  # extra WSGI environ for the test client
    """What the proxy passes on: the client's own header, with the address it saw appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{spoofed}, {client_ip}"}


def test_a_flood_that_changes_its_forwarded_for_header_is_still_refused(
    world: World, behind_one_proxy: None, settings: Any
) -> None:
    settings.PUBLIC_FORM_RATE = "2/day"  # a fixed window: a day makes a boundary mid-test unlikely
    alliance = make_alliance(world.binhai)
    url = reverse("alliance:public-form", kwargs={"key": alliance.dandong.public_key})
    form = {
        "service_type": alliance.water_outage.pk,
        "description": "停水了",
        "address": "丹东里3号楼",
        "requester_phone": "13912345678",
        "file_anyway": "1",
    }
    client = Client()
    statuses = [client.post(url, form, **forwarded_for("203.0.113.7", f"198.51.100.{n}")).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    # A neighbour behind the same proxy has a budget of her own.
    assert client.post(url, form, **forwarded_for("203.0.113.8", "198.51.100.1")).status_code == 302
    assert DeskRequest.objects.all_tenants().filter(place=alliance.dandong).count() == 3


def test_the_login_lock_out_counts_the_real_client_not_the_proxy_or_the_claim(
    world: World, behind_one_proxy: None
) -> None:
    attacker, colleague = "203.0.113.7", "203.0.113.8"
    for n in range(5):
        Client().post(
            reverse("accounts:login"),
            {"username": "alice", "password": "wrong-password"},
            **forwarded_for(attacker, f"198.51.100.{n}"),
        )
    # Locked out from the attacker's address, whatever the header claims next …
    again = Client().post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}, **forwarded_for(attacker, "192.0.2.1")
    )
    assert again.status_code == 429
    # … while Alice, at her own desk behind the same proxy, still logs in.
    desk = Client().post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}, **forwarded_for(colleague, attacker)
    )
    assert desk.status_code == 302


def test_the_api_throttle_of_callers_without_a_key_ignores_the_forwarded_claim(
    world: World, behind_one_proxy: None, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_client": "2/minute"}}
    client = APIClient()
    statuses = [
        client.get("/api/v1/schema/", **forwarded_for("203.0.113.7", f"198.51.100.{n}")).status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]


# --- the image --------------------------------------------------------------------------------------


def test_the_image_does_not_let_every_caller_speak_for_the_proxy() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    command = dockerfile[dockerfile.index("CMD [") :]
    assert re.search(r'"--forwarded-allow-ips",\s*"\*"', command) is None
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "PORTAL_TRUSTED_PROXY_COUNT: ${PORTAL_TRUSTED_PROXY_COUNT:-1}" in compose
    assert "FORWARDED_ALLOW_IPS: ${FORWARDED_ALLOW_IPS:-172.16.0.0/12}" in compose
