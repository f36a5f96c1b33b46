"""The browser door: upload (RUN_JOBS), the batch report page, downloads, history; meters and areas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.jobs.models import JobRun
from portal.jobs.runner import execute
from portal.meters.models import ImportBatch, Meter
from tests.meters.helpers import run, write_file
from tests.personas import World

GOOD = "表号,日期,电量\nM001,2024-01-30,1\nM999,2024-01-30,2\n"


def _upload(client: Client, name: str = "jan.csv", content: bytes = GOOD.encode(), **extra: str) -> Any:
    data = {"dataset": "meter_daily", "on_error": "keep_good", **extra}
    data["file"] = SimpleUploadedFile(name, content)  # type: ignore[assignment]
    return client.post(reverse("meters:import-create"), data)


@pytest.fixture
def batch(register: World, tmp_path: Path) -> ImportBatch:
    return run(register.binhai, write_file(tmp_path, "jan.csv", GOOD))


def test_alice_uploads_a_file_and_the_queued_job_imports_it(register: World, alice_client: Client) -> None:
    response = _upload(alice_client)
    batch = ImportBatch.objects.for_tenant(register.binhai).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meters:import-detail", args=[batch.pk])
    assert (batch.status, batch.source, batch.created_by) == ("pending", "upload", register.alice)
    run_ = JobRun.objects.for_tenant(register.binhai).get()
    assert (run_.name, run_.params, batch.job_run_id) == ("meters.import", {"batch_id": batch.pk}, run_.pk)
    page = alice_client.get(reverse("meters:import-detail", args=[batch.pk]))
    assert b'class="job-progress"' in page.content
    execute(run_.pk)  # what the worker does with the queued run
    batch.refresh_from_db()
    run_.refresh_from_db()
    assert (batch.status, batch.rows_accepted, batch.rows_rejected) == ("committed", 1, 1)
    assert (run_.status, run_.progress, run_.result["status"]) == ("succeeded", 100, "committed")
    assert any("正在检查 2 行" in message.text for message in run_.shown_messages)


def test_bob_without_run_jobs_cannot_upload(register: World, bob_client: Client) -> None:
    assert bob_client.get(reverse("meters:import-create")).status_code == 403
    assert _upload(bob_client).status_code == 403
    assert not ImportBatch.objects.for_tenant(register.binhai).exists()


@pytest.mark.parametrize(
    ("name", "content", "extra", "field", "message"),
    [
        ("jan.exe", GOOD.encode(), {}, "file", "请上传 CSV、XLSX 或 Parquet 文件。"),
        ("jan.csv", b"", {}, "file", "提交的是空文件。"),
        ("jan.csv", GOOD.encode(), {"dataset": "gas"}, "dataset", "选择一个有效的选项"),
        ("jan.csv", GOOD.encode(), {"on_error": "maybe"}, "on_error", "选择一个有效的选项"),
    ],
)
def test_bad_upload_input_is_refused_and_nothing_is_kept(
    register: World, alice_client: Client, name: str, content: bytes, extra: dict[str, str], field: str, message: str
) -> None:
    response = _upload(alice_client, name, content, **extra)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not ImportBatch.objects.for_tenant(register.binhai).exists()


def test_a_missing_file_is_refused(register: World, alice_client: Client) -> None:
    response = alice_client.post(reverse("meters:import-create"), {"dataset": "meter_daily", "on_error": "keep_good"})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_the_report_page_shows_counts_and_replacements(
    register: World, alice_client: Client, tmp_path: Path, batch: ImportBatch
) -> None:
    corrected = run(register.binhai, write_file(tmp_path, "fix.csv", "表号,日期,电量\nM001,2024-01-30,1.5\n"))
    page = alice_client.get(reverse("meters:import-detail", args=[corrected.pk])).content.decode()
    assert f"#{batch.pk} jan.csv" in page
    assert "2024-01-30 – 2024-01-30" in page
    history = alice_client.get(reverse("meters:import-list")).content.decode()
    assert "fix.csv" in history
    assert "jan.csv" in history


def test_alice_downloads_the_error_report_and_the_original(
    register: World, alice_client: Client, batch: ImportBatch
) -> None:
    report = alice_client.get(reverse("meters:import-report", args=[batch.pk]))
    assert report.status_code == 200
    assert report.getvalue().decode("utf-8-sig").splitlines()[1] == "3,表号,M999,未知电表：本单位电表档案中没有该表号。"
    original = alice_client.get(reverse("meters:import-file", args=[batch.pk]))
    assert original.getvalue() == GOOD.encode()
    assert 'filename="jan.csv"' in original["Content-Disposition"]


@pytest.mark.parametrize("name", ["meters:import-detail", "meters:import-report", "meters:import-file"])
def test_charlie_gets_404_for_alices_batch_pages(
    register: World, charlie_client: Client, batch: ImportBatch, name: str
) -> None:
    assert charlie_client.get(reverse(name, args=[batch.pk])).status_code == 404


def test_charlie_does_not_see_alices_batches_in_his_history(
    register: World, charlie_client: Client, batch: ImportBatch
) -> None:
    assert b"jan.csv" not in charlie_client.get(reverse("meters:import-list")).content


def test_a_clean_batch_has_no_report_to_download(register: World, alice_client: Client, tmp_path: Path) -> None:
    clean = run(register.binhai, write_file(tmp_path, "ok.csv", "表号,日期,电量\nM001,2024-01-30,1\n"))
    assert alice_client.get(reverse("meters:import-report", args=[clean.pk])).status_code == 404


def test_meter_pages_mask_personal_data_for_partners(register: World, alice_client: Client) -> None:
    partner = Client()
    partner.force_login(register.partner)
    meter = Meter.objects.for_tenant(register.binhai).get(meter_no="M001")
    full = alice_client.get(reverse("meters:meter-detail", args=[meter.pk])).content.decode()
    masked = partner.get(reverse("meters:meter-detail", args=[meter.pk])).content.decode()
    assert "0101000000" in full
    assert "王秀英" in full
    assert "0101000000" not in masked
    assert "******0000" in masked
    assert "王**" in masked
    assert "M001" in partner.get(reverse("meters:meter-list")).content.decode()


def test_charlie_gets_404_for_alices_meter_and_area(
    register: World, charlie_client: Client, alice_client: Client
) -> None:
    meter = Meter.objects.for_tenant(register.binhai).get(meter_no="M001")
    assert alice_client.get(reverse("meters:area-detail", args=[meter.area_id])).status_code == 200
    assert charlie_client.get(reverse("meters:meter-detail", args=[meter.pk])).status_code == 404
    assert charlie_client.get(reverse("meters:area-detail", args=[meter.area_id])).status_code == 404
    assert b"A01" not in charlie_client.get(reverse("meters:area-list")).content
