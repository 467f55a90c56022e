"""Every route, every role: who gets 200, who is redirected to sign in, who gets 403 or 404.

ACCESS is written out by hand (not derived from the decorators), so a change to a route's protection must be
made twice, once here, on purpose.
"""

from __future__ import annotations

import pytest

ROLES = ("anonymous", "admin", "officer", "auditor", "evaluator", "outsider")


def _all(code: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, code) for role in ROLES}


SIGNED_IN = _all(200, anonymous=302)
ADMIN_ONLY = _all(403, anonymous=302, admin=200)
OFFICERS = _all(403, anonymous=302, admin=200, officer=200, outsider=200)
# Procurement pages: members see them, non-members get 404 (existence not disclosed).
MEMBERS = _all(200, anonymous=302, outsider=404)

# (method, endpoint, url template) -> expected status per role
ACCESS: dict[tuple[str, str, str], dict[str, int]] = {
    ("GET", "auth.sign_in", "/sign-in"): _all(302, anonymous=200),
    ("POST", "auth.sign_in", "/sign-in"): _all(302, anonymous=200),
    ("POST", "auth.sign_out", "/sign-out"): _all(302),
    ("GET", "dashboard.index", "/"): SIGNED_IN,
    ("GET", "dashboard.accessibility", "/accessibility"): _all(200),
    ("GET", "dashboard.privacy", "/privacy"): _all(200),
    ("GET", "dashboard.health", "/healthz"): _all(200),
    ("GET", "library.index", "/library/"): SIGNED_IN,
    ("GET", "library.criterion", "/library/criteria/{criterion_id}"): SIGNED_IN,
    ("GET", "users.index", "/users/"): ADMIN_ONLY,
    ("GET", "users.new", "/users/new"): ADMIN_ONLY,
    ("POST", "users.new", "/users/new"): ADMIN_ONLY,
    ("GET", "users.edit", "/users/{user_id}"): ADMIN_ONLY,
    # an empty POST keeps the account as it was (WTForms falls back to the stored values) and returns to the list
    ("POST", "users.edit", "/users/{user_id}"): _all(403, anonymous=302, admin=302),
    ("GET", "procurements.import_plan", "/procurements/import"): OFFICERS,
    ("POST", "procurements.import_plan", "/procurements/import"): OFFICERS,
    ("GET", "procurements.new", "/procurements/new"): OFFICERS,
    ("POST", "procurements.new", "/procurements/new"): OFFICERS,
    ("GET", "procurements.overview", "/procurements/{reference}"): MEMBERS,
    ("POST", "procurements.start_scoring", "/procurements/{reference}/open-scoring"):
        _all(403, anonymous=302, officer=302, outsider=404),
}


def test_every_route_is_in_the_access_table(app):
    routed = {(method, rule.endpoint) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    listed = {(method, endpoint) for method, endpoint, _ in ACCESS}
    assert routed - listed == set(), "routes missing from ACCESS: add them with their expected statuses"
    assert listed - routed == set(), "ACCESS lists routes that no longer exist"


def test_every_view_declares_its_access_rule(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        assert hasattr(view, "_access"), f"{rule.endpoint} has no access decorator"


@pytest.mark.parametrize("role", ROLES)
def test_route_access_by_role(role, sign_in_as, demo):
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.library.views import current_library
    from workbench.models import User

    client = sign_in_as(role)
    values = {"reference": demo["reference"], "criterion_id": current_library().criteria[0].id,
              "user_id": db.session.execute(select(User.id)).scalars().first()}
    failures = []
    for (method, endpoint, template), expected in ACCESS.items():
        if endpoint == "auth.sign_out":
            continue  # signing out would end this client's session; covered in test_auth
        response = client.open(template.format(**values), method=method)
        if response.status_code != expected[role]:
            failures.append(f"{method} {endpoint}: expected {expected[role]}, got {response.status_code}")
    assert failures == []
