"""The read-only API, API tokens and assessment summaries.

The API reads only ``Authorization: Bearer <token>``: a browser signed in with the session cookie but sending no
token gets 401 JSON like anyone else (these requests carry no token). Per-token access is tested in
``tests/integration/api/`` (the contract endpoints role by role in ``test_api_contracts.py``).
"""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, SIGNED_IN, Table, everyone

NO_TOKEN = everyone(401)
READERS = everyone(200, anonymous=302, evaluator=403, outsider=404, contract_manager=404)
MANAGER_ACTION = everyone(403, anonymous=302, officer=302, outsider=404, contract_manager=404)

ACCESS: Table = {
    ("GET", "api.openapi", "/api/v1/openapi.yaml"): everyone(200),
    ("GET", "api.procurements", "/api/v1/procurements"): NO_TOKEN,
    ("GET", "api.procurement", "/api/v1/procurements/{reference}"): NO_TOKEN,
    ("GET", "api.criteria", "/api/v1/procurements/{reference}/criteria"): NO_TOKEN,
    ("GET", "api.suppliers", "/api/v1/procurements/{reference}/suppliers"): NO_TOKEN,
    ("GET", "api.scores", "/api/v1/procurements/{reference}/scores"): NO_TOKEN,
    ("GET", "api.results", "/api/v1/procurements/{reference}/results"): NO_TOKEN,
    ("GET", "api.contracts", "/api/v1/contracts"): NO_TOKEN,
    ("GET", "api.contract", "/api/v1/contracts/{contract_ref}"): NO_TOKEN,
    ("GET", "api.contract_report", "/api/v1/contracts/{contract_ref}/report"): NO_TOKEN,
    ("GET", "api.contract_assessment", "/api/v1/contracts/{contract_ref}/assessment"): NO_TOKEN,
    # anything else under /api/v1/ answers JSON: 404 to reads, 405 to writes (the API is read-only)
    ("GET", "api.not_found", "/api/v1/no-such-thing"): everyone(404),
    ("POST", "api.not_found", "/api/v1/procurements"): everyone(405),
    ("PUT", "api.not_found", "/api/v1/procurements/{reference}"): everyone(405),
    ("PATCH", "api.not_found", "/api/v1/procurements/{reference}"): everyone(405),
    ("DELETE", "api.not_found", "/api/v1/procurements/{reference}"): everyone(405),
    ("GET", "api_tokens.index", "/account/api-tokens"): SIGNED_IN,
    # an empty POST shows the form again with its error
    ("POST", "api_tokens.create", "/account/api-tokens"): SIGNED_IN,
    # the token belongs to the admin: anyone else's attempt is 404 (its existence is not disclosed)
    ("POST", "api_tokens.revoke", "/account/api-tokens/{api_token_id}/revoke"): everyone(404, anonymous=302,
                                                                                         admin=302),
    ("GET", "summaries.index", "/procurements/{reference}/summaries/"): READERS,
    ("POST", "summaries.draft", "/procurements/{reference}/summaries/draft"): MANAGER_ACTION,
    ("GET", "summaries.show", "/procurements/{reference}/summaries/{supplier_id}"): READERS,
    ("GET", "summaries.download", "/procurements/{reference}/summaries/{supplier_id}/download"): READERS,
    ("GET", "summaries.edit", "/procurements/{reference}/summaries/{supplier_id}/edit"): MANAGERS,
    # an empty POST shows the form again with its error
    ("POST", "summaries.edit", "/procurements/{reference}/summaries/{supplier_id}/edit"): MANAGERS,
    ("POST", "summaries.redraft", "/procurements/{reference}/summaries/{supplier_id}/redraft"): MANAGER_ACTION,
    ("POST", "summaries.release", "/procurements/{reference}/summaries/{supplier_id}/release"): MANAGER_ACTION,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from workbench.api.tokens import create_token
    from workbench.auth.services import find_user
    from workbench.demo import STAFF
    from workbench.extensions import db

    issued = create_token(find_user(STAFF[0][0]), "route access")
    db.session.commit()
    return {"supplier_id": demo["procurement"].suppliers[0].id, "api_token_id": issued.token.id}
