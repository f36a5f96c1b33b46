"""The demo data set, one module per implementing unit, in the order of the seed's programme list."""

from __future__ import annotations

from portal.demo.data import binhai
from portal.demo.data.schema import UnitSpec

UNITS: tuple[UnitSpec, ...] = (binhai.UNIT,)
