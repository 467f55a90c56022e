"""Sign-in, dashboard, library, users and procurement set-up."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import ADMIN_ONLY, MANAGERS, MEMBERS, OFFICERS, SIGNED_IN, Table, everyone

# The demo procurement is past set-up: its plan editor pages show the plan read-only to officers, and every change
# is refused with a redirect back to the overview.
MANAGER_POSTS = everyone(403, anonymous=302, officer=302, outsider=404, contract_manager=404)
_PLAN = "/procurements/{reference}/plan"

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
    ("GET", "procurements.plan_settings", _PLAN + "/settings"): MANAGERS,
    ("POST", "procurements.plan_settings", _PLAN + "/settings"): MANAGER_POSTS,
    ("GET", "procurements.plan_sections", _PLAN + "/sections"): MANAGERS,
    ("POST", "procurements.plan_sections", _PLAN + "/sections"): MANAGER_POSTS,
    ("GET", "procurements.plan_section", _PLAN + "/sections/{plan_section_id}"): MANAGERS,
    ("POST", "procurements.plan_section", _PLAN + "/sections/{plan_section_id}"): MANAGER_POSTS,
    ("POST", "procurements.plan_move_section", _PLAN + "/sections/{plan_section_id}/move"): MANAGER_POSTS,
    ("GET", "procurements.plan_remove_section", _PLAN + "/sections/{plan_section_id}/remove"): MANAGERS,
    ("POST", "procurements.plan_remove_section", _PLAN + "/sections/{plan_section_id}/remove"): MANAGER_POSTS,
    ("GET", "procurements.plan_add_from_library", _PLAN + "/sections/{plan_section_id}/library"): MANAGERS,
    ("POST", "procurements.plan_add_from_library", _PLAN + "/sections/{plan_section_id}/library"): MANAGER_POSTS,
    ("GET", "procurements.plan_new_criterion", _PLAN + "/sections/{plan_section_id}/criteria/new"): MANAGERS,
    ("POST", "procurements.plan_new_criterion", _PLAN + "/sections/{plan_section_id}/criteria/new"): MANAGER_POSTS,
    ("GET", "procurements.plan_criterion", _PLAN + "/criteria/{plan_criterion_id}"): MANAGERS,
    ("POST", "procurements.plan_criterion", _PLAN + "/criteria/{plan_criterion_id}"): MANAGER_POSTS,
    ("POST", "procurements.plan_move_criterion", _PLAN + "/criteria/{plan_criterion_id}/move"): MANAGER_POSTS,
    ("GET", "procurements.plan_remove_criterion", _PLAN + "/criteria/{plan_criterion_id}/remove"): MANAGERS,
    ("POST", "procurements.plan_remove_criterion", _PLAN + "/criteria/{plan_criterion_id}/remove"): MANAGER_POSTS,
    ("GET", "procurements.plan_weights", _PLAN + "/weights"): MANAGERS,
    ("POST", "procurements.plan_weights", _PLAN + "/weights"): MANAGER_POSTS,
    ("GET", "procurements.plan_suppliers", _PLAN + "/suppliers"): MANAGERS,
    ("POST", "procurements.plan_suppliers", _PLAN + "/suppliers"): MANAGER_POSTS,
    ("GET", "procurements.plan_supplier", _PLAN + "/suppliers/{plan_supplier_id}"): MANAGERS,
    ("POST", "procurements.plan_supplier", _PLAN + "/suppliers/{plan_supplier_id}"): MANAGER_POSTS,
    ("POST", "procurements.plan_move_supplier", _PLAN + "/suppliers/{plan_supplier_id}/move"): MANAGER_POSTS,
    ("GET", "procurements.plan_remove_supplier", _PLAN + "/suppliers/{plan_supplier_id}/remove"): MANAGERS,
    ("POST", "procurements.plan_remove_supplier", _PLAN + "/suppliers/{plan_supplier_id}/remove"): MANAGER_POSTS,
    ("GET", "procurements.plan_panel", _PLAN + "/panel"): MANAGERS,
    ("POST", "procurements.plan_panel", _PLAN + "/panel"): MANAGER_POSTS,
    ("POST", "procurements.plan_remove_member", _PLAN + "/panel/{plan_membership_id}/remove"): MANAGER_POSTS,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.library.views import current_library
    from workbench.models import Membership, User

    procurement = demo["procurement"]
    return {"reference": demo["reference"], "criterion_id": current_library().criteria[0].id,
            "user_id": db.session.execute(select(User.id).order_by(User.id)).scalars().first(),
            "plan_section_id": procurement.sections[0].id, "plan_criterion_id": procurement.criteria[0].id,
            "plan_supplier_id": procurement.suppliers[0].id,
            "plan_membership_id": db.session.execute(select(Membership.id).where(
                Membership.procurement_id == procurement.id).order_by(Membership.id)).scalars().first()}
