"""Results page and its downloads: officers, auditors and admins (READ), and evaluators once moderation opens
(PANEL; the demo is still being scored, so its evaluator gets 403). The audit CSV needs READ."""

from __future__ import annotations

from tests.integration.route_access import Table, everyone

READERS = everyone(200, anonymous=302, evaluator=403, outsider=404, contract_manager=404)
P = "/procurements/{reference}/results"

ACCESS: Table = {
    ("GET", "results.index", P): READERS,
    ("GET", "results.workbook", P + "/workbook.xlsx"): READERS,
    ("GET", "results.json_file", P + "/results.json"): READERS,
    ("GET", "results.csv_file", P + "/scores.csv"): READERS,
    ("GET", "results.audit_csv", P + "/audit.csv"): READERS,
    ("GET", "results.chart", P + "/charts/sections.png"): READERS,
}
