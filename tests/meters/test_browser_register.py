"""In Chromium: Alice loads her grid register through the upload page and reads the row report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from portal.meters.models import ImportBatch, TransformerArea
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 - fixtures
from tests.personas import World

pytestmark = [pytest.mark.browser, pytest.mark.worker]

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


def _finished(world: World, name: str) -> ImportBatch:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        batch = ImportBatch.objects.for_tenant(world.binhai).filter(original_name=name).first()
        if batch is not None and batch.status not in ("pending", "running"):
            return batch
        time.sleep(0.3)
    raise AssertionError(f"{name} was not imported in time")


def test_alice_uploads_areas_then_meters_and_sees_the_refused_row_in_chinese(
    page: Page,
    live_server: Any,
    browser_world: World,  # noqa: F811 - the fixture imported above
    celery_worker: object,
    tmp_path: Path,
) -> None:
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/meters/imports/new/")
    expect(page.get_by_role("link", name="文件格式说明")).to_be_visible()
    page.select_option("#id_dataset", "register_areas")
    page.set_input_files("#id_file", str(SAMPLES / "register_areas.csv"))
    page.get_by_role("button", name="导入", exact=True).click()
    expect(page.locator("h1")).to_contain_text("register_areas.csv")
    assert _finished(browser_world, "register_areas.csv").rows_created == 3
    assert TransformerArea.objects.for_tenant(browser_world.binhai).count() == 3

    meters = tmp_path / "meters.csv"
    meters.write_text("表号,台区编号,户名\n1100000001,TQ-001,王秀英\n1100000009,TQ-404,李建国\n", encoding="gbk")
    page.goto(f"{live_server.url}/meters/imports/new/")
    page.select_option("#id_dataset", "register_meters")
    page.set_input_files("#id_file", str(meters))
    page.get_by_role("button", name="导入", exact=True).click()
    batch = _finished(browser_world, "meters.csv")
    page.reload()
    expect(page.get_by_text("已导入 1 行（新增 1，变更 0，0 块电表迁至其他台区），拒绝 1 行。")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载错误报告").click()
    report = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert "3,台区编号,TQ-404,未知台区：本单位台区档案中没有该台区编号。" in report
    assert batch.rows_rejected == 1
