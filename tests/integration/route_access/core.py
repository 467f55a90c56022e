"""Sign-in, dashboard, library, users and procurement set-up."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import ADMIN_ONLY, MEMBERS, OFFICERS, SIGNED_IN, Table, everyone

ACCESS: Table = {
    ("GET", "auth.sign_in", "/sign-in"): everyone(302, anonymous=200),
    ("POST", "auth.sign_in", "/sign-in"): everyone(302, anonymous=200),
    ("POST", "auth.sign_out", "/sign-out"): everyone(302),
    ("GET", "dashboard.index", "/"): SIGNED_IN,
    ("GET", "dashboard.accessibility", "/accessibility"): everyone(200),
    ("GET", "dashboard.privacy", "/privacy"): everyone(200),
    ("GET", "dashboard.health", "/healthz"): everyone(200),
    ("GET", "library.index", "/library/"): SIGNED_IN,
    ("GET", "library.criterion", "/library/criteria/{criterion_id}"): SIGNED_IN,
    ("GET", "users.index", "/users/"): ADMIN_ONLY,
    ("GET", "users.new", "/users/new"): ADMIN_ONLY,
    ("POST", "users.new", "/users/new"): ADMIN_ONLY,
    ("GET", "users.edit", "/users/{user_id}"): ADMIN_ONLY,
    # an empty POST keeps the account as it was (WTForms falls back to the stored values) and returns to the list
    ("POST", "users.edit", "/users/{user_id}"): everyone(403, anonymous=302, admin=302),
    ("GET", "procurements.import_plan", "/procurements/import"): OFFICERS,
    ("POST", "procurements.import_plan", "/procurements/import"): OFFICERS,
    ("GET", "procurements.new", "/procurements/new"): OFFICERS,
    ("POST", "procurements.new", "/procurements/new"): OFFICERS,
    ("GET", "procurements.overview", "/procurements/{reference}"): MEMBERS,
    ("POST", "procurements.start_scoring", "/procurements/{reference}/open-scoring"):
        everyone(403, anonymous=302, officer=302, outsider=404, contract_manager=404),
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.library.views import current_library
    from workbench.models import User

    return {"reference": demo["reference"], "criterion_id": current_library().criteria[0].id,
            "user_id": db.session.execute(select(User.id).order_by(User.id)).scalars().first()}
