"""The JSON shapes of the API (documented in openapi/openapi.yaml). Ordering is stable: by position, then name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from workbench.access import Right
from workbench.models import Procurement
from workbench.results.report import score_rows


def json_number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _time(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def procurement_summary(procurement: Procurement, rights: set[Right]) -> dict[str, Any]:
    return {
        "reference": procurement.reference, "title": procurement.title, "status": procurement.status.value,
        "quality_weight": json_number(procurement.quality_weight),
        "price_weight": json_number(procurement.price_weight),
        "price_method": procurement.price_method.value,
        "scale": {"min": procurement.scale_min, "max": procurement.scale_max},
        "created_at": _time(procurement.created_at), "your_rights": sorted(r.value for r in rights),
    }


def procurement_detail(procurement: Procurement, rights: set[Right]) -> dict[str, Any]:
    return {
        **procurement_summary(procurement, rights),
        "scale_levels": [{"value": lv.value, "label": lv.label, "descriptor": lv.descriptor}
                         for lv in procurement.scale_levels],
        "sections": [{"name": s.name, "weight": json_number(s.weight), "criteria": [c.code for c in s.criteria]}
                     for s in procurement.sections],
        "suppliers": [s.name for s in procurement.suppliers],
    }


def criteria(procurement: Procurement) -> list[dict[str, Any]]:
    return [
        {"code": c.code, "title": c.title, "section": s.name, "kind": c.kind.value, "weight": json_number(c.weight),
         "min_score": json_number(c.min_score), "youth_share": json_number(c.youth_share), "question": c.question}
        for s in procurement.sections for c in s.criteria
    ]


def suppliers(procurement: Procurement, rights: set[Right]) -> list[dict[str, Any]]:
    see_prices = bool(rights & {Right.READ, Right.PANEL})
    return [{"name": s.name, "position": s.position, "price": json_number(s.price) if see_prices else None}
            for s in procurement.suppliers]


def submitted_scores(procurement: Procurement, hidden: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """Every submitted score, in the order of the workbook's Scores sheet (``score_rows``), without those for the
    suppliers in ``hidden`` (the caller's declared conflicts)."""
    return [{"evaluator": row.evaluator_email, "evaluator_name": row.evaluator, "supplier": row.supplier,
             "criterion": row.criterion, "value": row.value, "justification": row.justification,
             "submitted_at": _time(row.submitted_at)}
            for row in score_rows(procurement, hidden)]
