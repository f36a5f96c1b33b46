"""Pure arithmetic of the calculator: one function per formula kind, Decimal throughout (money).

Every result keeps its steps in words, so the case shows how the figure was reached next to the
article it rests on. Bad input raises ``CalculationError`` with a message per field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
SQRT3 = Decimal("1.7320508")
PHASE_KV = {1: Decimal("0.22"), 3: SQRT3 * Decimal("0.38")}


class CalculationError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Result:
    energy_kwh: Decimal
    back_billed_yuan: Decimal
    penalty_yuan: Decimal
    steps: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "energy_kwh": str(self.energy_kwh),
            "back_billed_yuan": str(self.back_billed_yuan),
            "penalty_yuan": str(self.penalty_yuan),
            "steps": self.steps,
        }


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _number(inputs: Mapping[str, Any], name: str, errors: dict[str, str], *, required: bool = True) -> Decimal | None:
    value = inputs.get(name)
    if value in (None, ""):
        if required:
            errors[name] = _("This value is needed for this rule.")
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        errors[name] = _("Enter a number.")
        return None
    if not number.is_finite() or number < 0:
        errors[name] = _("Enter a number that is not negative.")
        return None
    return number


def _period_days(inputs: Mapping[str, Any], default_days: int, errors: dict[str, str]) -> tuple[Decimal, bool]:
    """Days of the period from its dates, or the rule's default when it cannot be established."""
    start, end = inputs.get("start"), inputs.get("end")
    if start is None and end is None:
        if inputs.get("period_unknown"):
            return Decimal(default_days), True
        errors["start"] = _("Give the first and last day, or tick that the period cannot be established.")
        return Decimal(0), False
    if not isinstance(start, date) or not isinstance(end, date):
        errors["start" if not isinstance(start, date) else "end"] = _("Give both the first and the last day.")
        return Decimal(0), False
    if end < start:
        errors["end"] = _("The last day is before the first day.")
        return Decimal(0), False
    return Decimal((end - start).days + 1), False


def theft(inputs: Mapping[str, Any], params: Mapping[str, Any]) -> Result:
    """Stolen energy = capacity (kVA taken as kW) × hours a day × days; back-billed at the price,
    plus the penalty multiple of it."""
    errors: dict[str, str] = {}
    method = inputs.get("method") or "capacity"
    if method == "capacity":
        kw = _number(inputs, "capacity_kva", errors)
        basis = _("connected capacity {kva} kVA, taken as kW").format(kva=kw)
    elif method == "rated_current":
        current = _number(inputs, "rated_current_a", errors)
        phases = int(inputs.get("phases") or 1)
        ratio = _number(inputs, "ct_ratio", errors, required=False) or Decimal(1)
        if phases not in PHASE_KV:
            errors["phases"] = _("Choose single-phase or three-phase.")
        kw = None if current is None or phases not in PHASE_KV else current * PHASE_KV[phases] * ratio
        basis = _("rated current {a} A × {kv} kV × CT ratio {r}").format(a=current, kv=PHASE_KV.get(phases), r=ratio)
    else:
        errors["method"] = _("Choose how the stolen energy is established.")
        kw, basis = None, ""
    price = _number(inputs, "price_yuan_per_kwh", errors)
    days, default_days = _period_days(inputs, int(params["default_days"]), errors)
    hours = _number(inputs, "hours_per_day", errors, required=False)
    user_class = inputs.get("user_class") or "power"
    if hours is None:
        if user_class not in params["default_hours"]:
            errors["user_class"] = _("Choose power user or lighting user.")
        else:
            hours = Decimal(params["default_hours"][user_class])
    elif hours > 24:
        errors["hours_per_day"] = _("A day has 24 hours.")
    if errors:
        raise CalculationError(errors)
    assert kw is not None
    assert price is not None
    assert hours is not None
    energy = (kw * hours * days).quantize(CENT, rounding=ROUND_HALF_UP)
    back = _money(energy * price)
    multiple = Decimal(str(params["penalty_multiple"]))
    steps = [
        basis,
        _("{days} days{default} × {hours} hours a day").format(
            days=days, default=_(" (default, period unknown)") if default_days else "", hours=hours
        ),
        _("energy {e} kWh × {p} yuan/kWh = {b} yuan back-billed").format(e=energy, p=price, b=back),
        _("penalty {m} × {b} = {x} yuan").format(m=multiple, b=back, x=_money(back * multiple)),
    ]
    return Result(energy, back, _money(back * multiple), steps)


