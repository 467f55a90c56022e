"""The foundation in a real browser: sign in, see the dashboard and the procurement, no accessibility failures."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_officer_signs_in_and_reaches_the_demo_procurement(new_page):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() != ""
    assert axe_violations(page) == []
    screenshot(page, "dashboard-officer")
    # other browser tests add procurements to the same live server: pick the demo's by its address
    page.locator("a[href='/procurements/CSC-2026-01']").first.click()
    assert "CSC-2026-01" in page.content()
    assert axe_violations(page) == []
    screenshot(page, "procurement-overview")


def test_wrong_password_shows_an_error_summary_that_links_to_the_field(page):
    sign_in(page, "olivia.officer@council.example", "not-the-password")
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert summary.is_visible()
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []


def test_sign_in_works_without_javascript(new_page):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(javascript=False)
    sign_in(page, "admin@council.example", DEMO_PASSWORD)
    assert "/sign-in" not in page.url
    assert page.get_by_role("button", name="Sign out").is_visible()
