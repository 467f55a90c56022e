"""The JSON shapes of the contract endpoints (documented in openapi/openapi.yaml).

Money and KPI figures are numbers, like the procurement endpoints' prices and weights. Ratings come from the report
computed on read (``workbench.contracts.queries.report_for``), the one the pages and ``workbench contract report``
use; the annual assessment rows are those of the CSV and XLSX downloads (``assessment_rows``), keyed by their header.
"""

from __future__ import annotations

from typing import Any

from workbench.api.serializers import json_number
from workbench.contracts.assessment import ASSESSMENT_HEADER, assessment_rows
from workbench.models import Contract, Kpi, Sla
from workbench.performance.periods import contract_year_bounds


def contract_summary(contract: Contract) -> dict[str, Any]:
    return {
        "reference": contract.reference, "title": contract.title, "supplier": contract.supplier_name,
        "procurement": contract.procurement.reference if contract.procurement else None,
        "status": contract.status.value, "start": contract.start.isoformat(), "end": contract.end.isoformat(),
        "value": json_number(contract.value), "manager_email": contract.manager.email if contract.manager else None,
        "review_cycle": contract.review_cycle,
    }


def _latest(report_kpi: dict[str, Any] | None) -> dict[str, Any] | None:
    if not report_kpi or not report_kpi["periods"]:
        return None
    last = report_kpi["periods"][-1]
    return {"period": last["period"], "value": last["value"], "rating": last["rating"]}


def _kpi(kpi: Kpi, report_kpi: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "code": kpi.code, "title": kpi.title, "unit": kpi.unit, "direction": kpi.direction, "period": kpi.period,
        "target": json_number(kpi.target), "approaching": json_number(kpi.approaching),
        "requires_improvement": json_number(kpi.requires_improvement), "promised": json_number(kpi.promised),
        "latest": _latest(report_kpi),
    }


def _sla(sla: Sla) -> dict[str, Any]:
    return {"severity": sla.severity, "respond_within_minutes": sla.respond_within,
            "resolve_within_minutes": sla.resolve_within, "clock": sla.clock}


def contract_detail(contract: Contract, report: dict[str, Any]) -> dict[str, Any]:
    """The contract with its KPIs (each with its latest period and rating) and SLAs, in contract order."""
    by_code = {k["code"]: k for k in report["kpis"]}
    return {**contract_summary(contract), "kpis": [_kpi(k, by_code.get(k.code)) for k in contract.kpis],
            "slas": [_sla(s) for s in contract.slas]}


def contract_years(contract: Contract) -> int:
    """How many contract years the contract spans (a last, short year counts)."""
    years = 1
    while contract_year_bounds(contract.start, years + 1)[0] <= contract.end:
        years += 1
    return years


def assessment(contract: Contract, report: dict[str, Any], year: int | None) -> dict[str, Any]:
    """The annual KPI assessment: one row per KPI per contract year (only ``year`` when given)."""
    rows = [dict(zip(ASSESSMENT_HEADER, row, strict=True)) for row in assessment_rows(contract, report)]
    if year is not None:
        rows = [row for row in rows if row["year"] == year]
    return {"reference": contract.reference, "year": year, "assessment": rows}
