"""Who sees whom, on the pages: managers, grid workers, relatives, another tenant."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from careband.models import CareAlert, CareCode, CareSubject, Invitation, Relative, Visit
from careband.services import alerts, invitations
from careband.services.nightly import run_tenant
from tests.careband.conftest import DAY, Care, relative_of, with_today, write_readings

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def scored(care: Care) -> None:
    write_readings(care.world.binhai.pk, {"M1": with_today(0.3), "M2": with_today(2.0)})
    run_tenant(care.world.binhai, DAY)


def test_the_programme_page_shows_figures_computed_from_the_data(care: Care, alice_client: Client) -> None:
    scored(care)
    alert = CareAlert.objects.for_tenant(care.world.binhai).get()
    alerts.record_visit(alert, care.gwa, outcome=Visit.Outcome.SAFE)
    page = alice_client.get(reverse("careband:index")).content.decode()
    assert 'id="fig-covered">2<' in page  # Wang and Li (Zhao is Wuqing's)
    assert 'id="fig-alerts">1<' in page
    assert 'id="fig-visits">1<' in page
    assert 'id="fig-tenants">2<' in page  # Binhai and Wuqing have subjects


def test_alice_sees_the_subject_page_with_a_year_of_codes_consumption_and_reason(
    care: Care, alice_client: Client
) -> None:
    scored(care)
    response = alice_client.get(reverse("careband:subject", args=[care.wang.pk]))
    page = response.content.decode()
    assert page.count(" data-chart=") == 2
    calendar, consumption = response.context["calendar"], response.context["consumption"]
    assert (calendar.title, consumption.title) == ("每日关爱码", "日用电量")
    # The night of DAY scored Wang red (0.3 kWh against his usual 2): the calendar's last cell.
    assert calendar.option["series"][0]["data"][-1] == [DAY.isoformat(), 3.0]
    assert calendar.table.rows[-1] == (DAY, "红码：明显异动")
    assert consumption.option["series"][0]["data"][-1] == [DAY.isoformat(), 0.3]
    assert len(calendar.table.rows) == 365
    assert "仅为近 4 周同星期中位数" in page


def test_charlie_gets_404_for_alices_subject_and_alert(care: Care, charlie_client: Client) -> None:
    scored(care)
    alert = CareAlert.objects.for_tenant(care.world.binhai).get()
    assert charlie_client.get(reverse("careband:subject", args=[care.wang.pk])).status_code == 404
    assert charlie_client.get(reverse("careband:alert-visit", args=[alert.pk])).status_code == 404
    assert charlie_client.post(reverse("careband:withdraw", args=[care.wang.pk])).status_code == 404
    assert (
        charlie_client.post(reverse("careband:invite", args=[care.wang.pk]), {"relationship": "儿子"}).status_code
        == 404
    )
    assert charlie_client.post(reverse("careband:pause", args=[care.wang.pk]), {}).status_code == 404


def test_a_grid_worker_sees_only_their_grid(care: Care) -> None:
    scored(care)
    gwb = client_for(care.gwb)
    assert gwb.get(reverse("careband:subject", args=[care.li.pk])).status_code == 200
    assert gwb.get(reverse("careband:subject", args=[care.wang.pk])).status_code == 404
    alert = CareAlert.objects.for_tenant(care.world.binhai).get()  # Wang's, in grid A
    assert gwb.get(reverse("careband:alert-visit", args=[alert.pk])).status_code == 404
    board = gwb.get(reverse("careband:board"), {"level": "grid"}).content.decode()
    assert "第二网格" in board
    assert "第一网格" not in board


def test_the_community_worker_sees_both_grids_on_the_board(care: Care) -> None:
    scored(care)
    board = client_for(care.community_worker).get(reverse("careband:board"), {"level": "grid"}).content.decode()
    assert "第一网格" in board
    assert "第二网格" in board


def test_a_relative_sees_only_their_own_person_and_no_staff_page(care: Care) -> None:
    scored(care)
    daughter = client_for(relative_of(care.world, care.wang))
    page = daughter.get(reverse("careband:mine")).content.decode()
    assert "王秀英" in page
    assert "李建国" not in page
    assert daughter.get(reverse("careband:subject", args=[care.wang.pk])).status_code == 403
    assert daughter.get(reverse("careband:board")).status_code == 403
    assert daughter.post(reverse("careband:contacted", args=[care.li.pk])).status_code == 404
    assert daughter.post(reverse("careband:contacted", args=[care.wang.pk])).status_code == 302
    assert CareCode.objects.for_tenant(care.world.binhai).get(subject=care.wang).contacted_at is not None


def test_an_invitation_is_accepted_once_and_makes_a_relative(care: Care, alice_client: Client) -> None:
    response = alice_client.post(reverse("careband:invite", args=[care.wang.pk]), {"relationship": "儿子"})
    assert response.status_code == 302
    code = Invitation.objects.for_tenant(care.world.binhai).get().code
    from tests.personas import make_user

    son = make_user("son", care.world.wuqing)  # any portal user; the invitation brings the membership
    son_client = client_for(son)
    assert son_client.post(reverse("careband:join"), {"code": code}).status_code == 302
    assert Relative.objects.for_tenant(care.world.binhai).get().user == son
    other = client_for(make_user("stranger", care.world.wuqing))
    refused = other.post(reverse("careband:join"), {"code": code})
    assert refused.status_code == 400
    assert "已被使用" in refused.content.decode()
    assert other.post(reverse("careband:join"), {"code": "nope"}).status_code == 400


def test_inviting_needs_a_relationship_and_writes_nothing_otherwise(care: Care, alice_client: Client) -> None:
    for bad in ({}, {"relationship": "x" * 31}):
        assert alice_client.post(reverse("careband:invite", args=[care.wang.pk]), bad).status_code == 400
    assert not Invitation.objects.for_tenant(care.world.binhai).exists()


def test_withdrawing_consent_hides_the_history_and_the_relative_view(care: Care, alice_client: Client) -> None:
    scored(care)
    daughter = client_for(relative_of(care.world, care.wang))
    assert alice_client.post(reverse("careband:withdraw", args=[care.wang.pk])).status_code == 302
    page = alice_client.get(reverse("careband:subject", args=[care.wang.pk])).content.decode()
    assert "care-strip" not in page
    assert "王秀英" not in daughter.get(reverse("careband:mine")).content.decode()
    assert invitations.Invitation.objects.for_tenant(care.world.binhai).count() == 0


def test_bob_field_staff_without_an_area_sees_no_subject(care: Care, bob_client: Client) -> None:
    assert bob_client.get(reverse("careband:subject", args=[care.wang.pk])).status_code == 404


def test_the_visit_form_refuses_a_bad_outcome_and_a_fake_photo(care: Care) -> None:
    scored(care)
    alert = CareAlert.objects.for_tenant(care.world.binhai).get()
    gwa = client_for(care.gwa)
    url = reverse("careband:alert-visit", args=[alert.pk])
    assert gwa.post(url, {"outcome": "asleep"}).status_code == 400
    assert gwa.post(url, {}).status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.jpg", b"MZ not an image", content_type="image/jpeg")
    response = gwa.post(url, {"outcome": "safe", "photo": fake})
    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    assert not Visit.objects.for_tenant(care.world.binhai).exists()
    assert gwa.post(url, {"outcome": "safe", "note": "平安"}).status_code == 302
    assert Visit.objects.for_tenant(care.world.binhai).get().note == "平安"


def test_enrolling_one_subject_refuses_another_units_grid(care: Care, alice_client: Client) -> None:
    wq_grid = care.zhao.grid
    data = {
        "name": "孙大爷",
        "address": "新港街道2号",
        "category": "elderly_alone",
        "grid": wq_grid.pk,
        "consent_by": "孙大爷",
        "consent_at": "2026-01-05T09:00",
        "consent_scope": "关爱服务",
        "meters": "M9",
    }
    assert alice_client.post(reverse("careband:subject-create"), data).status_code == 200  # form shown again
    assert not CareSubject.objects.for_tenant(care.world.binhai).filter(name="孙大爷").exists()
    data["grid"] = care.grid_a.pk
    assert alice_client.post(reverse("careband:subject-create"), data).status_code == 302
    data.update(name="孙大娘", id_number="")
    response = alice_client.post(reverse("careband:subject-create"), data)  # M9 taken
    assert "已登记在其他关爱对象名下" in response.content.decode()


def test_the_village_page_ranks_villages_from_the_store(care: Care, alice_client: Client) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from portal.meters.models import Meter, Village

    b = care.world.binhai
    lively = Village.objects.create(tenant=b, name="兴旺村", township="大港街道")
    hollow = Village.objects.create(tenant=b, name="空心村", township="大港街道")
    for i, village in enumerate([lively, lively, hollow, hollow]):
        Meter.objects.create(tenant=b, meter_no=f"V{i}", village=village)
    end = timezone.localdate() - timedelta(days=1)
    year = np.full(365, 5.0, np.float32)
    empty = np.full(365, 0.1, np.float32)
    write_readings(b.pk, {"V0": year, "V1": year, "V2": empty, "V3": year * 0.5}, last_day=end, batch_id=9)
    page = alice_client.get(reverse("careband:villages")).content.decode()
    assert page.index("空心村") < page.index("兴旺村")  # most hollow first
    assert "50%" in page  # one of the hollow village's two homes is vacant


def test_a_relatives_contact_is_noted_on_the_open_alert_for_the_grid_worker(care: Care) -> None:
    scored(care)
    opened = CareAlert.objects.for_tenant(care.world.binhai).filter(subject=care.wang, closed_at__isnull=True)
    alert = opened.first() or alerts.open_alert(care.wang, DAY, "昨日用电 0.3 kWh")
    assert alert is not None
    daughter_user = relative_of(care.world, care.wang)
    client_for(daughter_user).post(reverse("careband:contacted", args=[care.wang.pk]))
    comment = alert.ticket.comments.get()
    assert (comment.author, comment.internal) == (daughter_user, False)
    assert str(daughter_user) in comment.body
