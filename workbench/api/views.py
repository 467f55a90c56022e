"""The read-only JSON API under /api/v1/: what a token's owner may read, and nothing more.

Visibility follows the UI exactly (``workbench.access``): a procurement the person cannot see is 404; submitted
scores and results need READ or PANEL (officers, auditors, admins; evaluators once moderation opens), else 403;
supplier prices are null for people without READ or PANEL. The contract endpoints are in ``contract_views``.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from workbench import scoring
from workbench.access import Right, can_see, hidden_suppliers, public, rights_for, rights_of
from workbench.api import serializers
from workbench.api.auth import api_user, json_http_error, problem, token_required
from workbench.config import REPO_ROOT
from workbench.extensions import csrf, db
from workbench.models import Procurement
from workbench.procurements.queries import with_memberships
from workbench.results.inputs import load_procurement, results_for

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
bp.register_error_handler(HTTPException, json_http_error)

OPENAPI_FILE = REPO_ROOT / "openapi" / "openapi.yaml"
READERS = {Right.READ, Right.PANEL}


class ApiError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> ResponseReturnValue:
    return problem(error.status, error.detail)


@bp.errorhandler(Exception)
def unexpected(error: Exception) -> ResponseReturnValue:
    db.session.rollback()
    log.error("Unhandled API error on %s", request.path, exc_info=error)
    return problem(500, "Something went wrong.")


def _visible(reference: str, *needed: Right) -> tuple[Procurement, set[Right]]:
    found = load_procurement(reference)
    user = api_user()
    if found is None or not can_see(user, found):
        raise ApiError(404, f"No procurement {reference} that you may see.")
    rights = rights_of(user, found)
    if needed and not rights & set(needed):
        raise ApiError(403, "Your role in this procurement does not let you read this.")
    return found, rights


@bp.get("/openapi.yaml")
@public
def openapi() -> Response:
    return Response(OPENAPI_FILE.read_text(encoding="utf-8"), mimetype="application/yaml")


@bp.get("/procurements")
@token_required
def procurements() -> ResponseReturnValue:
    user = api_user()
    visible = sorted(with_memberships(user), key=lambda row: row[0].reference)
    return jsonify({"procurements": [serializers.procurement_summary(p, rights_for(user, role, p))
                                     for p, role in visible]})


@bp.get("/procurements/<reference>")
@token_required
def procurement(reference: str) -> ResponseReturnValue:
    found, rights = _visible(reference)
    return jsonify(serializers.procurement_detail(found, rights))


@bp.get("/procurements/<reference>/criteria")
@token_required
def criteria(reference: str) -> ResponseReturnValue:
    found, _ = _visible(reference)
    return jsonify({"reference": found.reference, "criteria": serializers.criteria(found)})


@bp.get("/procurements/<reference>/suppliers")
@token_required
def suppliers(reference: str) -> ResponseReturnValue:
    found, rights = _visible(reference)
    return jsonify({"reference": found.reference, "suppliers": serializers.suppliers(found, rights)})


@bp.get("/procurements/<reference>/scores")
@token_required
def scores(reference: str) -> ResponseReturnValue:
    found, _ = _visible(reference, *READERS)
    hidden = frozenset(hidden_suppliers(found, api_user()))
    return jsonify({"reference": found.reference, "scores": serializers.submitted_scores(found, hidden)})


@bp.get("/procurements/<reference>/results")
@token_required
def results(reference: str) -> ResponseReturnValue:
    found, _ = _visible(reference, *READERS)
    return jsonify(scoring.to_json_dict(results_for(found), found.reference))


@bp.route("/", defaults={"unknown": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@bp.route("/<path:unknown>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@public
def not_found(unknown: str) -> ResponseReturnValue:
    """Anything else under /api/v1/ answers in JSON: 405 for writes (the API is read-only), 404 otherwise."""
    if request.method != "GET":
        return problem(405, "The API is read-only.")
    return problem(404, "There is no such API resource: the API is described at /api/v1/openapi.yaml.")


from workbench.api import contract_views  # noqa: E402,F401  (routes on this blueprint)
