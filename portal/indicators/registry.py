"""Results figures (成效), computed from data, never typed in.

An indicator is a function of a set of tenants that returns a number. Programmes register theirs in
their own ``indicators.py``; the dashboard and the programme pages read them through ``compute``. A
parent tenant (the province, the group) sees the sum over its units where its role grants it: the
caller passes the tenants, the indicator never decides whose rows it may read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from portal.tenancy.models import Tenant

Number = int | float | None
IndicatorFunction = Callable[[Sequence[Tenant]], Number]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    unit: str | Promise
    programme: str
    function: IndicatorFunction


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Number


_REGISTRY: dict[str, Indicator] = {}
_loaded = False


def register_indicator(
    code: str, label: str | Promise, *, unit: str | Promise = "", programme: str = "core"
) -> Callable[[IndicatorFunction], IndicatorFunction]:
    def decorate(function: IndicatorFunction) -> IndicatorFunction:
        _REGISTRY[code] = Indicator(code, label, unit, programme, function)
        return function

    return decorate


def _load() -> None:
    global _loaded
    if not _loaded:
        autodiscover_modules("indicators")
        _loaded = True


def indicators_for(programme: str) -> list[Indicator]:
    _load()
    return [i for i in _REGISTRY.values() if i.programme == programme]


def compute(programme: str, tenants: Sequence[Tenant]) -> list[Figure]:
    return [Figure(indicator, indicator.function(tenants)) for indicator in indicators_for(programme)]


def get_indicator(code: str) -> Indicator:
    _load()
    return _REGISTRY[code]