def price_difference(inputs: Mapping[str, Any], params: Mapping[str, Any]) -> Result:
    """Wrong tariff class: the price difference on the energy used, plus a multiple of it."""
    errors: dict[str, str] = {}
    energy = _number(inputs, "energy_kwh", errors)
    difference = _number(inputs, "price_difference", errors)
    if errors:
        raise CalculationError(errors)
    assert energy is not None
    assert difference is not None
    back = _money(energy * difference)
    multiple = Decimal(str(params["penalty_multiple"]))
    steps = [
        _("{e} kWh × price difference {d} yuan/kWh = {b} yuan").format(e=energy, d=difference, b=back),
        _("penalty {m} × {b} = {x} yuan").format(m=multiple, b=back, x=_money(back * multiple)),
    ]
    return Result(energy, back, _money(back * multiple), steps)


def capacity_charge(inputs: Mapping[str, Any], params: Mapping[str, Any]) -> Result:
    """Capacity used without contract: two-part tariff back-bills the basic charge for the months
    and a multiple of it; a single-part tariff pays a fixed amount per kVA."""
    errors: dict[str, str] = {}
    kva = _number(inputs, "capacity_kva", errors)
    tariff = inputs.get("tariff") or "two_part"
    if tariff == "two_part":
        price = _number(inputs, "basic_price_yuan_per_kva_month", errors)
        months = _number(inputs, "months", errors)
        if errors:
            raise CalculationError(errors)
        assert kva is not None
        assert price is not None
        assert months is not None
        back = _money(kva * price * months)
        multiple = Decimal(str(params["penalty_multiple"]))
        steps = [
            _("{k} kVA × {p} yuan/kVA·month × {m} months = {b} yuan basic charge").format(
                k=kva, p=price, m=months, b=back
            ),
            _("penalty {m} × {b} = {x} yuan").format(m=multiple, b=back, x=_money(back * multiple)),
        ]
        return Result(Decimal(0), back, _money(back * multiple), steps)
    if tariff != "single":
        errors["tariff"] = _("Choose the two-part or the single-part tariff.")
    if errors:
        raise CalculationError(errors)
    assert kva is not None
    rate = Decimal(str(params["single_tariff_yuan_per_kva"]))
    penalty = _money(kva * rate)
    return Result(
        Decimal(0), Decimal("0.00"), penalty, [_("{k} kVA × {r} yuan = {x} yuan").format(k=kva, r=rate, x=penalty)]
    )


def per_occasion(inputs: Mapping[str, Any], params: Mapping[str, Any]) -> Result:
    errors: dict[str, str] = {}
    occasions = _number(inputs, "occasions", errors)
    residential = bool(inputs.get("residential"))
    if errors:
        raise CalculationError(errors)
    assert occasions is not None
    amount = Decimal(str(params["residential_yuan" if residential else "other_yuan"]))
    penalty = _money(amount * occasions)
    step = _("{n} occasions × {a} yuan = {x} yuan").format(n=occasions, a=amount, x=penalty)
    return Result(Decimal(0), Decimal("0.00"), penalty, [step])


def per_capacity(inputs: Mapping[str, Any], params: Mapping[str, Any]) -> Result:
    errors: dict[str, str] = {}
    kva = _number(inputs, "capacity_kva", errors)
    if errors:
        raise CalculationError(errors)
    assert kva is not None
    rate = Decimal(str(params["yuan_per_kva"]))
    penalty = _money(kva * rate)
    return Result(
        Decimal(0), Decimal("0.00"), penalty, [_("{k} kVA × {r} yuan = {x} yuan").format(k=kva, r=rate, x=penalty)]
    )


FORMULAS: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], Result]] = {
    "theft": theft,
    "price_difference": price_difference,
    "capacity_charge": capacity_charge,
    "per_occasion": per_occasion,
    "per_capacity": per_capacity,
}


def calculate(formula: str, params: Mapping[str, Any], inputs: Mapping[str, Any]) -> Result:
    if formula not in FORMULAS:
        raise CalculationError({"rule": _("This rule has an unknown formula.")})
    return FORMULAS[formula](inputs, params)
