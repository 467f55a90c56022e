"""A supplier answers through their invitation link in a real browser: a question, a PNG upload, submission."""

from __future__ import annotations

import dataclasses

import pytest

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in
from tests.integration.evidence.files import png

pytestmark = pytest.mark.browser
REFERENCE = "EV-BROWSER"


@pytest.fixture
def draft_procurement(live_app):
    """A procurement still being set up (suppliers may answer), made in the live server's database."""
    from workbench.demo import DEMO_PLAN
    from workbench.extensions import db
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.models import Procurement
    from workbench.procurements.services import create_procurement_from_plan

    with live_app.app_context():
        from workbench.auth.services import find_user

        existing = db.session.query(Procurement).filter_by(reference=REFERENCE).one_or_none()
        if existing is None:
            officer = find_user("olivia.officer@council.example")
            plan = dataclasses.replace(load_plan(DEMO_PLAN, load_library()), reference=REFERENCE, evaluators=())
            create_procurement_from_plan(plan, actor=officer, source="browser test", officer=officer)
            db.session.commit()
    return REFERENCE


def test_supplier_answers_uploads_a_png_and_submits_through_the_link(new_page, draft_procurement, live_app):
    from workbench.demo import DEMO_PASSWORD

    officer = new_page(DESKTOP)
    sign_in(officer, "olivia.officer@council.example", DEMO_PASSWORD)
    officer.goto(f"/procurements/{REFERENCE}/bids")
    assert axe_violations(officer) == []
    officer.get_by_role("link", name="Ashdown Case Systems Ltd").click()
    officer.get_by_role("button", name="Create invitation link").click()
    link = officer.locator("#invitation-link").inner_text().strip()
    assert "/bid/" in link
    assert axe_violations(officer) == []

    supplier = new_page()  # another browser context: not signed in
    supplier.goto(link)
    assert supplier.get_by_role("heading", level=1).inner_text().endswith("supplier questionnaire")
    assert "Beacon Social Care Software Ltd" not in supplier.content()
    assert axe_violations(supplier) == []
    screenshot(supplier, "supplier-bid-start")

    supplier.locator(".govuk-task-list__link").first.click()
    supplier.get_by_label("Your answer").fill("Our product team includes two registered social workers.")
    supplier.get_by_role("button", name="Save answer").click()
    assert "saved as a draft" in supplier.content()
    assert supplier.locator(".govuk-task-list__status").first.inner_text().strip() == "Answered"

    supplier.locator(".govuk-task-list__link").first.click()
    supplier.get_by_label("Upload a document").set_input_files(
        files=[{"name": "team-structure.png", "mimeType": "image/png", "buffer": png()}])
    supplier.get_by_role("button", name="Upload file").click()
    assert "Your file has been uploaded" in supplier.content()
    assert supplier.get_by_role("link", name="team-structure.png").is_visible()
    assert axe_violations(supplier) == []
    screenshot(supplier, "supplier-bid-question")

    supplier.get_by_role("link", name="Back to your bid").click()
    supplier.get_by_role("button", name="Check and submit your bid").click()
    assert axe_violations(supplier) == []
    supplier.get_by_role("button", name="Submit bid").click()
    assert "Your bid has been submitted" in supplier.content()
    assert "It can no longer be changed" in supplier.content()
    assert axe_violations(supplier) == []

    officer.goto(f"/procurements/{REFERENCE}/bids")
    row = officer.get_by_role("row", name="Ashdown Case Systems Ltd")
    assert "Submitted" in row.inner_text() and "1 of" in row.inner_text()
