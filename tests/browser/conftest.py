from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.personas import PASSWORD, World, make_world


@pytest.fixture
def browser_world(transactional_db: None) -> World:
    """Personas committed to the database, so the live server's thread sees them."""
    return make_world()


def log_in(page: Page, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # The portal follows the browser's language; the staff's browsers ask for Chinese.
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
