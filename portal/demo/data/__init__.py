"""The demo data set, one module per implementing unit, in the order of the seed's programme list.

A unit's position here is also the digit its fictitious phone numbers carry (``N`` in each module).
"""

from __future__ import annotations

from portal.demo.data import (
    binhai,
    chengnan,
    chengxi,
    energyservices,
    highvoltage,
    jinghai,
    jizhou,
    marketing,
    materials,
    wuqing,
)
from portal.demo.data.schema import UnitSpec

UNITS: tuple[UnitSpec, ...] = (
    binhai.UNIT,
    chengnan.UNIT,
    marketing.UNIT,
    highvoltage.UNIT,
    jizhou.UNIT,
    materials.UNIT,
    energyservices.UNIT,
    jinghai.UNIT,
    chengxi.UNIT,
    wuqing.UNIT,
)
