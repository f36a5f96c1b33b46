"""The API door: multipart upload (202 + batch and job run), status, meters and areas (masked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from portal.jobs.models import JobRun
from portal.meters.models import ImportBatch, Meter
from tests.meters.helpers import run, write_file
from tests.personas import World

IMPORTS = "/api/v1/meters/readings/imports/"
GOOD = "meter_no,date,kwh\nM001,2024-01-30,1\n"


@pytest.fixture
def alice_api(register: World) -> APIClient:
    client = APIClient()
    client.force_login(register.alice)
    return client


def _file(content: str = GOOD, name: str = "jan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode())


def test_alice_posts_a_file_and_gets_202_with_batch_and_job_run(register: World, alice_api: APIClient) -> None:
    response = alice_api.post(
        IMPORTS, {"dataset": "meter_daily", "file": _file(), "on_error": "reject_all"}, format="multipart"
    )
    assert response.status_code == 202
    batch = ImportBatch.objects.for_tenant(register.binhai).get()
    run_ = JobRun.objects.for_tenant(register.binhai).get(name="meters.import")
    assert (response.json()["batch"], response.json()["job_run"]) == (batch.pk, run_.pk)
    assert (batch.source, batch.on_error, batch.status) == ("api", "reject_all", "pending")
    detail = alice_api.get(f"{IMPORTS}{batch.pk}/").json()
    assert (detail["status"], detail["original_name"]) == ("pending", "jan.csv")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"dataset": "meter_daily"}, "file"),
        ({"dataset": "water", "file": "f"}, "dataset"),
        ({"dataset": "meter_daily", "file": "f", "on_error": "sometimes"}, "on_error"),
        ({"dataset": "meter_daily", "file": "exe"}, "file"),
    ],
)
def test_bad_uploads_get_400_with_the_field_and_nothing_is_kept(
    register: World, alice_api: APIClient, data: dict[str, str], field: str
) -> None:
    payload: dict[str, object] = dict(data)
    if payload.get("file") == "f":
        payload["file"] = _file()
    elif payload.get("file") == "exe":
        payload["file"] = _file(name="jan.exe")
    response = alice_api.post(IMPORTS, payload, format="multipart")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ImportBatch.objects.for_tenant(register.binhai).exists()


def test_a_partner_key_reads_batches_but_cannot_upload(register: World, partner_api: APIClient, tmp_path: Path) -> None:
    batch = run(register.binhai, write_file(tmp_path, "jan.csv", GOOD))
    assert partner_api.post(IMPORTS, {"dataset": "meter_daily", "file": _file()}, format="multipart").status_code == 403
    listed = partner_api.get(IMPORTS).json()["results"]
    assert [(b["id"], b["status"], b["rows_accepted"]) for b in listed] == [(batch.pk, "committed", 1)]


def test_charlie_gets_404_for_alices_batch_and_meter(register: World, charlie_api: APIClient, tmp_path: Path) -> None:
    batch = run(register.binhai, write_file(tmp_path, "jan.csv", GOOD))
    meter = Meter.objects.for_tenant(register.binhai).get(meter_no="M001")
    assert charlie_api.get(f"{IMPORTS}{batch.pk}/").status_code == 404
    assert charlie_api.get(f"/api/v1/meters/{meter.pk}/").status_code == 404
    assert charlie_api.get(f"/api/v1/meters/areas/{meter.area_id}/").status_code == 404
    assert charlie_api.get(IMPORTS).json()["results"] == []


def test_meters_api_masks_personal_data_for_partners(
    register: World, partner_api: APIClient, alice_api: APIClient
) -> None:
    masked = {m["meter_no"]: m for m in partner_api.get("/api/v1/meters/").json()["results"]}
    full = {m["meter_no"]: m for m in alice_api.get("/api/v1/meters/").json()["results"]}
    assert sorted(masked) == ["M001", "M002", "M003", "M004", "M005"]
    assert (masked["M001"]["account_no"], masked["M001"]["customer_name"]) == ("******0000", "王**")
    assert full["M001"]["account_no"] == "0101000000"
    areas = partner_api.get("/api/v1/meters/areas/").json()["results"]
    assert sorted(a["code"] for a in areas) == ["A01", "A02"]
