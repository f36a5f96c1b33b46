from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.personas import World
from tests.stakeholders.records import Records, make_records


@pytest.fixture(autouse=True)
def _page_test_settings(settings: Any, tmp_path: Path) -> None:
    # Uploaded agreement documents go to a folder of this test only.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def alices(world: World) -> Records:
    """Binhai's records: Alice manages them, Bob reads them, Charlie must never find them."""
    return make_records(world.binhai)


@pytest.fixture
def charlies(world: World) -> Records:
    return make_records(world.wuqing, prefix="武清")
