"""The browser door: the data sets, a format page and its sample, uploads (MANAGE_RECORDS), the batch
page, downloads (SEE_PERSONAL_DATA, logged) — as Alice, Bob, a partner and Charlie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.audit.models import PersonalDataAccess
from portal.imports.models import RecordImportBatch
from portal.imports.spec import RecordImport
from portal.jobs.models import JobRun
from portal.jobs.runner import execute
from portal.stakeholders.models import Organisation
from portal.tenancy.models import TenantProgramme
from tests.imports.conftest import ORGANISATIONS, PROBE, counts, run, write
from tests.personas import World

pytestmark = pytest.mark.django_db

ONE_BAD = "名称,类型,联系电话\n甲单位,企业,13812345678\n乙单位,学校,12345\n"
UPLOAD = reverse("imports:upload", kwargs={"code": ORGANISATIONS})


def _upload(client: Client, content: str = ONE_BAD, name: str = "orgs.csv", **extra: str) -> Any:
    data: dict[str, Any] = {"on_error": "keep_good", **extra, "file": SimpleUploadedFile(name, content.encode())}
    return client.post(UPLOAD, data)


@pytest.fixture
def batch(world: World, tmp_path: Path) -> RecordImportBatch:
    return run(world.binhai, write(tmp_path, "orgs.csv", ONE_BAD), actor=world.alice)


def test_the_index_lists_the_core_data_sets_and_those_of_the_programmes_the_unit_runs(
    world: World, alice_client: Client, probe: RecordImport
) -> None:
    page = alice_client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:dataset", kwargs={"code": ORGANISATIONS}) in page
    assert reverse("imports:dataset", kwargs={"code": PROBE}) in page
    TenantProgramme.objects.filter(tenant=world.binhai, programme="alliance").delete()
    page = alice_client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:dataset", kwargs={"code": ORGANISATIONS}) in page
    assert reverse("imports:dataset", kwargs={"code": PROBE}) not in page


def test_the_format_page_is_generated_from_the_declaration(world: World, bob_client: Client) -> None:
    page = bob_client.get(reverse("imports:dataset", kwargs={"code": ORGANISATIONS})).content.decode()
    assert "<strong>联系电话</strong>" in page
    assert "contact_phone、电话、手机、联系方式、phone、contact phone" in page  # every accepted header
    assert "大陆手机号码（13812345678）或带区号的固定电话（022-23456789）。" in page  # the phone kind's formats
    assert "政府部门 (government)" in page  # a choice by label and value
    assert "最多 120 个字。" in page  # the name's length, from the model
    assert "每条记录以名称识别" in page
    assert "022-23456789" in page  # the example row


def test_the_sample_file_is_utf8_with_a_bom_and_the_declared_example(world: World, bob_client: Client) -> None:
    response = bob_client.get(reverse("imports:sample", kwargs={"code": ORGANISATIONS}))
    assert response["Content-Disposition"] == 'attachment; filename="stakeholders.organisations-sample.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "名称,类型,所在区,简称,地址,联系人,联系电话,说明,纬度,经度"
    assert lines[1].split(",") == [
        "滨海新区城市管理委员会",
        "政府部门",
        "滨海新区",
        "区城管委",
        "天津市滨海新区中心北路1号",
        "王磊",
        "022-23456789",
        "路灯与市容管理",
        "39.0245",
        "117.7102",
    ]


def test_the_sample_file_imports_as_it_is(world: World, alice_client: Client, tmp_path: Path) -> None:
    sample = alice_client.get(reverse("imports:sample", kwargs={"code": ORGANISATIONS})).content
    response = _upload(alice_client, sample.decode("utf-8"), name="sample.csv")
    batch = RecordImportBatch.objects.for_tenant(world.binhai).get()
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert counts(batch) == ("committed", 2, 2, 0, 0, 0)


def test_an_unknown_data_set_is_404(alice_client: Client) -> None:
    for name in ("imports:dataset", "imports:sample", "imports:upload"):
        assert alice_client.get(reverse(name, kwargs={"code": "stakeholders.nothing"})).status_code == 404


def test_alice_uploads_a_small_file_and_sees_the_partial_result_at_once(world: World, alice_client: Client) -> None:
    response = _upload(alice_client)
    batch = RecordImportBatch.objects.for_tenant(world.binhai).get()
    assert response.status_code == 302
    # Two rows read: row 2 created, row 3 (phone 12345) refused.
    assert counts(batch) == ("partly_committed", 2, 1, 0, 0, 1)
    assert (batch.source, batch.created_by, batch.job_run) == ("upload", world.alice, None)
    page = alice_client.get(response["Location"]).content.decode()
    assert '<span class="badge status-partly_committed" id="batch-status">部分导入</span>' in page
    assert "仅导入了文件的一部分：1 行被拒收。" in page
    assert reverse("imports:batch-report", args=[batch.pk]) in page
    assert list(Organisation.objects.for_tenant(world.binhai).values_list("name", flat=True)) == ["甲单位"]


def test_a_full_import_has_its_own_badge(world: World, alice_client: Client) -> None:
    page = alice_client.get(_upload(alice_client, "名称,类型\n甲单位,企业\n")["Location"]).content.decode()
    assert '<span class="badge status-committed" id="batch-status">已导入</span>' in page
    assert "部分导入" not in page


def test_bob_reads_everything_but_may_not_import(world: World, bob_client: Client, batch: RecordImportBatch) -> None:
    assert bob_client.get(UPLOAD).status_code == 403
    assert _upload(bob_client).status_code == 403
    assert RecordImportBatch.objects.for_tenant(world.binhai).count() == 1  # Alice's only
    assert bob_client.get(reverse("imports:index")).status_code == 200
    page = bob_client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "部分导入" in page
    assert reverse("imports:upload", kwargs={"code": ORGANISATIONS}) not in page  # no "import another file"
    report = bob_client.get(reverse("imports:batch-report", args=[batch.pk]))
    # Field staff may see personal data: he downloads the report, and the read is logged.
    assert report.status_code == 200
    assert report.getvalue().decode("utf-8-sig").splitlines()[1] == (
        "3,联系电话,12345,请输入大陆手机号码（如 13812345678）或带区号的固定电话（如 022-23456789）。"
    )
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.actor, access.object_ids, access.fields) == (world.bob, [str(batch.pk)], ["report_file"])


def test_a_partner_sees_the_batch_but_not_its_files(world: World, batch: RecordImportBatch) -> None:
    partner = Client()
    partner.force_login(world.partner)
    page = partner.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "部分导入" in page
    assert reverse("imports:batch-report", args=[batch.pk]) not in page
    assert partner.get(reverse("imports:batch-report", args=[batch.pk])).status_code == 403
    assert partner.get(reverse("imports:batch-file", args=[batch.pk])).status_code == 403


def test_alice_downloads_the_original_file(world: World, alice_client: Client, batch: RecordImportBatch) -> None:
    original = alice_client.get(reverse("imports:batch-file", args=[batch.pk]))
    assert original.getvalue() == ONE_BAD.encode()
    assert 'filename="orgs.csv"' in original["Content-Disposition"]


def test_a_clean_batch_has_no_report(world: World, alice_client: Client, tmp_path: Path) -> None:
    clean = run(world.binhai, write(tmp_path, "ok.csv", "名称,类型\n甲单位,企业\n"))
    assert alice_client.get(reverse("imports:batch-report", args=[clean.pk])).status_code == 404


@pytest.mark.parametrize("name", ["imports:batch", "imports:batch-report", "imports:batch-file"])
def test_charlie_gets_404_for_alices_batch_and_its_files(
    charlie_client: Client, batch: RecordImportBatch, name: str
) -> None:
    assert charlie_client.get(reverse(name, args=[batch.pk])).status_code == 404


def test_charlie_does_not_see_alices_batches(charlie_client: Client, batch: RecordImportBatch) -> None:
    assert b"orgs.csv" not in charlie_client.get(reverse("imports:index")).content


def test_the_history_filters_by_data_set_and_status(
    world: World, alice_client: Client, batch: RecordImportBatch, tmp_path: Path
) -> None:
    run(world.binhai, write(tmp_path, "clean.csv", "名称,类型\n丙单位,企业\n"))
    page = alice_client.get(reverse("imports:index"), {"status": "partly_committed"}).content.decode()
    assert ("orgs.csv" in page, "clean.csv" in page) == (True, False)
    page = alice_client.get(reverse("imports:index"), {"dataset": ORGANISATIONS}).content.decode()
    assert ("orgs.csv" in page, "clean.csv" in page) == (True, True)


@pytest.mark.parametrize(
    ("name", "content", "extra", "field", "message"),
    [
        ("orgs.xls", ONE_BAD, {}, "file", "这是旧版 Excel（.xls）文件：请另存为 XLSX 或 CSV。"),
        ("orgs.pdf", ONE_BAD, {}, "file", "请上传 CSV 或 XLSX 文件。"),
        ("orgs.csv", "", {}, "file", "提交的是空文件。"),
        ("orgs.csv", ONE_BAD, {"on_error": "sometimes"}, "on_error", "选择一个有效的选项"),
    ],
)
def test_bad_upload_input_is_refused_and_nothing_is_kept(
    world: World, alice_client: Client, name: str, content: str, extra: dict[str, str], field: str, message: str
) -> None:
    response = _upload(alice_client, content, name, **extra)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not RecordImportBatch.objects.for_tenant(world.binhai).exists()


def test_a_file_over_the_size_limit_is_refused_at_the_door(world: World, alice_client: Client, settings: Any) -> None:
    settings.IMPORTS_MAX_BYTES = 10
    response = _upload(alice_client)
    assert response.context["form"].errors["file"] == ["文件超过 10\xa0字节。"]
    assert not RecordImportBatch.objects.for_tenant(world.binhai).exists()


def test_a_big_file_is_queued_and_the_page_follows_the_job(world: World, alice_client: Client, settings: Any) -> None:
    settings.IMPORTS_INLINE_MAX_ROWS = 2  # the file has 3 lines
    response = _upload(alice_client)
    batch = RecordImportBatch.objects.for_tenant(world.binhai).get()
    job = JobRun.objects.for_tenant(world.binhai).get()
    assert (batch.status, batch.job_run, job.name, job.params) == ("queued", job, "imports.run", {"batch_id": batch.pk})
    page = alice_client.get(response["Location"]).content.decode()
    assert 'class="job-progress"' in page
    assert 'hx-trigger="every 2s"' in page
    poll = alice_client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert poll.status_code == 204  # still queued: nothing to swap
    execute(job.pk)  # what the worker does with the queued run
    batch.refresh_from_db()
    job.refresh_from_db()
    assert counts(batch) == ("partly_committed", 2, 1, 0, 0, 1)
    assert (job.status, job.progress, job.result["status"]) == ("succeeded", 100, "partly_committed")
    # Messages are kept as English source text with their numbers, and translated for the reader.
    assert [(m["text"], m["params"]) for m in job.messages] == [
        ("Reading %(name)s", {"name": "orgs.csv"}),
        ("Checked %(rows)d rows, %(refused)d refused", {"rows": 2, "refused": 1}),
        ("Writing %(rows)d rows", {"rows": 1}),
    ]
    job_page = alice_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "已检查 2 行，拒收 1 行" in job_page
    assert reverse("imports:batch", args=[batch.pk]) in job_page  # "open the import"
    finished = alice_client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"  # done: the page reloads to show the result
