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
        page.get_by_role("link", name=CONTRACT, exact=True).click()
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
    row = page.get_by_role("row", name=re.compile(f"^{period} "))
    assert "Requires improvement" in row.inner_text()  # 98.7: below 99.0, not below 98.0
    # the demo's year 1 ended on 31 October 2026: the new month opens year 2, rated on its one value
    year = page.get_by_role("row", name=re.compile(r"^Year 2 \(2026-11-01 to 2027-10-31\)"))
    assert "Requires improvement" in year.inner_text()
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
                 f"/contracts/{CONTRACT}/slas/new", "/procurements/CSC-2026-01/award", f"/contracts/{CONTRACT}/edit",
                 f"/contracts/{CONTRACT}/kpis/KPI1/edit", f"/contracts/{CONTRACT}/slas/P1/edit",
                 f"/contracts/{CONTRACT}/assessment", f"/contracts/{CONTRACT}"):
        page.goto(path)
        _check(page, path.strip("/").replace("/", "-"))


MEASUREMENTS = (b"kpi,period,value,note\nKPI1,2026-04,99.7,\nKPI1,2026-05,99.2,Upgrade overran\n"
                b"KPI1,2026-06,97.4,Power fault\n")


def _create_contract(new_page, reference: str) -> None:
    """An officer creates the contract and names Jo Reed its contract manager."""
    from workbench.demo import DEMO_PASSWORD

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto("/contracts/new")
    page.get_by_label("Contract reference").fill(reference)
    page.get_by_label("Title").fill("Short breaks booking system")
    page.get_by_label("Supplier").fill("Brookside Bookings Ltd")
    for field, (day, month, year) in (("start", ("1", "4", "2026")), ("end", ("31", "3", "2028"))):
        page.locator(f"#{field}-day").fill(day)
        page.locator(f"#{field}-month").fill(month)
        page.locator(f"#{field}-year").fill(year)
    page.get_by_label("Total value (£)").fill("450000")
    page.get_by_label("Contract manager").select_option(label="Jo Reed (jo.reed@council.example)")
    with page.expect_navigation():
        page.get_by_role("button", name="Create contract").click()
    assert page.get_by_role("heading", name="Short breaks booking system").is_visible()
    page.context.close()


def test_contract_manager_walks_the_monitoring_journey(new_page):
    """Issue #6 "Done when": set up KPIs, import a quarter of measurements, log an incident that breaches its SLA,
    see it flagged for escalation, record the escalation and a corrective action, hold and sign off a review."""
    from workbench.demo import DEMO_PASSWORD

    reference = "CT-WALK-01"
    _create_contract(new_page, reference)
    page = new_page(DESKTOP)
    sign_in(page, "jo.reed@council.example", DEMO_PASSWORD)
    base = f"/contracts/{reference}"

    page.goto(base + "/kpis/new")
    page.get_by_label("KPI code").fill("KPI1")
    page.get_by_label("What is measured").fill("System availability")
    page.get_by_label("Unit", exact=True).fill("percent")
    page.get_by_label("Higher values").check()
    page.get_by_label("Every month").check()
    page.get_by_label("Target (Good from here)").fill("99.5")
    page.get_by_label("Approaching target from").fill("99")
    page.get_by_label("Requires improvement from").fill("98")
    with page.expect_navigation():
        page.get_by_role("button", name="Add KPI").click()
    assert "KPI KPI1 added" in page.content()

    page.goto(base + "/slas/new")
    page.get_by_label("Severity").fill("P1")
    page.get_by_label("Respond within").fill("30m")
    page.get_by_label("Resolve within").fill("4h")
    page.get_by_label("24 hours a day, every day").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add SLA").click()

    page.goto(base + "/escalations")
    page.get_by_label("Who is told", exact=True).fill("Head of Children's Services (Sam Patel)")
    page.get_by_label("A breach: an incident that missed its SLA, or a KPI period rated Inadequate").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add escalation level").click()

    page.goto(base + "/measurements/import")
    page.get_by_label("Measurements file").set_input_files(
        files=[{"name": "quarter.csv", "mimeType": "text/csv", "buffer": MEASUREMENTS}])
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert "Imported 3 measurements" in page.content()
    assert "Inadequate" in page.get_by_role("row", name="KPI1 System availability").inner_text()  # 97.4 in June

    page.goto(base + "/incidents/new")
    page.get_by_label("Incident reference").fill("INC-1")
    page.get_by_label("Severity").select_option("P1")
    page.get_by_label("Reported (UK time)").fill("2026-06-12 02:10")
    page.get_by_label("Responded (UK time)").fill("2026-06-12 03:05")
    page.get_by_label("Resolved (UK time)").fill("2026-06-12 08:30")
    page.get_by_label("Description").fill("Power fault at the data centre")
    with page.expect_navigation():
        page.get_by_role("button", name="Save incident").click()
    row = page.get_by_role("row", name=re.compile("INC-1"))
    assert "55 min" in row.inner_text() and "380 min" in row.inner_text() and "Breached" in row.inner_text()
    _check(page, "journey-detail")

    page.goto(base + "/escalations")
    pending = page.get_by_role("button", name=re.compile("Escalated to level 1.*Incident INC-1"))
    assert pending.is_visible()
    _check(page, "journey-escalation")
    with page.expect_navigation():
        pending.click()
    assert page.get_by_role("button", name=re.compile("Incident INC-1")).count() == 0
    assert "Head of Children's Services" in page.content()

    page.goto(base + "/actions")
    page.get_by_label("What will be done").fill("Supplier to add a second power feed")
    page.get_by_label("Owner").fill("Brookside infrastructure lead")
    page.locator("#due-day").fill("31")
    page.locator("#due-month").fill("7")
    page.locator("#due-year").fill("2026")
    page.get_by_label("Linked to").select_option(label="Incident INC-1 (P1)")
    with page.expect_navigation():
        page.get_by_role("button", name="Add corrective action").click()
    assert page.get_by_role("row", name=re.compile("second power feed")).is_visible()

    page.goto(base + "/reviews")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Draft the agenda")).first.click()
    assert "INC-1" in page.content() and "second power feed" in page.content()  # the agenda pack
    page.locator("#held_on-day").fill("14")
    page.locator("#held_on-month").fill("7")
    page.locator("#held_on-year").fill("2026")
    page.get_by_label("Attendees").fill("Jo Reed\nBrookside account director")
    page.get_by_label("Decisions").fill("Root-cause report by 31 July.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the review").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Sign off the review").click()
    _check(page, "journey-review-signed-off")
    page.goto(base + "/reviews")
    assert page.get_by_role("link", name=re.compile("^Signed off review")).count() == 1
