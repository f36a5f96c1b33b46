"""Tickets fixtures: Alice's ticket in Binhai, member organisations on both sides of the tenant line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from portal.stakeholders.models import Organisation
from portal.tickets import services
from portal.tickets.models import Ticket
from tests.personas import World


@pytest.fixture(autouse=True)
def _page_test_settings(settings: Any, tmp_path: Path) -> None:
    # Attachments and exports written in-process go to a folder of this test only.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def partner_client(world: World) -> Client:
    client = Client()
    client.force_login(world.partner)
    return client


@pytest.fixture
def binhai_org(world: World) -> Organisation:
    return Organisation.objects.create(tenant=world.binhai, name="新港街道办事处", kind=Organisation.Kind.GOVERNMENT)


@pytest.fixture
def wuqing_org(world: World) -> Organisation:
    return Organisation.objects.create(tenant=world.wuqing, name="武清区城管委", kind=Organisation.Kind.GOVERNMENT)


@pytest.fixture
def alice_ticket(world: World) -> Ticket:
    return services.create_ticket(
        world.binhai,
        world.alice,
        title="小区路灯不亮",
        description="3号楼前路灯连续三晚不亮",
        requester_name="张三丰",
        requester_phone="13812345678",
        address="滨海新区新港街道港福里3号楼",
    )


@pytest.fixture
def charlie_ticket(world: World) -> Ticket:
    return services.create_ticket(world.wuqing, world.charlie, title="武清的工单")
