"""The officer opens the demo's results page in headless Chromium (axe: no violations) and downloads the workbook."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
REFERENCE = "CSC-2026-01"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_officer_reads_results_and_downloads_the_workbook(new_page, tmp_path, viewport):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(viewport)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto(f"/procurements/{REFERENCE}")
    with page.expect_navigation():
        page.get_by_role("link", name="Results", exact=True).click()
    assert page.get_by_role("heading", name="Results", exact=True).is_visible()
    assert page.locator("#ranking tbody tr").count() >= 2
    page.get_by_text("Data for this chart").first.click()
    assert axe_violations(page) == []
    screenshot(page, f"results-{viewport['width']}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel workbook with live formulas (XLSX)").click()
    target = tmp_path / "results.xlsx"
    download_info.value.save_as(target)
    workbook = load_workbook(target)
    assert {"Summary", "Matrix", "Sensitivity"} <= set(workbook.sheetnames)
    assert workbook["Summary"]["A1"].value == "Supplier"
