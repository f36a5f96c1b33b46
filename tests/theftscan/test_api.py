"""``/api/v1/theftscan/``: areas and suspects, filters, programme scope; the endpoint matrix
(tests/api_testing: refused writes, another tenant's 404, query counts)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from portal.meters.models import TransformerArea
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
from tests.personas import World
from tests.theftscan.conftest import END, START, flagged_period, top_suspect
from theftscan.models import AreaPeriod, Suspect

pytestmark = pytest.mark.django_db


def test_a_theftscan_partner_lists_areas_with_loss_figures_and_flag(
    screened: World, theftscan_partner_api: APIClient
) -> None:
    response = theftscan_partner_api.get("/api/v1/theftscan/areas/", {"flagged": "true"})
    assert response.status_code == 200
    rows = response.json()["results"]
    period = flagged_period(screened)
    row = next(r for r in rows if r["area_code"] == period.area.code)
    assert row["flagged"] is True
    assert row["loss_kwh"] == pytest.approx(row["supplied_kwh"] - row["sold_kwh"])
    assert row["flag_reasons"]


def test_suspects_filter_by_area_and_date_range_with_reasons_in_chinese(
    screened: World, theftscan_partner_api: APIClient
) -> None:
    suspect = top_suspect(screened)
    rows = theftscan_partner_api.get(
        "/api/v1/theftscan/suspects/", {"area": suspect.area.code, "start": START.isoformat(), "end": END.isoformat()}
    ).json()["results"]
    assert {r["area_code"] for r in rows} == {suspect.area.code}
    assert rows[0]["rank_in_area"] == 1
    assert any("用电" in line for line in rows[0]["reasons"])
    empty = theftscan_partner_api.get("/api/v1/theftscan/suspects/", {"start": "2026-01-01"}).json()["results"]
    assert empty == []


def test_a_bad_date_filter_is_answered_with_a_clear_error(screened: World, theftscan_partner_api: APIClient) -> None:
    response = theftscan_partner_api.get("/api/v1/theftscan/suspects/", {"start": "yesterday"})
    assert response.status_code == 400
    assert "start" in response.json()["errors"]


def test_a_key_without_the_theftscan_programme_is_refused(screened: World, partner_api: APIClient) -> None:
    assert partner_api.get("/api/v1/theftscan/areas/").status_code == 403


# --- the endpoint matrix ------------------------------------------------------------------------


def area_period(tenant: Tenant, n: int) -> AreaPeriod:
    area = TransformerArea.objects.create(tenant=tenant, code=f"T{n:03d}", name=f"新港{n}号台区")
    # 1000 kWh supplied, 920 sold: 80 kWh (8 %) lost.
    return AreaPeriod.objects.create(
        tenant=tenant, area=area, start=START, end=END, supplied_kwh=1000.0, sold_kwh=920.0, loss_kwh=80.0,
        loss_rate=0.08, flagged=True,
    )  # fmt: skip


class TestAreaPeriodEndpoint(EndpointContract):
    basename = "theftscan-area"
    programme = "theftscan"

    def make_row(self, world: World, tenant: Tenant, n: int) -> AreaPeriod:
        return area_period(tenant, n)


class TestSuspectEndpoint(EndpointContract):
    basename = "theftscan-suspect"
    programme = "theftscan"

    def make_row(self, world: World, tenant: Tenant, n: int) -> Suspect:
        period = area_period(tenant, n)
        return Suspect.objects.create(
            tenant=tenant, period=period, area=period.area, meter_no=f"M{n:03d}", score=0.9, rank_in_area=1,
            rank_in_tenant=n + 1,
        )  # fmt: skip


def test_the_api_gives_each_area_its_step_and_each_suspect_its_start_day(
    screened: World, theftscan_partner_api: APIClient
) -> None:
    period = flagged_period(screened)
    area = next(
        r
        for r in theftscan_partner_api.get("/api/v1/theftscan/areas/", {"flagged": "true"}).json()["results"]
        if r["area_code"] == period.area.code
    )
    assert (area["change_day"], area["step"], area["noise"]) == (
        period.change_day.isoformat() if period.change_day else None,
        period.step,
        period.noise,
    )
    assert area["step"] > 0.01  # the tenant's least step (1 point) was passed
    assert any("线损率上升" in line and "个百分点" in line for line in area["flag_reasons"])
    suspect = top_suspect(screened)
    row = theftscan_partner_api.get("/api/v1/theftscan/suspects/", {"area": suspect.area.code}).json()["results"][0]
    assert suspect.start_day is not None
    assert row["start_day"] == suspect.start_day.isoformat()
