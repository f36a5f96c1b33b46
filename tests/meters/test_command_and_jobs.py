"""The command door (exit codes), the drop folder job on the real worker, and its beat entry."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from portal.jobs.models import JobRun
from portal.jobs.runner import enqueue
from portal.meters.models import ImportBatch, Meter
from portal.meters.store import read_frame
from portal.meters.tasks import enqueue_drop_folder_imports
from tests.meters.helpers import day, write_file
from tests.personas import World, make_world

GOOD = "表号,日期,电量\nM001,2024-01-30,1\n"


def test_the_command_prints_one_line_per_file_and_exits_zero(
    register: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_file(tmp_path, "a.csv", GOOD)
    second = write_file(tmp_path, "b.csv", "表号,日期,电量\nM001,2024-01-30,1\nM999,2024-01-30,1\n")
    call_command("import_readings", "--tenant", "binhai", "--dataset", "meter_daily", str(first), str(second))
    lines = capsys.readouterr().out.splitlines()
    ids = list(ImportBatch.objects.for_tenant(register.binhai).order_by("pk").values_list("pk", flat=True))
    assert (
        lines[0]
        == f"a.csv: committed batch={ids[0]} rows=1 accepted=1 rejected=0 replaced=0 days=2024-01-30..2024-01-30"
    )
    assert lines[1].startswith(f"b.csv: committed batch={ids[1]} rows=2 accepted=1 rejected=1 replaced=0")
    assert "report=" in lines[1]


def test_the_command_exits_non_zero_when_a_file_is_rejected(register: World, tmp_path: Path) -> None:
    bad = write_file(tmp_path, "bad.csv", "表号,日期,电量\nM001,2024-01-30,1\nM001,2024-01-31,-1\n")
    with pytest.raises(CommandError, match="1 of 1 files were not imported"):
        call_command("import_readings", "--tenant", "binhai", "--dataset", "meter_daily", "--reject-all", str(bad))
    assert ImportBatch.objects.for_tenant(register.binhai).get().status == "rejected"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tenant", "nowhere", "--dataset", "meter_daily", "x.csv"], "nowhere"),  # the one message of every command
        (["--tenant", "binhai", "--dataset", "meter_daily", "/no/such/file.csv"], "No such file"),
    ],
)
def test_the_command_refuses_bad_arguments(register: World, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("import_readings", *args)


def test_the_beat_task_queues_a_run_only_for_tenants_with_files(register: World) -> None:
    folder = Path(settings.METER_DROP_PATH) / "binhai"
    folder.mkdir(parents=True)
    (folder / "meter_daily-jan.csv").write_text(GOOD, encoding="utf-8")
    assert enqueue_drop_folder_imports() == 1
    assert list(JobRun.objects.all_tenants().values_list("tenant__slug", "name")) == [
        ("binhai", "meters.import_drop_folder")
    ]


def _wait(run: JobRun, seconds: float = 60) -> JobRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            return run
        time.sleep(0.3)
    raise AssertionError(f"job run {run.pk} did not finish: {run.status} {run.messages}")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_drop_folder_job_imports_on_the_real_worker(celery_worker: object) -> None:
    world = make_world()
    Meter.objects.create(tenant=world.binhai, meter_no="M001")
    folder = Path(settings.METER_DROP_PATH) / "binhai"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_file(folder, "meter_daily-2024-01.csv", GOOD + "M001,2024-01-31,2.5\n")
        write_file(folder, "readme.txt", "not data")
        run = _wait(enqueue("meters.import_drop_folder", world.binhai))
        assert (run.status, run.progress) == ("succeeded", 100), run.error
        assert run.result["files"] == {"meter_daily-2024-01.csv": "committed"}
        assert run.result["skipped"] == ["readme.txt"]
        shown = [m.text for m in run.shown_messages]
        assert any("meter_daily-2024-01.csv：已导入，共 2 行，导入 2 行。" in m for m in shown)
        assert any("readme.txt 已跳过" in m for m in shown)
        assert (folder / "done" / "meter_daily-2024-01.csv").exists()
        assert not (folder / "meter_daily-2024-01.csv").exists()
        frame = read_frame(world.binhai.pk, "meter_daily", day("2024-01-30"), day("2024-01-31"))
        assert frame["value"].tolist() == [1.0, 2.5]
    finally:
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
