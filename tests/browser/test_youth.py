"""The young people's panel in real headless Chromium: the officer makes a session and codes, a young person
answers at phone width with the keyboard only, and again without JavaScript. axe-core on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
REFERENCE = "CSC-2026-01"


def _check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    width = page.viewport_size["width"] if page.viewport_size else 0
    screenshot(page, f"youth-{name}-{width}")


def _officer_makes_codes(new_page, count: int) -> list[str]:
    from workbench.demo import DEMO_PASSWORD
    from workbench.models.base import utcnow
    from workbench.templating import LONDON

    page = new_page(DESKTOP)
    sign_in(page, "olivia.officer@council.example", DEMO_PASSWORD)
    page.goto(f"/procurements/{REFERENCE}/young-people")
    _check(page, "admin-index")
    with page.expect_navigation():
        page.get_by_role("link", name="Create a session and print access codes").click()
    _check(page, "admin-new-session")
    with page.expect_navigation():
        page.get_by_role("button", name="Create session and show codes").click()
    assert page.locator(".govuk-error-summary").is_visible()
    _check(page, "admin-new-session-errors")
    closes = (utcnow() + timedelta(days=2)).astimezone(LONDON)
    page.get_by_label("Session name").fill("Browser test session")
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    page.get_by_label("How many access codes").fill(str(count + 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Create session and show codes").click()
    page.locator(".app-code-card__code").first.wait_for()
    codes = [c.strip() for c in page.locator(".app-code-card__code").all_inner_texts()]
    codes, revoked = codes[:count], codes[count]
    assert len(codes) == count and all(re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", c) for c in codes)
    _check(page, "admin-codes")
    with page.expect_navigation():
        page.get_by_role("link", name="Go to the session").click()
    assert page.get_by_text("Not used yet").first.is_visible()
    _check(page, "admin-session")
    spare = f"Code {count + 1}"  # one extra card, revoked: it must stop working
    with page.expect_navigation():
        page.get_by_role("button", name=f"Revoke {spare}").click()
    assert page.get_by_text(f"{spare} is revoked").is_visible()
    _check(page, "admin-session-revoked")
    for name in ("paper-form", "statements", "import", "results"):
        page.goto(f"/procurements/{REFERENCE}/young-people/{name}")
        _check(page, f"admin-{name}")
    return codes, revoked


def _press(page, locator) -> None:
    locator.focus()
    _enter(page)


def _enter(page) -> None:
    """Press Enter and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 375, "height": 667}, DESKTOP], ids=lambda v: str(v["width"]))
def test_whole_journey_with_the_keyboard_only(new_page, viewport):
    codes, revoked = _officer_makes_codes(new_page, 2)
    page = new_page(viewport)
    page.goto("/young-people")
    _check(page, "enter")
    box = page.get_by_label("Your access code")
    box.focus()
    page.keyboard.type(revoked)
    _enter(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert "has been stopped" in page.inner_text(".govuk-error-summary")
    _check(page, "enter-error")
    box = page.get_by_label("Your access code")
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(codes[0].lower())
    _enter(page)
    assert page.get_by_role("heading", name="What you will do").is_visible()
    _check(page, "start")
    _press(page, page.get_by_role("button", name="Start now"))
    screens = 0
    while page.get_by_role("button", name="Save and continue").count():
        if screens == 0:
            _press(page, page.get_by_role("button", name="Save and continue"))  # nothing chosen: an error
            assert page.locator(".govuk-error-summary").is_visible()
            _check(page, "question-error")
        elif screens == 1:
            _check(page, "question")
        words = "Not sure" if screens % 4 == 3 else ["Good", "OK", "Really good"][screens % 3]
        choice = page.get_by_role("radio", name=words, exact=True)
        choice.focus()
        page.keyboard.press("Space")
        if screens == 0:
            page.get_by_label("What would make it better?").focus()
            page.keyboard.type("Bigger buttons <please>")
        _press(page, page.get_by_role("button", name="Save and continue"))
        screens += 1
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    assert "Bigger buttons <please>" in page.inner_text("main")
    _check(page, "check")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]  # no sideways scrolling
    _press(page, page.get_by_role("button", name="Send my answers"))
    assert page.get_by_text("Your answers have been sent").is_visible()
    _check(page, "thank-you")
    assert screens >= 3


def test_journey_without_javascript(new_page):
    codes, _ = _officer_makes_codes(new_page, 1)
    page = new_page(PHONE, javascript=False)
    page.goto("/young-people")
    page.get_by_label("Your access code").fill(codes[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Start").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    while page.get_by_role("button", name="Save and continue").count():
        page.get_by_role("radio", name="Really good", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Save and continue").click()
    assert page.get_by_role("heading", name="Check your answers").is_visible(), page.inner_text("main")[:600]
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_text("Your answers have been sent").is_visible()
