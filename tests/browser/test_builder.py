"""The procurement builder in real headless Chromium: an officer builds a small procurement from scratch (a
section, two criteria from the library, weights to 100, a supplier, an evaluator) and opens scoring — with and
without JavaScript. axe-core on every page of the editor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
OFFICER = "olivia.officer@council.example"
PASSWORD = "demo-workbench-2026"
EVALUATOR = "sam.patel@council.example"


def _no_violations(page, where: str) -> None:
    """axe runs as a script in the page, so only where JavaScript is on (the markup is the same without it)."""
    if page._builder_js:
        assert axe_violations(page) == [], where


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_officer_builds_a_procurement_from_scratch_and_opens_scoring(new_page, javascript):
    reference = f"BUILD-{'JS' if javascript else 'NOJS'}"
    page = new_page(DESKTOP, javascript=javascript)
    page._builder_js = javascript
    sign_in(page, OFFICER, PASSWORD)

    page.goto("/procurements/new")
    page.get_by_label("Title").fill("Built in the browser")
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Start from this criteria set").select_option("empty")
    page.get_by_label("Quality weight (percent)").fill("70")
    page.get_by_role("button", name="Create procurement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Built in the browser")
    expect(page.locator("#open-scoring-reasons")).to_contain_text("Add at least one criterion before scoring opens")
    expect(page.get_by_role("button", name="Open scoring")).to_be_disabled()
    _no_violations(page, "overview (draft)")

    page.get_by_role("link", name="Sections and criteria").click()
    page.get_by_label("Section name").fill("Data security")
    page.get_by_label("Section weight").fill("100")
    page.get_by_role("button", name="Add section").click()
    expect(page.get_by_role("table").first).to_contain_text("No criteria in this section yet")
    _no_violations(page, "sections")

    page.get_by_role("link", name="Add from the library to Data security").click()
    page.get_by_label("Search the library").fill("data")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("CSC08 Data security and data protection").check()
    _no_violations(page, "library picker")
    page.get_by_role("button", name="Add selected criteria").click()
    page.get_by_role("link", name="Add from the library to Data security").click()
    page.get_by_label("Search the library").fill("reports run directly")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("CSC10 Reports run directly from the system").check()
    page.get_by_role("button", name="Add selected criteria").click()
    expect(page.get_by_role("table").first).to_contain_text("CSC08")
    expect(page.get_by_role("table").first).to_contain_text("CSC10")

    page.get_by_role("link", name="Weights", exact=True).click()
    criteria_sum = page.locator(".app-weights-section .app-sum")
    sections_sum = page.locator("#sum-sections .app-sum")
    sum_before = criteria_sum.inner_text()
    page.get_by_label("CSC08 Data security and data protection").fill("70")
    page.get_by_label("CSC10 Reports run directly from the system").fill("20")
    if javascript:  # assets/weights.js: the sums follow what is typed, exactly, with ", not 100" announced
        expect(criteria_sum).to_have_text("90, not 100")
        expect(criteria_sum.locator("xpath=..")).to_have_class(re.compile(r"\bapp-sum--wrong\b"))
        page.get_by_label("CSC10 Reports run directly from the system").fill("29.95")
        expect(criteria_sum).to_have_text("99.95, not 100")
        page.get_by_label("Weight of section ‘Data security’ (percent of quality)").fill("99.5")
        expect(sections_sum).to_have_text("99.5, not 100")
        page.get_by_label("Weight of section ‘Data security’ (percent of quality)").fill("100")
        expect(sections_sum).to_have_text("100")
        page.get_by_label("CSC10 Reports run directly from the system").fill("2O")
        expect(criteria_sum).to_have_text("– (a weight is not a number)")
        page.get_by_label("CSC10 Reports run directly from the system").fill("20")
        expect(criteria_sum).to_have_text("90, not 100")
    else:  # without JavaScript the page still works: the server sums when the weights are saved
        expect(criteria_sum).to_have_text(sum_before)
    page.get_by_role("button", name="Save weights").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Criterion weights in section 'Data security' add up to 90, not 100")
    _no_violations(page, "weights with an error")
    screenshot(page, f"builder-weights-error-{'js' if javascript else 'nojs'}")
    page.get_by_label("CSC10 Reports run directly from the system").fill("30")
    if javascript:
        expect(criteria_sum).to_have_text("100")
        expect(criteria_sum.locator("xpath=..")).not_to_have_class(re.compile(r"\bapp-sum--wrong\b"))
    page.get_by_role("button", name="Save weights").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Weights saved")

    page.get_by_role("link", name="Suppliers", exact=True).click()
    page.get_by_label("Supplier name").fill("Ashdown Case Systems")
    page.get_by_label("Price (£)").fill("125000.50")
    page.get_by_role("button", name="Add supplier").click()
    expect(page.get_by_role("table")).to_contain_text("Ashdown Case Systems")
    _no_violations(page, "suppliers")

    page.get_by_role("link", name="Panel", exact=True).click()
    page.get_by_label("Email address").fill("nobody@council.example")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Ask an administrator to create the account")
    page.get_by_label("Email address").fill(EVALUATOR)
    page.get_by_label("Evaluator: scores the bids").check()
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_role("table")).to_contain_text(EVALUATOR)
    _no_violations(page, "panel")

    page.get_by_role("link", name="Back to Built in the browser").click()
    page.get_by_role("button", name="Open scoring").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Scoring is open")
    expect(page.locator("main")).to_contain_text("Scoring open")
    _no_violations(page, "overview (scoring)")
