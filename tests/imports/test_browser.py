"""In Chromium: Alice takes the sample file, adds a row with a wrong phone, uploads it, sees that the
file was only partly imported and downloads the report naming the row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from portal.stakeholders.models import Organisation
from tests.browser.conftest import browser_context_args, browser_world, log_in  # noqa: F401 - fixtures
from tests.personas import World

pytestmark = pytest.mark.browser


def test_alice_imports_the_sample_with_one_bad_row_and_reads_the_report(
    page: Page,
    live_server: Any,
    browser_world: World,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
) -> None:
    log_in(page, live_server, "alice")
    page.get_by_role("link", name="台账导入").click()
    expect(page.locator("h1")).to_have_text("台账导入")
    page.get_by_role("link", name="利益相关方单位").click()
    expect(page.locator("#columns")).to_contain_text("联系电话")

    with page.expect_download() as sample_download:
        page.get_by_role("link", name="下载示例文件").click()
    sample = Path(sample_download.value.path()).read_bytes().decode("utf-8-sig")
    assert sample.splitlines()[0] == "名称,类型,所在区,简称,地址,联系人,联系电话,说明,纬度,经度"
    # The sample's two rows are rows 2 and 3; the added row, with a phone of five digits, is row 4.
    edited = tmp_path / "单位台账.csv"
    edited.write_bytes((sample + "海河物业公司,物业公司,滨海新区,,,,12345,,,\n").encode("utf-8-sig"))

    page.get_by_role("link", name="导入文件").click()
    page.set_input_files("input[type=file]", str(edited))
    page.get_by_role("button", name="导入").click()

    expect(page.locator("#batch-status")).to_have_text("部分导入")
    expect(page.get_by_role("alert")).to_contain_text("仅导入了文件的一部分：1 行被拒收。")
    expect(page.locator("#rows-created")).to_have_text("2")
    expect(page.locator("#rows-refused")).to_have_text("1")
    with page.expect_download() as report_download:
        page.get_by_role("link", name="下载错误报告").click()
    report = Path(report_download.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    assert report == [
        "行号,列,值,原因",
        "4,联系电话,12345,请输入大陆手机号码（如 13812345678）或带区号的固定电话（如 022-23456789）。",
    ]
    names = Organisation.objects.for_tenant(browser_world.binhai).values_list("name", flat=True)
    assert sorted(names) == ["新港街道幸福里社区居民委员会", "滨海新区城市管理委员会"]
