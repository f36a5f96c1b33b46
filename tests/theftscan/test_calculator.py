"""Every default rule of 违约用电、窃电处理电费 with a worked example computed by hand, and bad input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from theftscan.calculator.defaults import DEFAULT_RULES
from theftscan.calculator.formulas import CalculationError, Result, calculate


def run(code: str, **inputs: Any) -> Result:
    rule = next(r for r in DEFAULT_RULES if r.code == code)
    return calculate(rule.formula, rule.params, inputs)


def test_theft_by_connected_capacity_with_an_unknown_period_uses_180_days_of_12_hours() -> None:
    # 2 kVA × 12 h × 180 d = 4,320 kWh; × 0.4883 = 2,109.456 → 2,109.46 yuan; penalty × 3 = 6,328.38.
    result = run("theft", method="capacity", capacity_kva="2", price_yuan_per_kwh="0.4883", period_unknown=True)
    assert result.energy_kwh == Decimal("4320.00")
    assert result.back_billed_yuan == Decimal("2109.46")
    assert result.penalty_yuan == Decimal("6328.38")


def test_theft_by_rated_current_of_a_lighting_user_over_known_dates() -> None:
    # 10 A × 0.22 kV = 2.2 kW; 1–30 March = 30 days × 6 h = 396 kWh; × 0.49 = 194.04; × 3 = 582.12.
    result = run(
        "theft",
        method="rated_current",
        rated_current_a="10",
        phases=1,
        user_class="lighting",
        price_yuan_per_kwh="0.49",
        start=date(2025, 3, 1),
        end=date(2025, 3, 30),
    )
    assert result.energy_kwh == Decimal("396.00")
    assert result.back_billed_yuan == Decimal("194.04")
    assert result.penalty_yuan == Decimal("582.12")


def test_theft_by_three_phase_rated_current_through_a_ct_with_actual_hours() -> None:
    # √3 × 0.38 kV × 5 A × CT 20 = 65.8179 kW × 8 h × 10 d = 5,265.43 kWh; × 0.5 = 2,632.72; × 3 = 7,898.16.
    result = run(
        "theft",
        method="rated_current",
        rated_current_a="5",
        phases=3,
        ct_ratio="20",
        hours_per_day="8",
        price_yuan_per_kwh="0.5",
        start=date(2025, 5, 1),
        end=date(2025, 5, 10),
    )
    assert result.energy_kwh == Decimal("5265.43")
    assert result.back_billed_yuan == Decimal("2632.72")
    assert result.penalty_yuan == Decimal("7898.16")


def test_changing_the_tariff_class_back_bills_the_difference_and_twice_it() -> None:
    result = run("class_change", energy_kwh="1200", price_difference="0.3")
    assert (result.back_billed_yuan, result.penalty_yuan) == (Decimal("360.00"), Decimal("720.00"))


def test_over_capacity_on_a_two_part_tariff_back_bills_basic_charge_and_three_times_it() -> None:
    result = run("over_capacity", tariff="two_part", capacity_kva="50", basic_price_yuan_per_kva_month="30", months="2")
    assert (result.back_billed_yuan, result.penalty_yuan) == (Decimal("3000.00"), Decimal("9000.00"))


def test_over_capacity_on_a_single_part_tariff_is_fifty_yuan_a_kva() -> None:
    result = run("over_capacity", tariff="single", capacity_kva="50")
    assert (result.back_billed_yuan, result.penalty_yuan) == (Decimal("0.00"), Decimal("2500.00"))


def test_sealed_equipment_two_part_pays_twice_the_basic_charge() -> None:
    result = run(
        "sealed_equipment", tariff="two_part", capacity_kva="100", basic_price_yuan_per_kva_month="25", months="1"
    )
    assert (result.back_billed_yuan, result.penalty_yuan) == (Decimal("2500.00"), Decimal("5000.00"))


def test_sealed_equipment_of_other_users_is_thirty_yuan_a_kva() -> None:
    assert run("sealed_equipment", tariff="single", capacity_kva="100").penalty_yuan == Decimal("3000.00")


def test_meter_tampering_is_500_for_households_and_5000_for_others_per_occasion() -> None:
    assert run("meter_tampering", occasions="1", residential=True).penalty_yuan == Decimal("500.00")
    assert run("meter_tampering", occasions="2", residential=False).penalty_yuan == Decimal("10000.00")


def test_an_unauthorised_source_is_500_yuan_a_kva() -> None:
    assert run("unauthorised_source", capacity_kva="20").penalty_yuan == Decimal("10000.00")


def test_a_negative_capacity_is_refused_with_a_message_for_that_field() -> None:
    with pytest.raises(CalculationError) as caught:
        run("theft", capacity_kva="-2", price_yuan_per_kwh="0.5", period_unknown=True)
    assert set(caught.value.errors) == {"capacity_kva"}


def test_missing_dates_are_refused_unless_the_period_is_declared_unknown() -> None:
    with pytest.raises(CalculationError) as caught:
        run("theft", capacity_kva="2", price_yuan_per_kwh="0.5")
    assert set(caught.value.errors) == {"start"}


def test_dates_in_the_wrong_order_and_too_many_hours_are_refused() -> None:
    with pytest.raises(CalculationError) as caught:
        run(
            "theft",
            capacity_kva="2",
            price_yuan_per_kwh="0.5",
            hours_per_day="25",
            start=date(2025, 3, 2),
            end=date(2025, 3, 1),
        )
    assert set(caught.value.errors) == {"end", "hours_per_day"}


def test_text_where_a_number_belongs_is_refused() -> None:
    with pytest.raises(CalculationError) as caught:
        run("class_change", energy_kwh="lots", price_difference="0.3")
    assert set(caught.value.errors) == {"energy_kwh"}
