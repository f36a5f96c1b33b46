"""The API door (multipart upload, list, data sets, report; key scopes) and the command door."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from portal.audit.models import PersonalDataAccess
from portal.imports.models import RecordImportBatch
from portal.imports.spec import RecordImport
from portal.jobs.models import JobRun
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
from tests.conftest import api_client_for_key
from tests.imports.conftest import ORGANISATIONS, PROBE, counts, run, write
from tests.personas import World, make_world

IMPORTS = "/api/v1/imports/"
ONE_BAD = "名称,类型,联系电话\n甲单位,企业,13812345678\n乙单位,学校,12345\n"


def _file(content: str = ONE_BAD, name: str = "orgs.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode())


@pytest.fixture
def alice_api(world: World) -> APIClient:
    client = APIClient()
    client.force_login(world.alice)
    return client


def _key(world: World, *programmes: str, personal: bool = False) -> APIClient:
    _key, token = ApiKey.issue(
        world.binhai, f"key {programmes} {personal}", programmes=list(programmes), can_see_personal_data=personal
    )
    return api_client_for_key(token)


@pytest.mark.django_db
def test_alice_posts_a_small_file_and_gets_201_with_the_finished_batch(world: World, alice_api: APIClient) -> None:
    response = alice_api.post(IMPORTS, {"dataset": ORGANISATIONS, "file": _file()}, format="multipart")
    assert response.status_code == 201
    body = response.json()
    batch = RecordImportBatch.objects.for_tenant(world.binhai).get()
    assert (body["id"], body["status"], body["rows_created"], body["rows_refused"], body["has_report"]) == (
        batch.pk,
        "partly_committed",
        1,
        1,
        True,
    )
    assert (batch.source, batch.created_by) == ("api", world.alice)


@pytest.mark.django_db
def test_a_big_file_is_queued_with_202_and_its_job_run(world: World, alice_api: APIClient, settings: object) -> None:
    settings.IMPORTS_INLINE_MAX_ROWS = 0  # type: ignore[attr-defined]
    response = alice_api.post(
        IMPORTS, {"dataset": ORGANISATIONS, "file": _file(), "on_error": "all_or_nothing"}, format="multipart"
    )
    assert response.status_code == 202
    job = JobRun.objects.for_tenant(world.binhai).get()
    assert (response.json()["status"], response.json()["job_run"], response.json()["on_error"]) == (
        "queued",
        job.pk,
        "all_or_nothing",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"dataset": ORGANISATIONS}, "file"),
        ({"dataset": "stakeholders.nothing", "file": "f"}, "dataset"),
        ({"dataset": ORGANISATIONS, "file": "f", "on_error": "sometimes"}, "on_error"),
        ({"dataset": ORGANISATIONS, "file": "xls"}, "file"),
    ],
)
def test_bad_uploads_get_400_naming_the_field_and_nothing_is_kept(
    world: World, alice_api: APIClient, data: dict[str, str], field: str
) -> None:
    payload: dict[str, object] = dict(data)
    if payload.get("file") == "f":
        payload["file"] = _file()
    elif payload.get("file") == "xls":
        payload["file"] = _file(name="orgs.xls")
    response = alice_api.post(IMPORTS, payload, format="multipart")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not RecordImportBatch.objects.for_tenant(world.binhai).exists()


@pytest.mark.django_db
def test_bob_may_not_post_over_the_api(world: World) -> None:
    client = APIClient()
    client.force_login(world.bob)
    assert client.post(IMPORTS, {"dataset": ORGANISATIONS, "file": _file()}, format="multipart").status_code == 403
    assert client.get(IMPORTS).status_code == 200


@pytest.mark.django_db
def test_a_partner_key_is_refused_writing_even_with_the_programme_scope(world: World, probe: RecordImport) -> None:
    for client in (_key(world), _key(world, "alliance", personal=True)):
        response = client.post(IMPORTS, {"dataset": PROBE, "file": _file()}, format="multipart")
        assert response.status_code == 403
    assert not RecordImportBatch.objects.for_tenant(world.binhai).exists()


@pytest.mark.django_db
def test_a_key_sees_the_batches_of_its_programmes_data_sets_and_the_cores(
    world: World, probe: RecordImport, tmp_path: Path
) -> None:
    core = run(world.binhai, write(tmp_path, "orgs.csv", ONE_BAD))
    alliance = run(world.binhai, write(tmp_path, "probe.csv", "编号\nT001\n"), PROBE)
    scoped = _key(world, "alliance")
    assert [b["id"] for b in scoped.get(IMPORTS).json()["results"]] == [alliance.pk, core.pk]
    assert scoped.get(f"{IMPORTS}{alliance.pk}/").json()["rows_unchanged"] == 1
    core_only = _key(world)
    assert [b["id"] for b in core_only.get(IMPORTS).json()["results"]] == [core.pk]
    assert core_only.get(f"{IMPORTS}{alliance.pk}/").status_code == 404
    assert [d["code"] for d in scoped.get(f"{IMPORTS}datasets/").json()] == [PROBE, ORGANISATIONS]
    assert [d["code"] for d in core_only.get(f"{IMPORTS}datasets/").json()] == [ORGANISATIONS]


@pytest.mark.django_db
def test_the_data_sets_endpoint_describes_the_columns(world: World, alice_api: APIClient) -> None:
    (organisations,) = alice_api.get(f"{IMPORTS}datasets/").json()
    phone = next(c for c in organisations["columns"] if c["name"] == "contact_phone")
    assert phone == {
        "name": "contact_phone",
        "label": "联系电话",
        "headers": ["contact_phone", "电话", "手机", "联系方式", "phone", "联系电话", "contact phone"],
        "kind": "phone",
        "required": False,
        "max_length": None,
        "min_value": None,
        "max_value": None,
        "choices": [],
    }
    assert (organisations["key"], organisations["sample"]) == (
        ["name"],
        "/imports/stakeholders.organisations/sample.csv",
    )


@pytest.mark.django_db
def test_the_report_needs_the_personal_data_flag_and_its_read_is_logged(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "orgs.csv", ONE_BAD))
    assert _key(world).get(f"{IMPORTS}{batch.pk}/report/").status_code == 403
    report = _key(world, personal=True).get(f"{IMPORTS}{batch.pk}/report/")
    assert report.status_code == 200
    assert b"".join(report.streaming_content).decode("utf-8-sig").splitlines()[1].startswith("3,联系电话,12345,")  # type: ignore[attr-defined]
    access = PersonalDataAccess.objects.for_tenant(world.binhai).get()
    assert (access.channel, access.fields, access.actor_label) == (
        "api",
        ["report_file"],
        "key () True",
    )  # the key, by its name


@pytest.mark.django_db
def test_charlies_key_gets_404_for_alices_batch_and_its_report(world: World, tmp_path: Path) -> None:
    batch = run(world.binhai, write(tmp_path, "orgs.csv", ONE_BAD))
    _charlies_key, token = ApiKey.issue(world.wuqing, "武清区政府", can_see_personal_data=True)
    charlie = api_client_for_key(token)
    assert charlie.get(f"{IMPORTS}{batch.pk}/").status_code == 404
    assert charlie.get(f"{IMPORTS}{batch.pk}/report/").status_code == 404
    assert charlie.get(IMPORTS).json()["results"] == []


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_import_endpoints(world: World) -> None:
    schema = APIClient().get("/api/v1/schema/").content.decode()
    assert "/api/v1/imports/:" in schema
    assert "/api/v1/imports/datasets/:" in schema
    assert "/api/v1/imports/{id}/report/:" in schema
    assert "multipart/form-data" in schema
    assert "RecordImportBatchStatusEnum" in schema


class TestRecordImportEndpoint(EndpointContract):
    """The list/detail matrix: no personal field is shown (the report is its own, logged endpoint)."""

    basename = "record-import"

    def make_row(self, world: World, tenant: Tenant, n: int) -> RecordImportBatch:
        return RecordImportBatch.objects.create(
            tenant=tenant,
            dataset=ORGANISATIONS,
            programme="core",
            source=RecordImportBatch.Source.API,
            original_name=f"orgs-{n}.csv",
            checksum=f"{n:064d}",
            status=RecordImportBatch.Status.COMMITTED,
            created_by=world.alice if tenant == world.binhai else world.charlie,
        )


# --- the command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_and_prints_one_line_per_file(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, "good.csv", "名称,类型\n丙单位,企业\n")
    mixed = write(tmp_path, "mixed.csv", ONE_BAD)
    call_command("import_records", "--tenant", "binhai", "--dataset", ORGANISATIONS, str(good), str(mixed))
    first, second = RecordImportBatch.objects.for_tenant(world.binhai).order_by("pk")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"good.csv: committed batch={first.pk} read=1 created=1 updated=0 unchanged=0 refused=0"
    assert lines[1] == (
        f"mixed.csv: partly_committed batch={second.pk} read=2 created=1 updated=0 unchanged=0 refused=1"
        f" report={second.report_file.path}"
    )
    assert (first.source, first.created_by) == ("command", None)


@pytest.mark.django_db
def test_the_command_all_or_nothing_exits_non_zero_and_writes_nothing(world: World, tmp_path: Path) -> None:
    mixed = write(tmp_path, "mixed.csv", ONE_BAD)
    with pytest.raises(CommandError, match="1 of 1 files were not imported"):
        call_command("import_records", "--tenant", "binhai", "--dataset", ORGANISATIONS, "--all-or-nothing", str(mixed))
    assert counts(RecordImportBatch.objects.for_tenant(world.binhai).get()) == ("rejected", 2, 0, 0, 0, 1)
    assert not Organisation.objects.for_tenant(world.binhai).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tenant", "nowhere", "--dataset", ORGANISATIONS, "x.csv"], "nowhere"),
        (["--tenant", "binhai", "--dataset", ORGANISATIONS, "/no/such/file.csv"], "No such file"),
        (["--tenant", "binhai", "--dataset", "stakeholders.nothing", "x.csv"], "invalid choice"),
    ],
)
def test_the_command_refuses_bad_arguments(world: World, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("import_records", *args)


# --- the real worker ------------------------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_queued_upload_is_imported_by_the_real_worker(celery_worker: object, settings: object) -> None:
    world = make_world()
    settings.IMPORTS_INLINE_MAX_ROWS = 0  # type: ignore[attr-defined]
    client = Client()
    client.force_login(world.alice)
    url = "/imports/stakeholders.organisations/upload/"
    client.post(url, {"on_error": "keep_good", "file": _file()})
    batch = RecordImportBatch.objects.for_tenant(world.binhai).get()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.is_finished:
            break
        time.sleep(0.3)
    assert counts(batch) == ("partly_committed", 2, 1, 0, 0, 1)
    assert JobRun.objects.for_tenant(world.binhai).get().status == "succeeded"
    assert list(Organisation.objects.for_tenant(world.binhai).values_list("name", flat=True)) == ["甲单位"]
