"""Pages of theftscan with the personas: report, export, area curves, opening a case, results, calculator."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from portal.tickets.models import Attachment, Ticket
from tests.personas import World
from tests.theftscan.conftest import flagged_period, top_suspect
from theftscan.models import BillingRule, Case

pytestmark = pytest.mark.django_db


def test_alice_sees_the_report_with_flagged_areas_first(screened: World, alice_client: Client) -> None:
    period = flagged_period(screened)
    response = alice_client.get("/theftscan/report/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "窃电客户行为分析报表" in body
    assert body.index(period.area.code) < body.index("</table>")


def test_the_report_exports_to_csv_and_xlsx_with_one_row_per_area(screened: World, alice_client: Client) -> None:
    csv_body = alice_client.get("/theftscan/report/export.csv").content.decode("utf-8-sig")
    assert csv_body.splitlines()[0].startswith("台区编号,台区名称,供电量（千瓦时）")
    assert len(csv_body.strip().splitlines()) == 1 + 8
    book = load_workbook(io.BytesIO(alice_client.get("/theftscan/report/export.xlsx").content))
    assert book.active.max_row == 1 + 8


def test_an_unknown_export_format_or_window_is_not_found(screened: World, alice_client: Client) -> None:
    assert alice_client.get("/theftscan/report/export.pdf").status_code == 404
    assert alice_client.get("/theftscan/report/?window=2020-01-01_2020-02-01").status_code == 404
    assert alice_client.get("/theftscan/report/?window=garbage").status_code == 404


def test_the_area_page_draws_three_curves_and_ranks_users(screened: World, alice_client: Client) -> None:
    period = flagged_period(screened)
    response = alice_client.get(f"/theftscan/areas/{period.area_id}/")
    body = response.content.decode()
    assert body.count(" data-chart=") == 3
    curves = response.context["curves"]
    assert [c.title for c in curves] == ["台区损失电量", "用户用电量（售电量）", "台区线损率"]
    # One point a day of the 42-day window, in each curve and in its table.
    assert [len(c.option["series"][0]["data"]) for c in curves] == [42, 42, 42]
    assert [len(c.table.rows) for c in curves] == [42, 42, 42]
    assert "派发现场核查" in body


def test_the_heat_map_places_every_screened_area_with_its_band(screened: World, alice_client: Client) -> None:
    period = flagged_period(screened)
    response = alice_client.get("/theftscan/map/")
    chart = response.context["map"]
    heat, areas = chart.layers
    assert (heat.kind, areas.kind) == ("heat", "points")
    # The fixture's 8 areas all have a position: 8 heat cells, 8 dots, nothing unplaced.
    assert (len(heat.data["cells"]), len(areas.data["features"]), chart.unplaced) == (8, 8, 0)
    flagged = next(
        f for f in areas.data["features"] if f["properties"]["href"] == f"/theftscan/areas/{period.area_id}/"
    )
    assert flagged["properties"]["emphasis"] == pytest.approx(period.suspicion)
    body = response.content.decode()
    assert " data-map=" in body
    assert "窃电热力图" in body


def test_charlie_gets_404_for_alices_area_suspect_and_case(
    screened: World, charlie_client: Client, alice_client: Client
) -> None:
    suspect = top_suspect(screened)
    alice_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/")
    case = Case.objects.for_tenant(screened.binhai).get()
    assert charlie_client.get(f"/theftscan/areas/{suspect.area_id}/").status_code == 404
    assert charlie_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/").status_code == 404
    assert charlie_client.get(f"/theftscan/cases/{case.pk}/").status_code == 404
    assert charlie_client.post(f"/theftscan/cases/{case.pk}/", {"result": "normal"}).status_code == 404


def test_bob_opens_an_inspection_once_with_the_evidence_attached(screened: World, bob_client: Client) -> None:
    suspect = top_suspect(screened)
    first = bob_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/")
    again = bob_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/")
    case = Case.objects.for_tenant(screened.binhai).get()
    assert first["Location"] == again["Location"] == f"/theftscan/cases/{case.pk}/"
    ticket = Ticket.objects.for_tenant(screened.binhai).get()
    assert (ticket.kind, ticket.programme, ticket.subject) == ("inspection", "theftscan", suspect)
    attachment = Attachment.objects.for_tenant(screened.binhai).get(ticket=ticket)
    lines = attachment.file.read().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("日期,台区供电量（千瓦时）")
    assert len([line for line in lines if line.startswith("2025-")]) == 42


def test_a_violation_needs_its_type_and_another_tenants_rule_is_refused(screened: World, bob_client: Client) -> None:
    suspect = top_suspect(screened)
    bob_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/")
    case = Case.objects.for_tenant(screened.binhai).get()
    bob_client.get(f"/theftscan/cases/{case.pk}/")  # gives Binhai its default rules
    from theftscan.services import ensure_billing_rules

    ensure_billing_rules(screened.wuqing)
    wuqing_rule = BillingRule.objects.for_tenant(screened.wuqing).get(code="meter_tampering")
    missing = bob_client.post(f"/theftscan/cases/{case.pk}/", {"result": "violation"})
    foreign = bob_client.post(f"/theftscan/cases/{case.pk}/", {"result": "violation", "violation_rule": wuqing_rule.pk})
    assert (missing.status_code, foreign.status_code) == (400, 400)
    case.refresh_from_db()
    assert case.result == "pending"
    rule = BillingRule.objects.for_tenant(screened.binhai).get(code="meter_tampering")
    ok = bob_client.post(
        f"/theftscan/cases/{case.pk}/", {"result": "violation", "violation_rule": rule.pk, "finding": "表箱封印被撬"}
    )
    assert ok.status_code == 302
    case.refresh_from_db()
    assert (case.result, case.violation_rule_id) == ("violation", rule.pk)


def test_the_calculation_is_saved_on_the_case_with_its_article(screened: World, bob_client: Client) -> None:
    suspect = top_suspect(screened)
    bob_client.post(f"/theftscan/suspects/{suspect.pk}/inspect/")
    case = Case.objects.for_tenant(screened.binhai).get()
    bob_client.get(f"/theftscan/cases/{case.pk}/")
    theft = BillingRule.objects.for_tenant(screened.binhai).get(code="theft")
    bad = bob_client.post(
        f"/theftscan/cases/{case.pk}/",
        {"calculate": "1", "rule": theft.pk, "capacity_kva": "-2", "price_yuan_per_kwh": "0.5", "period_unknown": "on"},
    )
    assert bad.status_code == 400
    assert "请输入不小于零的数字" in bad.content.decode()
    response = bob_client.post(
        f"/theftscan/cases/{case.pk}/",
        {
            "calculate": "1",
            "rule": theft.pk,
            "method": "capacity",
            "capacity_kva": "2",
            "price_yuan_per_kwh": "0.4883",
            "period_unknown": "on",
            "user_class": "power",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (str(case.energy_kwh), str(case.back_billed_yuan), str(case.penalty_yuan)) == (
        "4320.00",
        "2109.46",
        "6328.38",
    )
    assert case.calculation["article"] == theft.article
    bob_client.post(f"/theftscan/cases/{case.pk}/", {"result": "theft"})
    index = bob_client.get("/theftscan/").content.decode()
    assert "6328.38" in index


def test_the_standalone_calculator_shows_the_result_and_the_article(screened: World, alice_client: Client) -> None:
    alice_client.get("/theftscan/calculator/")
    rule = BillingRule.objects.for_tenant(screened.binhai).get(code="unauthorised_source")
    body = alice_client.get(f"/theftscan/calculator/?rule={rule.pk}&capacity_kva=20").content.decode()
    assert "10000.00" in body
    assert rule.article in body
    missing = alice_client.get(f"/theftscan/calculator/?rule={rule.pk}")
    assert missing.status_code == 400


def test_partner_cannot_open_inspections_or_run_the_screening(screened: World, client: Client) -> None:
    client.force_login(screened.partner)
    suspect = top_suspect(screened)
    assert client.post(f"/theftscan/suspects/{suspect.pk}/inspect/").status_code == 403
    assert client.post("/theftscan/run/", {"start": "2025-03-01", "end": "2025-04-11"}).status_code == 403


def test_a_bad_run_range_is_refused_and_nothing_is_queued(screened: World, alice_client: Client) -> None:
    from portal.jobs.models import JobRun

    response = alice_client.post("/theftscan/run/", {"start": "2025-03-10", "end": "2025-03-01"})
    assert response.status_code == 400
    assert "结束日期早于开始日期" in response.content.decode()
    assert not JobRun.objects.for_tenant(screened.binhai).exists()


def test_alice_changes_the_rules_and_bad_values_are_refused(
    screened: World, alice_client: Client, bob_client: Client
) -> None:
    bad = alice_client.post(
        "/theftscan/rules/",
        {
            "threshold": "1.5",
            "rise": "0.02",
            "baseline_days": 28,
            "persistence_days": 7,
            "window_days": 90,
            "suspects_per_area": 10,
            "minutes_per_household_check": 20,
        },
    )
    assert bad.status_code == 400
    assert bob_client.post("/theftscan/rules/", {}).status_code == 403
    ok = alice_client.post(
        "/theftscan/rules/",
        {
            "threshold": "0.080",
            "rise": "0.020",
            "baseline_days": 21,
            "persistence_days": 5,
            "window_days": 60,
            "history_days": 120,
            "suspects_per_area": 5,
            "minutes_per_household_check": 30,
        },
    )
    assert ok.status_code == 302
    from theftscan.services import rules_for

    saved = rules_for(screened.binhai)
    assert (str(saved.threshold), saved.history_days) == ("0.080", 120)


def test_the_report_dates_each_flagged_areas_rise_and_says_by_how_much(screened: World, alice_client: Client) -> None:
    from tests.theftscan.conftest import flagged_period

    period = flagged_period(screened)
    assert period.change_day is not None
    assert period.step is not None
    body = alice_client.get("/theftscan/report/", {"flagged": "1"}).content.decode()
    # pct shows a rate as percent with one decimal: a step of 0.0523 reads "+5.2 个百分点".
    assert f"{period.change_day:%Y-%m-%d} (+{period.step * 100:.1f} 个百分点)" in body
