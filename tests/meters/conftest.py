"""Meter-data fixtures: a meter register for Binhai (and one meter for Wuqing), a private store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from portal.meters.models import Meter, TransformerArea
from tests.personas import World

BINHAI_METERS = ["M001", "M002", "M003", "M004", "M005"]
BINHAI_AREAS = ["A01", "A02"]


@pytest.fixture(autouse=True)
def _private_store(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> None:
    # Tests on the real worker share the worker's directories (set by scripts/with-services.sh).
    if request.node.get_closest_marker("worker"):
        return
    settings.METER_STORE_PATH = tmp_path / "store"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.METER_DROP_PATH = tmp_path / "drop"


@pytest.fixture
def register(world: World) -> World:
    """Binhai's meters M001–M005 in areas A01/A02; Wuqing's meter W001."""
    areas = {
        code: TransformerArea.objects.create(tenant=world.binhai, code=code, name=f"台区{code}")
        for code in BINHAI_AREAS
    }
    for number, meter_no in enumerate(BINHAI_METERS):
        Meter.objects.create(
            tenant=world.binhai,
            meter_no=meter_no,
            account_no=f"0101{number:06d}",
            customer_name="王秀英",
            address="天津市滨海新区新港街道幸福里3号楼2门501",
            area=areas["A01" if number < 3 else "A02"],
        )
    Meter.objects.create(tenant=world.wuqing, meter_no="W001", account_no="0202000001")
    return world
