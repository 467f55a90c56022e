"""Moderation in real headless Chromium: the officer opens moderation on the demo, records a consensus score for a
spread-flagged criterion (a missing rationale is refused first), withdraws it again, and finds the change in the
audit trail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
REFERENCE = "CSC-2026-01"


@pytest.fixture
def demo_back_in_scoring(live_app) -> Iterator[None]:
    """The live server is shared: put the demo back in scoring afterwards for the tests that follow."""
    yield
    from sqlalchemy import delete, select

    from workbench.extensions import db
    from workbench.models import Consensus, Procurement, Status

    with live_app.app_context():
        found = db.session.execute(select(Procurement).where(Procurement.reference == REFERENCE)).scalar_one()
        db.session.execute(delete(Consensus).where(Consensus.procurement_id == found.id))
        found.status = Status.SCORING
        db.session.commit()


def test_officer_moderates_a_spread_flagged_criterion(new_page, demo_back_in_scoring):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto(f"/procurements/{REFERENCE}")
    page.get_by_role("link", name="Moderation", exact=True).click()
    page.get_by_role("button", name="Open moderation").click()
    page.locator("caption", has_text="Scores submitted so far").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("I understand that scoring closes").check()
    page.get_by_role("button", name="Open moderation").click()
    page.locator(".govuk-notification-banner", has_text="Moderation is open").wait_for()

    flagged = page.locator("table", has=page.locator("caption", has_text="Flagged for moderation"))
    assert flagged.count() == 1
    first = flagged.locator("tbody tr").first
    supplier = first.locator("th").inner_text().strip()
    first.get_by_role("link").click()
    page.locator(".govuk-tag", has_text="Scores differ").first.wait_for()
    assert axe_violations(page) == []

    page.get_by_role("radio").nth(3).check()
    page.get_by_role("button", name="Save consensus score").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Explain how the panel reached this consensus score" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []

    page.get_by_label("Rationale").fill("The panel agreed the demonstration met the requirement, no more.")
    page.get_by_role("button", name="Save consensus score").click()
    page.locator(".govuk-notification-banner", has_text="Consensus score saved").wait_for()
    row = page.locator("table", has=page.locator("caption", has_text="Flagged for moderation")).locator(
        "tbody tr", has_text=supplier).first
    assert "Not recorded" not in row.inner_text()
    screenshot(page, "moderation-index")

    row.get_by_role("link").click()  # withdraw it again: the results go back to the panel mean
    page.get_by_role("link", name="Withdraw the consensus score").click()
    page.get_by_role("heading", name="Withdraw the consensus score").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Reason for withdrawing it").fill("Recorded before the panel had read the clarification.")
    page.get_by_role("button", name="Withdraw consensus score").click()
    page.locator(".govuk-notification-banner", has_text="Consensus score withdrawn").wait_for()
    assert "Not recorded: the results use the panel mean" in page.content()

    page.goto(f"/procurements/{REFERENCE}")
    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Action").select_option("consensus.recorded")
    page.get_by_role("button", name="Filter").click()
    page.locator("caption", has_text="1 event matching the filters").wait_for()
    assert "The panel agreed the demonstration met the requirement" in page.content()
    assert page.locator("#chain-status").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "audit-trail")
