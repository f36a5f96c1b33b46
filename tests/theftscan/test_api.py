"""``/api/v1/theftscan/``: areas and suspects, filters, programme scope, tenant isolation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.personas import World
from tests.theftscan.conftest import END, START, flagged_period, top_suspect

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


def test_charlie_sees_none_of_binhais_results_and_gets_404_for_one(screened: World, charlie_api: APIClient) -> None:
    from portal.api.models import ApiKey

    _key, token = ApiKey.issue(screened.wuqing, "武清区工信局", programmes=["theftscan"])
    charlie_api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert charlie_api.get("/api/v1/theftscan/areas/").json()["results"] == []
    suspect = top_suspect(screened)
    assert charlie_api.get(f"/api/v1/theftscan/suspects/{suspect.pk}/").status_code == 404
    assert charlie_api.get(f"/api/v1/theftscan/areas/{suspect.period_id}/").status_code == 404


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
