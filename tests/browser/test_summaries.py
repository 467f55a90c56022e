"""Assessment summaries and API tokens in headless Chromium: draft, edit, release, print; create and revoke a
token. axe-core on every page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
REFERENCE = "CSC-2026-01"
SUPPLIER = "Cedarline Digital Ltd"


def _check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"summaries-{name}")


def test_officer_drafts_edits_releases_and_prints_a_summary(new_page):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto(f"/procurements/{REFERENCE}")
    with page.expect_navigation():
        page.get_by_role("link", name="Assessment summaries").click()
    _check(page, "index")
    with page.expect_navigation():
        page.get_by_role("button", name="Draft summaries for suppliers without one").click()
    with page.expect_navigation():
        page.get_by_role("link", name=SUPPLIER).click()
    assert page.get_by_text(f"Assessment summary for {SUPPLIER}").first.is_visible()
    _check(page, "show-draft")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit summary").click()
    _check(page, "edit")
    page.get_by_label("Summary text").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save summary").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _check(page, "edit-error")
    page.get_by_label("Summary text").fill("Your tender scored 60.\n\nThe most advantageous tender scored 80.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save summary").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Release summary").click()
    assert page.get_by_text("It can no longer be changed.").first.is_visible()
    assert page.get_by_role("link", name="Edit summary").count() == 0
    _check(page, "show-released")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Download as a text file").is_visible()
    assert page.get_by_text("The most advantageous tender scored 80.").is_visible()


def test_person_creates_uses_and_revokes_an_api_token(new_page, live_server):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "aisha.auditor@council.example", DEMO_PASSWORD)
    page.goto("/account/api-tokens")
    _check(page, "tokens-empty")
    page.get_by_label("Token name").fill("Warehouse nightly load")
    with page.expect_navigation():
        page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text()
    _check(page, "tokens-created")
    headers = {"Authorization": f"Bearer {secret}"}
    assert page.request.get(f"{live_server}/api/v1/procurements/{REFERENCE}/results", headers=headers).status == 200
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke token Warehouse nightly load").click()
    assert page.request.get(f"{live_server}/api/v1/procurements", headers=headers).status == 401
    page.goto("/account/api-tokens")
    assert secret not in page.content()
