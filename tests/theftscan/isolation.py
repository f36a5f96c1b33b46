"""Theft screening's objects for the isolation walk (tests/test_isolation.py), on the core's Binhai area."""

from __future__ import annotations

import datetime as dt

from portal.meters.models import TransformerArea
from tests.isolation_objects import AliceObjects
from tests.personas import World
from theftscan.models import AreaPeriod, Suspect
from theftscan.services import open_case


def build(world: World, found: AliceObjects) -> None:
    tenant = world.binhai
    area = found.by_model["meters.TransformerArea"]
    assert isinstance(area, TransformerArea)
    period = AreaPeriod.objects.create(
        tenant=tenant,
        area=area,
        start=dt.date(2026, 8, 1),
        end=dt.date(2026, 10, 29),
        supplied_kwh=1000.0,
        sold_kwh=920.0,
        loss_kwh=80.0,
        loss_rate=0.08,
        flagged=True,
    )
    suspect = Suspect.objects.create(
        tenant=tenant, period=period, area=area, meter_no="BH000000001", score=0.9, rank_in_area=1, rank_in_tenant=1
    )
    case, _opened = open_case(suspect, world.alice)
    found.add(period, suspect, case)
    found.explicit.update(
        {
            "theftscan:area": {"pk": area.pk},
            "theftscan:case": {"pk": case.pk},
            "theftscan:open-case": {"pk": suspect.pk},
        }
    )
    found.listing_kwargs.update({"theftscan:export": {"fmt": "csv"}})
