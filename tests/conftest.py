"""Fixtures shared by the whole suite: personas, API clients, the Celery worker, the browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from tests.notifications.gateway import LocalGateway
from tests.personas import World, make_world

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Hashing strength is Django's business, not ours; PBKDF2 would make every persona cost 0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache (Redis under `make test`, shared by the whole run).

    Throttle and rate-limit counters are keyed by ids and addresses that the next test may use
    again; without this, a test passed or failed by the history of the ones before it.
    """
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def _logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(world: World) -> Client:
    return _logged_in(world.alice)


@pytest.fixture
def bob_client(world: World) -> Client:
    return _logged_in(world.bob)


@pytest.fixture
def charlie_client(world: World) -> Client:
    return _logged_in(world.charlie)


def api_client_for_key(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def partner_api(world: World) -> APIClient:
    """A government partner's key on Binhai: masked personal data."""
    _key, token = ApiKey.issue(world.binhai, "区民政局", programmes=["alliance"])
    return api_client_for_key(token)


@pytest.fixture
def charlie_api(world: World) -> APIClient:
    """A key of another tenant (Wuqing)."""
    _key, token = ApiKey.issue(world.wuqing, "武清区政府")
    return api_client_for_key(token)


# --- the message gateways and the real Celery worker -------------------------------------------

# Waits between delivery attempts in the worker: 1 s, 2 s, 4 s … instead of minutes.
WORKER_RETRY_SECONDS = 1
WORKER_GATEWAY_TOKEN = "test-gateway-token"


@pytest.fixture(scope="session")
def notify_gateway() -> Iterator[LocalGateway]:
    """One local HTTP gateway for the session: the worker's SMS and WeChat gateways point at it."""
    gateway = LocalGateway().start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup: None, django_db_blocker: Any, notify_gateway: LocalGateway
) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker process on the real Redis broker, using the test database.

    Tests that need it also need ``transactional_db``: the worker sees only committed rows. Its SMS
    and WeChat gateways are ``notify_gateway`` (paths /sms and /wechat), with short retry waits.
    """
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: run the suite with `make test`")
    env = dict(os.environ)
    database = settings.DATABASES["default"]
    env["DATABASE_URL"] = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    for channel in ("SMS", "WECHAT"):
        env[f"PORTAL_{channel}_GATEWAY_URL"] = f"{notify_gateway.url}/{channel.lower()}"
        env[f"PORTAL_{channel}_GATEWAY_TOKEN"] = WORKER_GATEWAY_TOKEN
    env["PORTAL_NOTIFY_RETRY_SECONDS"] = str(WORKER_RETRY_SECONDS)
    log_path = Path(os.environ.get("PORTAL_VAR_DIR", "/tmp")) / "celery-worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b"ready." in log_path.read_bytes():
            break
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited:\n{log_path.read_text()}")
        time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError(f"Celery worker did not start:\n{log_path.read_text()}")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


# --- the browser --------------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run with ``-p no:playwright`` (a quick run without Chromium), browser journeys are skipped, not broken."""
    if config.pluginmanager.has_plugin("playwright"):
        return
    skip = pytest.mark.skip(reason="the Playwright plugin is disabled")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser; flags that keep it off the closed network."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
