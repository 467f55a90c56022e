"""Contracts: officers, admins and auditors see every contract, contract managers see theirs (the demo's
contract manager manages the demo contract), evaluators see none. Changes: officers, admins and the contract's
manager; auditors only read (403); people who cannot see the contract get 404 (its existence is not disclosed).
The outsider is an officer, and officers see every contract."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, Table, everyone

LIST = everyone(200, anonymous=302, evaluator=403)
CREATE = everyone(403, anonymous=302, admin=200, officer=200, outsider=200)
READ = everyone(200, anonymous=302, evaluator=404)
MANAGE = everyone(200, anonymous=302, auditor=403, evaluator=404)
C = "/contracts/{contract_ref}"

ACCESS: Table = {
    ("GET", "contracts.index", "/contracts"): LIST,
    ("GET", "contracts.new", "/contracts/new"): CREATE,
    ("POST", "contracts.new", "/contracts/new"): CREATE,  # an empty form comes back with its errors
    ("GET", "contracts.import_file", "/contracts/import"): CREATE,
    ("POST", "contracts.import_file", "/contracts/import"): CREATE,
    ("GET", "contract_award.award", "/procurements/{reference}/award"): MANAGERS,
    ("POST", "contract_award.award", "/procurements/{reference}/award"): MANAGERS,  # not finalised: explained
    ("GET", "contracts.detail", C): READ,
    ("POST", "contracts.change_status", C + "/status"): everyone(400, anonymous=302, auditor=403, evaluator=404),
    ("GET", "contracts.new_kpi", C + "/kpis/new"): MANAGE,
    ("POST", "contracts.new_kpi", C + "/kpis/new"): MANAGE,
    ("GET", "contracts.new_sla", C + "/slas/new"): MANAGE,
    ("POST", "contracts.new_sla", C + "/slas/new"): MANAGE,
    ("GET", "contracts.kpi", C + "/kpis/KPI1"): READ,
    ("GET", "contracts.kpi_chart", C + "/kpis/KPI1/chart.png"): READ,
    ("GET", "contracts.new_measurement", C + "/measurements/new"): MANAGE,
    ("POST", "contracts.new_measurement", C + "/measurements/new"): MANAGE,
    ("GET", "contracts.import_measurements_file", C + "/measurements/import"): MANAGE,
    ("POST", "contracts.import_measurements_file", C + "/measurements/import"): MANAGE,
    ("GET", "contracts.import_incidents_file", C + "/incidents/import"): MANAGE,
    ("POST", "contracts.import_incidents_file", C + "/incidents/import"): MANAGE,
    ("GET", "contracts.new_incident", C + "/incidents/new"): MANAGE,
    ("POST", "contracts.new_incident", C + "/incidents/new"): MANAGE,
    ("GET", "contracts.edit_incident", C + "/incidents/{incident_id}/edit"): MANAGE,
    ("POST", "contracts.edit_incident", C + "/incidents/{incident_id}/edit"): MANAGE,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Contract, Incident

    contract = db.session.execute(select(Contract).order_by(Contract.id)).scalars().first()
    incident = db.session.execute(select(Incident.id).where(Incident.contract_id == contract.id)
                                  .order_by(Incident.id)).scalars().first()
    return {"contract_ref": contract.reference, "incident_id": incident, "review_id": _review_id()}

ACCESS.update({
    ("GET", "contracts.escalations", C + "/escalations"): READ,
    ("POST", "contracts.add_escalation_level", C + "/escalations/levels"): MANAGE,  # errors come back
    ("POST", "contracts.record_escalation_view", C + "/escalations"): everyone(302, auditor=403, evaluator=404),
    ("GET", "contracts.actions", C + "/actions"): READ,
    ("POST", "contracts.actions", C + "/actions"): MANAGE,  # an empty form comes back with its errors
    ("POST", "contracts.action_done", C + "/actions/999999/done"): everyone(404, anonymous=302, auditor=403),
})

ACCESS.update({
    ("GET", "contracts.reviews", C + "/reviews"): READ,
    ("POST", "contracts.draft", C + "/reviews"): everyone(302, auditor=403, evaluator=404),  # no span: explained
    ("GET", "contracts.review", C + "/reviews/{review_id}"): READ,
    ("POST", "contracts.review", C + "/reviews/{review_id}"): everyone(200, anonymous=302, auditor=403,
                                                                       evaluator=404),
    ("POST", "contracts.review_sign_off", C + "/reviews/999999/sign-off"): everyone(404, anonymous=302,
                                                                                    auditor=403),
})


def _review_id() -> int:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Review

    return db.session.execute(select(Review.id).order_by(Review.span_start)).scalars().first()

ACCESS.update({
    ("GET", "contracts.edit_contract", C + "/edit"): MANAGE,
    ("POST", "contracts.edit_contract", C + "/edit"): MANAGE,  # an empty form comes back with its errors
    ("GET", "contracts.edit_kpi", C + "/kpis/KPI1/edit"): MANAGE,
    ("POST", "contracts.edit_kpi", C + "/kpis/KPI1/edit"): MANAGE,  # an empty form comes back with its errors
    # the demo contract is live, over £5m, with three KPIs: removal is refused and explained on the KPI's page
    ("POST", "contracts.remove_kpi_view", C + "/kpis/KPI1/remove"): everyone(302, auditor=403, evaluator=404),
    ("GET", "contracts.edit_sla", C + "/slas/P1/edit"): MANAGE,
    ("POST", "contracts.edit_sla", C + "/slas/P1/edit"): MANAGE,
    # P1 has incidents: removal is refused and explained on the SLA's page
    ("POST", "contracts.remove_sla_view", C + "/slas/P1/remove"): everyone(302, auditor=403, evaluator=404),
    ("GET", "contracts.assessment", C + "/assessment"): READ,
    ("GET", "contracts.assessment_csv_file", C + "/assessment.csv"): READ,
    ("GET", "contracts.assessment_xlsx_file", C + "/assessment.xlsx"): READ,
    ("GET", "contracts.report_json", C + "/report.json"): READ,
})
