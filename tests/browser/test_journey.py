"""The whole panel journey in real headless Chromium, through the real pages (issue 3, "Done when").

On a procurement made for this test (so the shared demo keeps its state): the officer opens scoring; each of the
two evaluators (one on a phone without JavaScript) signs in, declares conflicts (one a conflict, with details),
scores every supplier they may with a justification per criterion and submits; the officer opens moderation,
records a consensus score with a rationale on a spread-flagged item, finalises, and reads the results page — whose
ranking must equal the scoring engine's (``workbench.results.inputs.results_for``) for that procurement, and the
figures worked by hand below. An evaluator sees moderation only once it opens, and
never the supplier they declared a conflict with. axe-core finds nothing on each kind of page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
REFERENCE = "BROWSER-JOURNEY-1"
PASSWORD = "browser-journey-2026"
OFFICER = "olivia.officer@council.example"
JO = "jo.journey@council.example"
KIT = "kit.journey@council.example"
PLAN = f"""\
title: Browser panel journey
reference: {REFERENCE}
scale: {{min: 0, max: 5}}
quality_weight: 60
price_weight: 40
price_method: lowest
sections:
  - name: Practice
    weight: 70
    criteria:
      - {{code: J1, title: Recording burden, question: "How do you avoid entering the same data twice?", weight: 60}}
      - {{code: J2, title: Reports, question: "Which reports come ready-made?", weight: 40}}
  - name: Security
    weight: 30
    criteria:
      - {{code: J3, title: Access control, question: "How is access to records controlled?", weight: 100}}
suppliers:
  - {{name: Ashdown Case Systems, price: 100000}}
  - {{name: Brookfield Digital, price: 125000}}
  - {{name: Castleway Software, price: 90000}}
evaluators:
  - {{email: {JO}, name: Jo Journey}}
  - {{email: {KIT}, name: Kit Journey}}
