"""Real headless Chromium (Debian's, never a downloaded one) against a live server with the demo loaded.

The live server has CSRF on and the real security headers, so these tests exercise what a person's browser gets.
Locally the tests skip when Chromium is missing; in CI (CI=true) a missing Chromium fails them.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_service

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = pytest.mark.browser


def _server_config(tmp: Path) -> dict[str, Any]:
    return {"SECRET_KEY": "browser-test-secret", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'browser.db'}",
            "LOGIN_RATE_LIMIT": "1000 per minute", "ACCESS_CODE_RATE_LIMIT": "1000 per minute",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "UPLOAD_FOLDER": str(tmp / "uploads"),
            "SESSION_COOKIE_SECURE": False, "TALISMAN_FORCE_HTTPS": False}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory, instance: Path):
    """An app with its own SQLite database, built by the migrations and loaded with the demo."""
    from flask_migrate import upgrade

    from workbench import create_app
    from workbench.demo import load_demo
    from workbench.extensions import db

    application = create_app(_server_config(tmp_path_factory.mktemp("live")))
    with application.app_context():
        upgrade(revision="heads")
        load_demo()
        db.session.commit()
    return application


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    require_service(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    require_service(AXE_JS.exists(), "axe-core missing from node_modules (run make install)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser, live_server):
    """Make pages at a chosen viewport (phone width by default); all are closed after the test."""
    contexts = []

    def _new_page(viewport: dict[str, int] | None = None, javascript: bool = True):
        context = browser.new_context(viewport=viewport or PHONE, base_url=live_server,
                                      java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield _new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def axe_violations(page) -> list[dict[str, Any]]:
    """axe-core (from npm) run in the page under the app's real CSP: WCAG 2.0–2.2 A and AA rules."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot in test-artifacts/ (CI keeps the folder as evidence)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, email: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    with page.expect_navigation():  # the answer page (signed in, or the form with its errors) has loaded
        page.get_by_role("button", name="Sign in").click()
