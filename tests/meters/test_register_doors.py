"""The register's doors: browser upload (with progress), API, drop folder; the format page and samples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.jobs.models import JobRun
from portal.jobs.runner import execute
from portal.meters.models import ImportBatch, Meter, TransformerArea
from portal.meters.services import dropped_files
from tests.meters.helpers import run, write_file
from tests.personas import World

pytestmark = pytest.mark.django_db

AREAS = "台区编号,台区名称\nA01,一号台区\n"
METERS = "表号,台区编号,户名\nM1,A01,王秀英\nM2,A99,李建国\n"


def _upload(client: Client, dataset: str, name: str, content: str) -> Any:
    data = {"dataset": dataset, "on_error": "keep_good", "file": SimpleUploadedFile(name, content.encode())}
    return client.post(reverse("meters:import-create"), data)


def test_alice_uploads_the_register_and_the_job_reports_progress_and_the_refused_row(
    world: World, alice_client: Client
) -> None:
    _upload(alice_client, "register_areas", "areas.csv", AREAS)
    execute(JobRun.objects.for_tenant(world.binhai).get().pk)
    response = _upload(alice_client, "register_meters", "meters.csv", METERS)
    batch = ImportBatch.objects.for_tenant(world.binhai).get(dataset="register_meters")
    assert response["Location"] == reverse("meters:import-detail", args=[batch.pk])
    page = alice_client.get(reverse("meters:import-detail", args=[batch.pk])).content.decode()
    assert 'class="job-progress"' in page  # pending: the progress fragment polls the job
    run_ = JobRun.objects.for_tenant(world.binhai).get(params={"batch_id": batch.pk})
    execute(run_.pk)
    run_.refresh_from_db()
    batch.refresh_from_db()
    assert (batch.status, batch.rows_created, batch.rows_rejected) == ("committed", 1, 1)
    run_page = alice_client.get(reverse("jobs:detail", args=[run_.pk])).content.decode()
    assert "正在将 1 行写入档案" in run_page  # the run's messages, in the reader's language
    page = alice_client.get(reverse("meters:import-detail", args=[batch.pk])).content.decode()
    assert "已导入 1 行（新增 1，变更 0，0 块电表迁至其他台区），拒绝 1 行。" in page
    report = alice_client.get(reverse("meters:import-report", args=[batch.pk]))
    assert "未知台区" in b"".join(report.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]


def test_the_import_form_links_the_formats_page_and_a_sample_of_every_data_set(alice_client: Client) -> None:
    page = alice_client.get(reverse("meters:import-create")).content.decode()
    assert reverse("meters:import-formats") in page
    for dataset in ("register_areas", "register_meters", "meter_daily", "area_daily", "interval"):
        assert f"{reverse('meters:import-sample')}?dataset={dataset}" in page


def test_the_formats_page_lists_each_columns_accepted_headers(alice_client: Client) -> None:
    page = alice_client.get(reverse("meters:import-formats")).content.decode()
    assert "导入文件格式说明" in page
    assert "考核表号" in page  # register_areas' supply meter column, with its other names
    assert "总表号, 台区总表号, supply_meter_no, supply_meter" in page


def test_a_sample_downloads_and_an_unknown_data_set_is_404(alice_client: Client) -> None:
    response = alice_client.get(reverse("meters:import-sample"), {"dataset": "register_meters"})
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == 'attachment; filename="register_meters-sample.csv"'
    assert body.startswith("表号,户号,户名,用户类别,台区编号")
    assert alice_client.get(reverse("meters:import-sample"), {"dataset": "../settings"}).status_code == 404
    assert alice_client.get(reverse("meters:import-sample")).status_code == 404


def test_a_meters_page_shows_its_area_history(world: World, alice_client: Client, tmp_path: Path) -> None:
    run(
        world.binhai, write_file(tmp_path, "a.csv", "台区编号,台区名称\nA01,一号\nA02,二号\n"), dataset="register_areas"
    )
    run(world.binhai, write_file(tmp_path, "m.csv", "表号,台区编号\nM1,A01\n"), dataset="register_meters")
    moved = run(
        world.binhai,
        write_file(tmp_path, "n.csv", "表号,台区编号,变更日期\nM1,A02,2024-05-01\n"),
        dataset="register_meters",
    )
    meter = Meter.objects.for_tenant(world.binhai).get(meter_no="M1")
    page = alice_client.get(reverse("meters:meter-detail", args=[meter.pk])).content.decode()
    assert "台区变更记录" in page
    assert "2024-05-01" in page
    assert f"#{moved.pk}" in page


@pytest.fixture
def alice_api(world: World) -> APIClient:
    client = APIClient()
    client.force_login(world.alice)
    return client


def test_the_register_api_takes_register_files_only_and_lists_its_own_batches(
    world: World, alice_api: APIClient, tmp_path: Path
) -> None:
    url = "/api/v1/meters/register/imports/"
    posted = alice_api.post(
        url, {"dataset": "register_areas", "file": SimpleUploadedFile("a.csv", AREAS.encode())}, format="multipart"
    )
    assert posted.status_code == 202
    wrong = alice_api.post(
        url, {"dataset": "meter_daily", "file": SimpleUploadedFile("a.csv", AREAS.encode())}, format="multipart"
    )
    assert (wrong.status_code, list(wrong.json()["errors"])) == (400, ["dataset"])
    execute(posted.json()["job_run"])
    run(world.binhai, write_file(tmp_path, "r.csv", "台区编号,日期,供电量\nA01,2024-01-30,10\n"), dataset="area_daily")
    listed = alice_api.get(url).json()["results"]
    assert [(b["dataset"], b["status"], b["rows_created"]) for b in listed] == [("register_areas", "committed", 1)]
    readings = alice_api.get("/api/v1/meters/readings/imports/").json()["results"]
    assert [b["dataset"] for b in readings] == ["area_daily"]
    assert TransformerArea.objects.for_tenant(world.binhai).filter(code="A01").exists()


def test_a_partner_key_cannot_upload_the_register(world: World, partner_api: APIClient) -> None:
    response = partner_api.post(
        "/api/v1/meters/register/imports/",
        {"dataset": "register_areas", "file": SimpleUploadedFile("a.csv", AREAS.encode())},
        format="multipart",
    )
    assert response.status_code == 403
    assert not ImportBatch.objects.for_tenant(world.binhai).exists()


def test_the_drop_folder_takes_the_register_first_areas_before_meters(world: World, settings: Any) -> None:
    folder = Path(settings.METER_DROP_PATH) / "binhai"
    folder.mkdir(parents=True)
    for name in ("meter_daily-0301.csv", "register_meters-0301.csv", "register_areas-0301.csv"):
        (folder / name).write_text("x")
    files, _unknown = dropped_files(world.binhai)
    assert [f.dataset for f in files] == ["register_areas", "register_meters", "meter_daily"]
