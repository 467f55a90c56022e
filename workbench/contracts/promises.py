"""Promised versus delivered: each KPI linked to the evaluation shows the criterion, what the supplier said in
their bid for it (their written response and documents), the figure they promised, and what was measured —
the latest period and the latest contract year's mean — with whether that keeps the promise.

Keeping the promise follows the KPI's direction: for ``higher`` the measured figure is at least the promise,
for ``lower`` at most. No figure measured (or no figure promised) means no verdict (``None``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import BidResponse, Contract, EvidenceDocument, Kpi, Supplier

__all__ = ["keeps_promise", "promise_rows"]


def keeps_promise(direction: str, promised: Decimal | None, measured: float | None) -> bool | None:
    if promised is None or measured is None:
        return None
    figure = Decimal(str(measured))
    return figure >= promised if direction == "higher" else figure <= promised


def _supplier(contract: Contract) -> Supplier | None:
    if contract.procurement_id is None:
        return None
    return db.session.execute(select(Supplier).where(Supplier.procurement_id == contract.procurement_id,
                                                     Supplier.name == contract.supplier_name)).scalar_one_or_none()


def _evidence(supplier: Supplier | None, kpi: Kpi) -> tuple[str, list[str]]:
    if supplier is None or kpi.criterion_id is None:
        return "", []
    response = db.session.execute(select(BidResponse.response).where(
        BidResponse.supplier_id == supplier.id, BidResponse.criterion_id == kpi.criterion_id)).scalar_one_or_none()
    documents = db.session.execute(select(EvidenceDocument.filename).where(
        EvidenceDocument.supplier_id == supplier.id, EvidenceDocument.criterion_id == kpi.criterion_id)
        .order_by(EvidenceDocument.filename)).scalars()
    return response or "", list(documents)


def promise_rows(contract: Contract, report: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per KPI linked to a criterion or carrying a promised figure, in contract order."""
    by_code = {k["code"]: k for k in report["kpis"]}
    supplier = _supplier(contract)
    rows: list[dict[str, Any]] = []
    for kpi in contract.kpis:
        if kpi.criterion_id is None and kpi.promised is None:
            continue
        measured = by_code.get(kpi.code, {"periods": [], "years": []})
        latest = measured["periods"][-1] if measured["periods"] else None
        year = measured["years"][-1] if measured["years"] else None
        response, documents = _evidence(supplier, kpi)
        rows.append({
            "code": kpi.code, "title": kpi.title, "unit": kpi.unit, "direction": kpi.direction,
            "criterion": ({"code": kpi.criterion.code, "title": kpi.criterion.title} if kpi.criterion else None),
            "bid_response": response, "documents": documents,
            "promised": kpi.promised, "promise_note": kpi.promise_note,
            "latest": latest, "latest_kept": keeps_promise(kpi.direction, kpi.promised,
                                                           latest["value"] if latest else None),
            "year": year, "year_kept": keeps_promise(kpi.direction, kpi.promised, year["mean"] if year else None),
        })
    return rows
