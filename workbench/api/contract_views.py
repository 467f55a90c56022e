"""The contract endpoints of the read-only API (routes on the ``api`` blueprint).

Visibility follows the contract pages (``workbench.contracts.queries``): officers, admins and auditors see every
contract, a contract manager the contracts they manage, anyone else none. A contract the token's owner may not see
is 404, like one that does not exist.
"""

from __future__ import annotations

import re

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from workbench.api import contract_serializers as serializers
from workbench.api.auth import api_user, token_required
from workbench.api.views import ApiError, bp
from workbench.contracts.queries import can_see_contract, contracts_for, find_contract, report_for
from workbench.models import Contract

WHOLE_NUMBER = re.compile(r"[0-9]{1,4}")


def _visible(reference: str) -> Contract:
    found = find_contract(reference)
    if found is None or not can_see_contract(api_user(), found):
        raise ApiError(404, f"No contract {reference} that you may see.")
    return found


def _requested_year(contract: Contract) -> int | None:
    """``?year=N``: None when left out (every year, as the assessment page and downloads show); 400 unless N is
    one of the contract's years."""
    raw = request.args.get("year")
    if raw is None:
        return None
    last = serializers.contract_years(contract)
    if WHOLE_NUMBER.fullmatch(raw) and 1 <= int(raw) <= last:
        return int(raw)
    raise ApiError(400, f"year must be a contract year, a whole number from 1 to {last}; "
                        "leave it out for every year.")


@bp.get("/contracts")
@token_required
def contracts() -> ResponseReturnValue:
    user = api_user()
    visible = [c for c in contracts_for(user) if can_see_contract(user, c)]
    return jsonify({"contracts": [serializers.contract_summary(c) for c in visible]})


@bp.get("/contracts/<contract_ref>")
@token_required
def contract(contract_ref: str) -> ResponseReturnValue:
    found = _visible(contract_ref)
    return jsonify(serializers.contract_detail(found, report_for(found)))


@bp.get("/contracts/<contract_ref>/report")
@token_required
def contract_report(contract_ref: str) -> ResponseReturnValue:
    """The same document as ``workbench contract report REF --json``."""
    return jsonify(report_for(_visible(contract_ref)))


@bp.get("/contracts/<contract_ref>/assessment")
@token_required
def contract_assessment(contract_ref: str) -> ResponseReturnValue:
    found = _visible(contract_ref)
    year = _requested_year(found)
    return jsonify(serializers.assessment(found, report_for(found), year))
