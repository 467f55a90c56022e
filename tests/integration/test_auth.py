from __future__ import annotations

import re

from tests.helpers import PASSWORD, make_user, sign_in
from workbench.models import Role


def test_sign_in_page_renders_without_crown_or_govuk_branding(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert "Anytown Borough Council" in page
    assert "Evaluation Workbench" in page
    for forbidden in ("govuk-header__logotype", "govuk-footer__crown", "Crown copyright", "GOV.UK"):
        assert forbidden not in page


def test_sign_in_and_out(client, app_context):
    make_user("officer@council.example", Role.OFFICER, "Olu Officer")
    response = sign_in(client, "Officer@Council.example ")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Olu Officer" in client.get("/").get_data(as_text=True)
    client.post("/sign-out")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_with_a_linked_error(client, app_context):
    make_user("officer@council.example", Role.OFFICER)
    response = sign_in(client, "officer@council.example", "wrong-password-123")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert 'href="#email"' in page and "Enter a correct email address and password" in page
    assert 'value="officer@council.example"' in page  # keeps what the user typed


def test_passwords_are_stored_hashed(app_context):
    user = make_user("someone@council.example", Role.EVALUATOR)
    assert PASSWORD not in (user.password_hash or "")
    assert user.password_hash.startswith("pbkdf2:sha256")


def test_deactivated_account_cannot_sign_in(client, app_context):
    from workbench.extensions import db

    user = make_user("gone@council.example", Role.EVALUATOR)
    user.active = False
    db.session.commit()
    assert sign_in(client, "gone@council.example").status_code == 200


def test_next_only_redirects_within_the_site(client, app_context):
    make_user("officer@council.example", Role.OFFICER)
    response = client.post("/sign-in?next=//evil.example/x", data={"email": "officer@council.example",
                                                                   "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_security_headers(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "HttpOnly" in response.headers.get("Set-Cookie", "HttpOnly")


def test_every_script_carries_the_nonce_or_is_an_external_module(client):
    response = client.get("/sign-in")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    page = response.get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", page):
        assert f'nonce="{nonce}"' in tag or 'src="/static/' in tag, tag


def test_error_pages_use_the_service_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert "Anytown Borough Council" in response.get_data(as_text=True)


def test_csrf_is_required_on_forms(app, app_context):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        make_user("officer@council.example", Role.OFFICER)
        response = app.test_client().post("/sign-in", data={"email": "officer@council.example",
                                                            "password": PASSWORD})
        assert response.status_code == 400
        assert "There is a problem with your request" in response.get_data(as_text=True)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_login_attempts_are_rate_limited(app, client):
    from workbench.extensions import limiter

    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    try:
        codes = [client.post("/sign-in", data={"email": "x@council.example", "password": "wrong-password-1"}
                             ).status_code for _ in range(4)]
    finally:
        limiter.reset()
        app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
    assert codes == [200, 200, 200, 429]