"""
LABELS = {0: "Unacceptable", 1: "Poor", 2: "Weak", 3: "Satisfactory", 4: "Good", 5: "Excellent"}
# evaluator -> supplier -> criterion -> score; Kit has a conflict with Castleway and does not score it.
# Jo and Kit differ by 3 levels on Ashdown J1: the spread flag the officer moderates.
SCORES = {
    JO: {"Ashdown Case Systems": {"J1": 1, "J2": 4, "J3": 3},
         "Brookfield Digital": {"J1": 4, "J2": 3, "J3": 4},
         "Castleway Software": {"J1": 2, "J2": 2, "J3": 3}},
    KIT: {"Ashdown Case Systems": {"J1": 4, "J2": 4, "J3": 4},
          "Brookfield Digital": {"J1": 3, "J2": 4, "J3": 4}},
}
CONFLICTS = {KIT: {"Castleway Software": "I advised Castleway on its bid strategy in 2025."}}
# Worked by hand: Ashdown J1 is the consensus 3 (not the mean 2.5); Castleway counts Jo's scores only.
# Ashdown quality 70*(.6*3/5 + .4*4/5) + 30*(3.5/5) = 68.6, price 100*90000/100000 = 90, total .6*68.6 + .4*90.
WORKED_BY_HAND = [("1", "Ashdown Case Systems", "68.60", "90.00", "77.16"),
                  ("2", "Brookfield Digital", "73.00", "72.00", "72.60"),
                  ("3", "Castleway Software", "46.00", "100.00", "67.60")]
SEEN: set[str] = set()  # page types already checked with axe in this run


def _make_procurement(live_app) -> None:
    from sqlalchemy import select

    from workbench.auth.services import hash_password
    from workbench.extensions import db
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.models import User
    from workbench.procurements.services import create_procurement_from_plan

    with live_app.app_context():
        officer = db.session.execute(select(User).where(User.email == OFFICER)).scalar_one()
        plan = load_plan(Path("journey.yaml"), load_library(), text=PLAN)
        create_procurement_from_plan(plan, actor="browser test", source="journey.yaml", officer=officer)
        for email in (JO, KIT):
            db.session.execute(select(User).where(User.email == email)).scalar_one().password_hash = (
                hash_password(PASSWORD))
        db.session.commit()


def _check(page: Page, kind: str) -> None:
    """axe once per kind of page (zero WCAG 2.2 A/AA violations), and a screenshot of each."""
    if kind in SEEN:
        return
    SEEN.add(kind)
    assert axe_violations(page) == [], kind
    screenshot(page, f"journey-{kind}")


def _open_scoring(page: Page) -> None:
    page.goto(f"/procurements/{REFERENCE}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Browser panel journey")
    _check(page, "overview-draft")
    page.get_by_role("button", name="Open scoring").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Scoring is open")


def _declare(page: Page, email: str) -> None:
    for supplier in SCORES[JO]:
        page.get_by_role("link", name=f"Declare conflicts for {supplier}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Conflict of interest: {supplier}")
        _check(page, "declare")
        details = CONFLICTS.get(email, {}).get(supplier)
        if details:
            page.get_by_label("Yes, I have a conflict of interest").check()
            page.get_by_label("If you have a conflict, describe it").fill(details)
        else:
            page.get_by_label("No, I have no conflict of interest").check()
        page.get_by_role("button", name="Make declaration").click()
        expect(page.get_by_role("heading", name="Score the bids")).to_be_visible()


def _score(page: Page, email: str) -> None:
    for supplier, scores in SCORES[email].items():
        page.get_by_role("link", name=f"Score {supplier}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Score {supplier}")
        for code, value in scores.items():
            page.get_by_role("group", name=f"Score for {code}").get_by_label(f"{value} – {LABELS[value]}").check()
            page.get_by_label(f"Justification for {code}").fill(f"{code}: the evidence supports {LABELS[value]}.")
        _check(page, "score-supplier")
        page.get_by_role("button", name=f"Submit scores for {supplier}").click()
        expect(page.get_by_text(f"Your scores for {supplier} are submitted.")).to_be_visible()
        expect(page.get_by_role("row").filter(has_text=supplier)).to_contain_text("Submitted")


def _evaluate(new_page, email: str, viewport: dict[str, int], javascript: bool = True) -> Page:
    page = new_page(viewport, javascript=javascript)
    sign_in(page, email, PASSWORD)
    page.goto(f"/procurements/{REFERENCE}")
    page.get_by_role("link", name="Score the bids").click()
    expect(page.get_by_role("heading", name="Score the bids")).to_be_visible()
    _check(page, "scoring-index")
    _declare(page, email)
    if email in CONFLICTS:
        expect(page.get_by_role("row").filter(has_text="Castleway Software")).to_contain_text("Conflict declared")
    _score(page, email)
    expect(page.locator("main")).to_contain_text(
        f"You have submitted scores for {len(SCORES[email])} of the {len(SCORES[email])} supplier(s)")
    return page


def _panel_reads_moderation(page: Page, *, open_: bool) -> None:
    """Evaluators see nobody else's scores before moderation opens; after, every score except their conflicts'."""
    response = page.goto(f"/procurements/{REFERENCE}/moderation")
    if not open_:
        assert response is not None and response.status == 403
        return
    assert response is not None and response.status == 200
    expect(page.locator("main")).to_contain_text("The evaluation is finalised")
    expect(page.locator("main")).not_to_contain_text("Castleway Software")  # Kit declared a conflict with them
    page.get_by_role("link", name="J1 Recording burden for Ashdown Case Systems").click()
    expect(page.get_by_role("row").filter(has_text="Jo Journey")).to_contain_text("J1: the evidence supports Poor.")
    expect(page.locator("main")).to_contain_text("Single entry was shown for most forms, not all: satisfactory.")
    expect(page.get_by_role("button", name="Save consensus score")).to_have_count(0)
    expect(page.get_by_role("link", name="Change")).to_have_count(0)


def _moderate(page: Page) -> None:
    page.goto(f"/procurements/{REFERENCE}")
    page.get_by_role("link", name="Moderation", exact=True).click()
    _check(page, "moderation-index-scoring")
    page.get_by_role("button", name="Open moderation").click()
    # scores expected leave out the conflict: Jo 3 suppliers x 3 criteria, Kit 2 x 3
    expect(page.get_by_role("row").filter(has_text="Jo Journey")).to_contain_text("9 of 9")
    expect(page.get_by_role("row").filter(has_text="Kit Journey")).to_contain_text("6 of 6")
    _check(page, "moderation-open")
    page.get_by_label("I understand that scoring closes").check()
    page.get_by_role("button", name="Open moderation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Moderation is open")

    flagged = page.locator("table", has=page.locator("caption", has_text="Flagged for moderation"))
    expect(flagged.locator("tbody tr")).to_have_count(1)
    expect(flagged.locator("tbody tr")).to_contain_text("Ashdown Case Systems")
    _check(page, "moderation-index")
    flagged.get_by_role("link", name="J1 Recording burden for Ashdown Case Systems").click()
    expect(page.locator(".govuk-tag", has_text="Scores differ").first).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Jo Journey")).to_contain_text("J1: the evidence supports Poor.")
    _check(page, "moderation-item")
    page.get_by_role("group", name="Consensus score").get_by_label("3 – Satisfactory").check()
    page.get_by_label("Rationale").fill("Single entry was shown for most forms, not all: satisfactory.")
    page.get_by_role("button", name="Save consensus score").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Consensus score saved for Ashdown Case Systems, J1")
    row = page.locator("table", has=page.locator("caption", has_text="Flagged for moderation")).locator("tbody tr")
    expect(row).not_to_contain_text("Not recorded")

    page.get_by_role("button", name="Finalise the evaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Finalise the evaluation")
    _check(page, "moderation-finalise")
    page.get_by_label("Note for the audit trail (optional)").fill("Moderation meeting held online.")
    page.get_by_label("I understand that no score or consensus can change").check()
    page.get_by_role("button", name="Finalise the evaluation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The evaluation is finalised")


def _ranking_on_page(page: Page) -> list[tuple[str, str, str, str, str]]:
    rows = page.locator("#ranking tbody tr")
    return [tuple(cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()[:5])
            for i in range(rows.count())]


def _ranking_from_engine(live_app) -> list[tuple[str, str, str, str, str]]:
    from workbench.results.inputs import load_procurement, results_for
    from workbench.templating import two_dp

    with live_app.app_context():
        result = results_for(load_procurement(REFERENCE))
    assert result.complete
    assert result.supplier("Ashdown Case Systems").criteria["J1"].moderated
    return [(f"{s.rank}{'=' if s.tie else ''}" if s.rank else "–", s.name, two_dp(s.quality),
             two_dp(s.price_score), two_dp(s.total)) for s in result.ranked()]


def test_panel_scores_moderates_and_reads_results_in_the_browser(new_page, live_app):
    _make_procurement(live_app)
    officer = new_page(DESKTOP)
    sign_in(officer, OFFICER, _demo_password())
    _open_scoring(officer)

    _evaluate(new_page, JO, DESKTOP).close()
    kit = _evaluate(new_page, KIT, PHONE, javascript=False)  # a phone without JavaScript: the pages still work
    _panel_reads_moderation(kit, open_=False)

    _moderate(officer)
    _panel_reads_moderation(kit, open_=True)
    officer.goto(f"/procurements/{REFERENCE}")
    officer.get_by_role("link", name="Results", exact=True).click()
    expect(officer.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    expect(officer.locator("#completeness")).to_contain_text("Complete.")
    officer.wait_for_load_state("load")
    charts = officer.evaluate("[...document.querySelectorAll('img.app-chart')].map(i => i.naturalWidth)")
    assert charts and all(width > 0 for width in charts)  # every chart image was served and decoded
    _check(officer, "results")

    shown = _ranking_on_page(officer)
    assert shown == _ranking_from_engine(live_app)
    assert shown == WORKED_BY_HAND


def _demo_password() -> str:
    from workbench.demo import DEMO_PASSWORD

    return DEMO_PASSWORD
