"""The partner API (area-scoped keys; the matrix of the subject and alert endpoints, tests/api_testing)
and bulk enrolment from the civil-affairs list."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careband.enrolment import enrol_file
from careband.models import CareAlert, CareArea, CareKeyScope, CareSubject
from careband.services.alerts import open_alert
from careband.services.areas import grid_path
from careband.services.nightly import run_tenant
from careband.services.subjects import enrol
from portal.api.models import ApiKey
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
from tests.careband.conftest import DAY, Care, with_today, write_readings
from tests.conftest import api_client_for_key
from tests.personas import World

pytestmark = pytest.mark.django_db

HEADER = "姓名,身份证号,电话,地址,类别,区,街道,社区,网格,电表号,同意人,同意日期,同意范围\n"
GOOD = (
    "孙桂芝,120107194501019999,13900001111,新港街道5号,独居老人,"
    "滨海新区民政局,新港街道,金江社区,第三网格,M7,孙桂芝,2026-01-05,用电关爱\n"
)


def scoped_key(care: Care, area: object, programmes: list[str] | None = None) -> object:
    key, token = ApiKey.issue(care.world.binhai, "民政局", programmes=programmes or ["careband"])
    if area is not None:
        CareKeyScope.objects.create(tenant=care.world.binhai, api_key=key, area=area)
    return api_client_for_key(token)


def test_a_key_scoped_to_grid_b_sees_only_grid_b_and_masked(care: Care) -> None:
    write_readings(care.world.binhai.pk, {"M1": with_today(0.3), "M2": with_today(2.0)})
    run_tenant(care.world.binhai, DAY)
    api = scoped_key(care, care.grid_b)
    rows = api.get("/api/v1/careband/subjects/").json()["results"]  # type: ignore[attr-defined]
    assert [r["id"] for r in rows] == [care.li.pk]
    assert rows[0]["name"] != "李建国"  # masked
    assert rows[0]["colour"] == 1
    assert api.get("/api/v1/careband/alerts/").json()["results"] == []  # type: ignore[attr-defined]
    colours = api.get("/api/v1/careband/colours/", {"level": "grid"}).json()["results"]  # type: ignore[attr-defined]
    assert colours == [{"area": "第二网格", "area_id": care.grid_b.pk, "level": "grid", "grey": 0, "green": 1,
                        "yellow": 0, "red": 0}]  # fmt: skip


def test_a_street_key_sees_the_red_alert_of_its_street(care: Care) -> None:
    write_readings(care.world.binhai.pk, {"M1": with_today(0.3), "M2": with_today(2.0)})
    run_tenant(care.world.binhai, DAY)
    rows = scoped_key(care, care.street).get("/api/v1/careband/alerts/").json()["results"]  # type: ignore[attr-defined]
    assert [(r["subject"], r["status"], r["level"]) for r in rows] == [(care.wang.pk, "new", "grid")]


def test_a_key_without_an_area_or_without_the_programme_is_refused(care: Care, partner_api: object) -> None:
    assert scoped_key(care, None).get("/api/v1/careband/subjects/").status_code == 403  # type: ignore[attr-defined]
    assert partner_api.get("/api/v1/careband/subjects/").status_code == 403  # type: ignore[attr-defined]


def test_a_bad_level_is_a_clear_error(care: Care) -> None:
    response = scoped_key(care, care.street).get("/api/v1/careband/colours/", {"level": "city"})  # type: ignore[attr-defined]
    assert response.status_code == 400
    assert "level" in response.json()["errors"]


def test_a_good_list_enrols_every_row_with_its_grid_and_meters(care: Care) -> None:
    result = enrol_file(care.world.binhai, "test", "list.csv", (HEADER + GOOD).encode("gb18030"))
    assert (result.ok, result.created) == (True, 1)
    subject = CareSubject.objects.for_tenant(care.world.binhai).get(name="孙桂芝")
    assert subject.grid.name == "第三网格"
    assert subject.grid.parent.name == "金江社区"
    assert list(subject.meters.values_list("meter_no", flat=True)) == ["M7"]


def test_one_bad_row_enrols_nothing_and_the_report_names_rows_and_columns(care: Care) -> None:
    bad = "钱老汉,12345,,新港街道6号,老年人,滨海新区民政局,新港街道,金江社区,第三网格,M1,钱老汉,2026-13-01,用电关爱\n"
    result = enrol_file(care.world.binhai, "test", "list.csv", (HEADER + GOOD + bad).encode())
    assert result.created == 0
    found = {(p.row, p.column) for p in result.problems}
    assert found == {(3, "id_number"), (3, "category"), (3, "consent_at"), (3, "meters")}
    assert not CareSubject.objects.for_tenant(care.world.binhai).filter(name="孙桂芝").exists()
    assert "行" in result.report().decode("utf-8-sig").splitlines()[0]


def test_a_file_without_the_needed_columns_or_of_another_type_is_refused(care: Care) -> None:
    assert not enrol_file(care.world.binhai, "test", "list.csv", "姓名\n张三\n".encode()).ok
    assert not enrol_file(care.world.binhai, "test", "list.pdf", b"%PDF").ok


def test_the_enrol_page_shows_the_problems_and_charlie_cannot_see_binhai_data(
    care: Care, alice_client: Client, charlie_client: Client
) -> None:
    upload = io.BytesIO((HEADER + GOOD.replace("独居老人", "老年人")).encode())
    upload.name = "list.csv"
    response = alice_client.post(reverse("careband:enrol"), {"file": upload})
    assert response.status_code == 400
    assert "类别无法识别" in response.content.decode()
    upload = io.BytesIO((HEADER + GOOD).encode())
    upload.name = "list.csv"
    assert charlie_client.post(reverse("careband:enrol"), {"file": upload}).status_code == 302
    assert not CareSubject.objects.for_tenant(care.world.binhai).filter(name="孙桂芝").exists()
    assert CareSubject.objects.for_tenant(care.world.wuqing).filter(name="孙桂芝").exists()


# --- the endpoint matrix ------------------------------------------------------------------------

# 金江社区1号楼101 has 10 characters: the first max(10 // 2, 6) = 6 stay, then ****.
SUBJECT = {
    "name": ("王秀英", "王**"),
    "phone": ("13800138000", "138****8000"),
    "address": ("金江社区1号楼101", "金江社区1号****"),
}


def grid(tenant: Tenant, n: int) -> CareArea:
    return grid_path(tenant, f"{tenant.short_name}民政局", "新港街道", "金江社区", f"第{n}网格")


def subject(tenant: Tenant, n: int) -> CareSubject:
    values = {name: stored for name, (stored, _shown) in SUBJECT.items()}
    found = CareSubject(
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid(tenant, n),
        consent_by="王秀英",
        consent_at=timezone.make_aware(datetime(2026, 1, 5, 9)),
        consent_scope="用电数据用于关爱服务",
        **values,
    )
    return enrol(tenant, "test", found, [f"M{n:03d}"])


class CareEndpoint(EndpointContract):
    programme = "careband"

    def partner_token(self, world: World, tenant: Tenant) -> str:
        """A civil-affairs key of the tenant's district (its care area: the root of every grid)."""
        key, token = ApiKey.issue(tenant, f"民政局·{tenant.slug}", programmes=["careband"])
        district = grid(tenant, 0).parent.parent.parent  # type: ignore[union-attr]
        CareKeyScope.objects.create(tenant=tenant, api_key=key, area=district)
        return token


class TestSubjectEndpoint(CareEndpoint):
    basename = "careband-subject"
    personal = SUBJECT

    def make_row(self, world: World, tenant: Tenant, n: int) -> CareSubject:
        return subject(tenant, n)


class TestAlertEndpoint(CareEndpoint):
    basename = "careband-alert"  # the alert shows no personal data: its note stays in the portal

    def make_row(self, world: World, tenant: Tenant, n: int) -> CareAlert:
        alert = open_alert(subject(tenant, n), DAY, "昨日用电 0.1 kWh")
        assert alert is not None
        return alert
