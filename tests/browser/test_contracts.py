"""Contract monitoring in real headless Chromium: the demo's contract manager signs in, opens the contract,
records a measurement and sees its rating; axe-core finds no violations on the contract pages."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
CONTRACT = "CT-2026-01"


def _check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    width = page.viewport_size["width"] if page.viewport_size else 0
    screenshot(page, f"contracts-{name}-{width}")


@pytest.mark.parametrize("viewport", [DESKTOP, None], ids=["desktop", "phone"])
def test_contract_manager_records_a_measurement(new_page, viewport):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(viewport)
    sign_in(page, "jo.reed@council.example", DEMO_PASSWORD)
    page.goto("/contracts")
    _check(page, "index")
    with page.expect_navigation():
        page.get_by_role("link", name=CONTRACT).click()
    assert page.get_by_role("heading", name="Children's social care case management system").is_visible()
    _check(page, "detail")
    with page.expect_navigation():
        page.get_by_role("link", name="Record a measurement").first.click()
    _check(page, "measurement-new")
    with page.expect_navigation():
        page.get_by_role("button", name="Save measurement").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _check(page, "measurement-errors")
    period = "2026-11" if viewport else "2026-12"
    page.get_by_label("KPI").select_option("KPI1")
    page.get_by_label("Period").fill(period)
    page.get_by_label("Value").fill("98.7")
    with page.expect_navigation():
        page.get_by_role("button", name="Save measurement").click()
    row = page.get_by_role("row", name=period)
    assert "Requires improvement" in row.inner_text()
    _check(page, "kpi")
    for path in ("/measurements/import", "/incidents/import", "/incidents/new", "/escalations", "/actions",
                 "/reviews"):
        page.goto(f"/contracts/{CONTRACT}{path}")
        _check(page, path.strip("/").replace("/", "-"))
    for name in ("Signed off", "Draft"):
        page.goto(f"/contracts/{CONTRACT}/reviews")
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile(f"^{name} review")).first.click()
        _check(page, f"review-{name.lower().replace(' ', '-')}")


def test_officer_contract_pages_are_accessible(new_page):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    for path in ("/contracts/new", "/contracts/import", f"/contracts/{CONTRACT}/kpis/new",
                 f"/contracts/{CONTRACT}/slas/new", "/procurements/CSC-2026-01/award"):
        page.goto(path)
        _check(page, path.strip("/").replace("/", "-"))
