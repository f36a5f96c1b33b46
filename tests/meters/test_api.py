"""The API door: multipart upload (202 + batch and job run) and status; the matrix of the meter, area
and import endpoints (tests/api_testing: masking, refused writes, another tenant's 404, queries)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from portal.jobs.models import JobRun
from portal.meters.models import Dataset, ImportBatch, Meter, TransformerArea
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
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


# --- the endpoint matrix ------------------------------------------------------------------------

# 新港街道幸福里3号楼 has 10 characters: the first max(10 // 2, 6) = 6 stay, then ****.
CUSTOMER = {
    "customer_name": ("王秀英", "王**"),
    "account_no": ("0101000007", "******0007"),
    "address": ("新港街道幸福里3号楼", "新港街道幸福****"),
}


def area(tenant: Tenant, n: int) -> TransformerArea:
    return TransformerArea.objects.create(tenant=tenant, code=f"A{n:02d}", name=f"新港{n}号台区")


class TestMeterEndpoint(EndpointContract):
    basename = "meter"
    personal = CUSTOMER

    def make_row(self, world: World, tenant: Tenant, n: int) -> Meter:
        values = {name: stored for name, (stored, _shown) in CUSTOMER.items()}
        return Meter.objects.create(tenant=tenant, meter_no=f"M{n:03d}", area=area(tenant, n), **values)


class TestAreaEndpoint(EndpointContract):
    basename = "meter-area"

    def make_row(self, world: World, tenant: Tenant, n: int) -> TransformerArea:
        return area(tenant, n)


class TestImportBatchEndpoint(EndpointContract):
    basename = "meter-import"

    def make_row(self, world: World, tenant: Tenant, n: int) -> ImportBatch:
        return ImportBatch.objects.create(
            tenant=tenant,
            dataset=Dataset.METER_DAILY,
            source=ImportBatch.Source.API,
            original_name=f"readings-{n}.csv",
            checksum=f"{n:064d}",
            status=ImportBatch.Status.COMMITTED,
        )
