"""``tickets.export``: end to end through the real Celery worker, and masking for a masked requester."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from portal.audit.models import PersonalDataAccess
from portal.jobs.models import JobRun
from portal.jobs.runner import enqueue, execute
from portal.tickets import services
from portal.tickets.models import Ticket
from portal.tickets.workflow import Status
from tests.personas import World, make_world


def _wait_for(run: JobRun, seconds: float = 60) -> JobRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            return run
        time.sleep(0.2)
    raise AssertionError(f"job run {run.pk} did not finish: {run.status} {run.messages}")


def _three_tickets(world: World) -> tuple[Ticket, Ticket, Ticket]:
    first = services.create_ticket(
        world.binhai,
        world.alice,
        title='=HYPERLINK("x")',
        requester_name="张三丰",
        requester_phone="13812345678",
        address="滨海新区新港街道港福里3号楼",
    )
    second = services.create_ticket(world.binhai, world.alice, title="井盖缺失", priority="high")
    done = services.create_ticket(world.binhai, world.alice, title="已修好")
    services.transition(done, Status.ACKNOWLEDGED, world.alice)
    services.transition(done, Status.RESOLVED, world.alice)
    services.create_ticket(world.wuqing, world.charlie, title="武清工单")
    return first, second, done


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_alice_exports_the_filtered_list_through_the_worker(celery_worker: Any, settings: Any) -> None:
    # Read the file where the worker process wrote it.
    settings.MEDIA_ROOT = Path(os.environ["PORTAL_MEDIA_ROOT"])
    world = make_world()
    first, second, _done = _three_tickets(world)
    client = Client()
    client.force_login(world.alice)
    response = client.post(
        reverse("tickets:export"), {"status": "new", "format": "csv"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    run = JobRun.objects.get(name="tickets.export")
    assert f'id="job-{run.pk}"' in response.content.decode()
    run = _wait_for(run)
    assert (run.status, run.result) == ("succeeded", {"rows": 2, "format": "csv", "masked": False})
    rows = list(csv.reader(io.StringIO(run.result_file.read().decode("utf-8-sig"))))
    header = rows[0]
    assert header[:11] == [
        "编号",
        "标题",
        "项目",
        "类型",
        "类别",
        "状态",
        "优先级",
        "渠道",
        "诉求人姓名",
        "诉求人电话",
        "地址",
    ]
    body = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [(r["编号"], r["标题"], r["状态"], r["优先级"]) for r in body] == [
        (first.reference, '\'=HYPERLINK("x")', "新建", "普通"),
        (second.reference, "井盖缺失", "新建", "高"),
    ]
    assert (body[0]["诉求人姓名"], body[0]["诉求人电话"]) == ("张三丰", "13812345678")
    access = PersonalDataAccess.objects.get(channel="export")
    assert (access.actor, access.masked, sorted(access.object_ids)) == (
        world.alice,
        False,
        sorted([str(first.pk), str(second.pk)]),
    )


@pytest.mark.django_db
def test_an_export_for_a_masked_requester_masks_personal_data_in_xlsx(world: World) -> None:
    first, _second, _done = _three_tickets(world)
    run = enqueue("tickets.export", world.binhai, requested_by=world.partner, filters={"q": "HYPERLINK"}, format="xlsx")
    finished = execute(run.pk)
    assert finished is not None
    assert finished.status == "succeeded", finished.error
    sheet = load_workbook(io.BytesIO(finished.result_file.read())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    row = dict(zip(values[0], values[1], strict=True))
    assert (row["编号"], row["诉求人姓名"], row["诉求人电话"]) == (first.reference, "张**", "138****5678")
    assert row["地址"] == "滨海新区新港街****"
    assert PersonalDataAccess.objects.get(channel="export").masked is True


@pytest.mark.django_db
def test_the_export_button_refuses_bad_filters(alice_client: Client) -> None:
    response = alice_client.post(reverse("tickets:export"), {"status": "lost", "format": "csv"}, follow=True)
    assert "导出未能开始" in response.content.decode()
    assert not JobRun.objects.exists()
    response = alice_client.post(reverse("tickets:export"), {"format": "pdf"})
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_bob_may_not_export(bob_client: Client) -> None:
    assert bob_client.post(reverse("tickets:export"), {"format": "csv"}).status_code == 403
