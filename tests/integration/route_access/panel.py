"""Panel scoring: an evaluator's own pages (SCORE), and the officer's progress page and workbook.

The demo's first evaluator has declared no conflict with every supplier and submitted every score, so their
scoring pages show locked scores (GET 200) and a POST to them is sent back (302)."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, Table, everyone

SCORERS = everyone(403, anonymous=302, evaluator=200, outsider=404, contract_manager=404)
SCORERS_REDIRECTED = everyone(403, anonymous=302, evaluator=302, outsider=404, contract_manager=404)
READERS = everyone(200, anonymous=302, evaluator=403, outsider=404, contract_manager=404)
S = "/procurements/{reference}/scoring"
P = "/procurements/{reference}/panel-progress"

ACCESS: Table = {
    ("GET", "panel.index", S): SCORERS,
    ("GET", "panel.declare", S + "/conflicts/{panel_supplier_id}"): SCORERS_REDIRECTED,   # already declared
    ("POST", "panel.declare", S + "/conflicts/{panel_supplier_id}"): SCORERS_REDIRECTED,
    ("GET", "panel.score_supplier", S + "/suppliers/{panel_supplier_id}"): SCORERS,
    ("POST", "panel.score_supplier", S + "/suppliers/{panel_supplier_id}"): SCORERS_REDIRECTED,  # all locked
    ("GET", "panel.score_criterion", S + "/criteria/{panel_criterion_id}"): SCORERS,
    ("POST", "panel.score_criterion", S + "/criteria/{panel_criterion_id}"): SCORERS_REDIRECTED,
    ("GET", "panel.workbook", S + "/workbook"): SCORERS,
    ("GET", "panel.upload", S + "/upload"): SCORERS,
    ("POST", "panel.upload", S + "/upload"): SCORERS,  # no file: the form comes back with its error
    ("GET", "panel.progress", P): READERS,
    ("GET", "panel.officer_workbook", P + "/workbook"): MANAGERS,
    ("GET", "panel.officer_upload", P + "/upload"): MANAGERS,
    ("POST", "panel.officer_upload", P + "/upload"): MANAGERS,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    procurement = demo["procurement"]
    return {"panel_supplier_id": procurement.suppliers[0].id, "panel_criterion_id": procurement.criteria[0].id}
