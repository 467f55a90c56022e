"""Panel scoring in real headless Chromium: an evaluator declares conflicts, scores a supplier with
justifications, saves a draft, fixes an error, submits; then does the same without JavaScript. axe-core on every
scoring page. The test makes its own procurement in the live app, so other journeys cannot move it on."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
PASSWORD = "browser-scoring-2026"
PLAN = """\
title: Browser scoring journey
reference: {reference}
scale: {{min: 0, max: 5}}
quality_weight: 70
price_weight: 30
price_method: lowest
sections:
  - name: Working with social workers
    weight: 100
    criteria:
      - code: B1
        title: Recording burden
        question: How does the system avoid entering the same data twice?
        guidance:
          poor: Claims with no demonstration.
          satisfactory: A working example shown in the demonstration.
          excellent: Shown end to end with evidence from current customers.
        weight: 60
      - {{code: B2, title: Reports, question: "Which reports come ready-made?", weight: 40}}
  - name: Compliance
    weight: 0
    criteria:
      - {{code: BPF, title: Cyber Essentials Plus certificate, kind: pass_fail}}
suppliers:
  - {{name: Ashdown Case Systems, price: 100}}
  - {{name: Brookfield Digital, price: 120}}
  - {{name: Castleway Software, price: 110}}
evaluators:
  - {{email: {email}, name: Bea Browser}}
"""


def _make_procurement(live_app, reference: str, email: str) -> None:
    from workbench.auth.services import hash_password
    from workbench.extensions import db
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.models import BidResponse, User
    from workbench.procurements.scoring_state import open_scoring
    from workbench.procurements.services import create_procurement_from_plan

    with live_app.app_context():
        plan = load_plan(Path("browser.yaml"), load_library(), text=PLAN.format(reference=reference, email=email))
        procurement = create_procurement_from_plan(plan, actor="browser test", source="browser.yaml")
        db.session.flush()
        db.session.refresh(procurement)
        user = db.session.query(User).filter_by(email=email).one()
        user.password_hash = hash_password(PASSWORD)
        first = procurement.suppliers[0]
        db.session.add(BidResponse(procurement_id=procurement.id, supplier_id=first.id,
                                   criterion_id=procurement.criteria[0].id,
                                   response="Details are entered once and reused across forms."))
        open_scoring(procurement, actor="browser test")
        db.session.commit()


def _check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"scoring-{name}")


def _journey(page, reference: str, *, javascript: bool) -> None:
    base = f"/procurements/{reference}/scoring"
    page.goto(f"/procurements/{reference}")
    page.get_by_role("link", name="Score the bids").click()
    expect(page.get_by_role("heading", name="Score the bids")).to_be_visible()
    if javascript:
        _check(page, "index")

    # declarations: no conflict with the first two suppliers, a conflict (with details) with the third
    page.get_by_role("link", name="Declare conflicts for Castleway Software").click()
    page.get_by_label("Yes, I have a conflict of interest").check()
    page.get_by_role("button", name="Make declaration").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    if javascript:
        _check(page, "declare-error")
    page.get_by_label("If you have a conflict, describe it").fill("I worked for Castleway until 2024.")
    page.get_by_role("button", name="Make declaration").click()
    expect(page.get_by_text("Conflict declared – not scoring")).to_be_visible()
    for supplier in ("Ashdown Case Systems", "Brookfield Digital"):
        page.get_by_role("link", name=f"Declare conflicts for {supplier}").click()
        if javascript and supplier.startswith("Ashdown"):
            _check(page, "declare")
        page.get_by_label("No, I have no conflict of interest").check()
        page.get_by_role("button", name="Make declaration").click()

    # score the first supplier: evidence beside the form, a draft, an error, then submit
    page.get_by_role("link", name="Score Ashdown Case Systems").click()
    expect(page.get_by_text("Details are entered once and reused across forms.")).to_be_visible()
    if javascript:
        _check(page, "supplier")
    page.get_by_role("group", name="Score for B1").get_by_label("4 – Good").check()
    page.get_by_label("Justification for B1").fill("A convincing demonstration of single entry.")
    page.get_by_role("group", name="Score for B2").get_by_label("3 – Satisfactory").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft scores for Ashdown Case Systems are saved.")).to_be_visible()
    expect(page.get_by_role("group", name="Score for B1").get_by_label("4 – Good")).to_be_checked()

    page.get_by_role("group", name="Score for BPF").get_by_label("Pass").check()
    page.get_by_role("button", name="Submit scores for Ashdown Case Systems").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a justification for B2")
    if javascript:
        _check(page, "supplier-errors")
    page.get_by_label("Justification for B2").fill("The standard reports cover our returns.")
    page.get_by_label("Justification for BPF").fill("Certificate seen, valid to 2027.")
    page.get_by_role("button", name="Submit scores for Ashdown Case Systems").click()
    expect(page.get_by_text("Your scores for Ashdown Case Systems are submitted.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Ashdown Case Systems")).to_contain_text("Submitted")

    # criterion by criterion, and the workbook pages
    page.goto(f"{base}")
    page.get_by_role("link", name="B2: Reports").click()
    expect(page.get_by_role("heading", name="Brookfield Digital", exact=True)).to_be_visible()
    expect(page.get_by_text("Castleway Software")).to_have_count(0)
    if javascript:
        _check(page, "criterion")
    page.goto(f"{base}/upload")
    if javascript:
        _check(page, "upload")


def test_an_evaluator_declares_scores_and_submits(new_page, live_app):
    email = "bea.browser@council.example"
    _make_procurement(live_app, "BROWSER-SCORE-1", email)
    page = new_page(DESKTOP)
    sign_in(page, email, PASSWORD)
    _journey(page, "BROWSER-SCORE-1", javascript=True)


def test_scoring_works_without_javascript(new_page, live_app):
    email = "bea.nojs@council.example"
    _make_procurement(live_app, "BROWSER-SCORE-2", email)
    page = new_page(javascript=False)
    sign_in(page, email, PASSWORD)
    _journey(page, "BROWSER-SCORE-2", javascript=False)


def test_the_officer_progress_page_is_accessible(new_page):
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto("/procurements/CSC-2026-01")
    page.get_by_role("link", name="Panel progress").click()
    expect(page.get_by_role("heading", name="Conflict of interest declarations")).to_be_visible()
    _check(page, "progress")
