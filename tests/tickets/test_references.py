"""Ticket references: tenant prefix from the slug, the month in Asia/Shanghai, a per-tenant sequence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.tenancy.models import Tenant
from portal.tickets.references import next_reference, reference_prefix
from portal.tickets.services import create_ticket
from tests.personas import World


@pytest.mark.parametrize(
    ("slug", "prefix"),
    [
        ("binhai", "BH"),
        ("wuqing", "WQ"),
        ("tianjin", "TJ"),
        ("chengnan", "CN"),
        ("jinghai", "JH"),
        ("jizhou", "JZ"),
        ("sgcc", "SGCC"),
        ("energy-services", "ES"),
    ],
)
def test_the_prefix_is_the_initials_of_the_slugs_syllables(slug: str, prefix: str) -> None:
    assert reference_prefix(Tenant(slug=slug, name=slug)) == prefix


def test_references_count_up_per_tenant_and_month(world: World) -> None:
    november = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
    assert next_reference(world.binhai, november) == "BH-202611-0001"
    assert next_reference(world.binhai, november) == "BH-202611-0002"
    assert next_reference(world.wuqing, november) == "WQ-202611-0001"
    assert next_reference(world.binhai, datetime(2026, 12, 1, 2, 0, tzinfo=UTC)) == "BH-202612-0001"
    assert next_reference(world.binhai, november) == "BH-202611-0003"


def test_the_month_is_the_month_in_shanghai(world: World) -> None:
    # 30 Nov 16:30 UTC is already 1 Dec 00:30 in Tianjin.
    assert next_reference(world.binhai, datetime(2026, 11, 30, 16, 30, tzinfo=UTC)) == "BH-202612-0001"
    # 30 Nov 15:30 UTC is 23:30 on 30 Nov in Tianjin.
    assert next_reference(world.binhai, datetime(2026, 11, 30, 15, 30, tzinfo=UTC)) == "BH-202611-0001"


def test_created_tickets_get_consecutive_references(world: World) -> None:
    when = datetime(2026, 11, 3, 8, 50, tzinfo=UTC)
    first = create_ticket(world.binhai, world.alice, title="一", now=when)
    second = create_ticket(world.binhai, world.bob, title="二", now=when)
    assert (first.reference, second.reference) == ("BH-202611-0001", "BH-202611-0002")
