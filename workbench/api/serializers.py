"""The JSON shapes of the API (documented in openapi/openapi.yaml). Ordering is stable: by position, then name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workbench.access import Right
from workbench.extensions import db
from workbench.models import Procurement, Score, ScoreStatus, User


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _time(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def procurement_summary(procurement: Procurement, rights: set[Right]) -> dict[str, Any]:
    return {
        "reference": procurement.reference, "title": procurement.title, "status": procurement.status.value,
        "quality_weight": _number(procurement.quality_weight), "price_weight": _number(procurement.price_weight),
        "price_method": procurement.price_method.value,
        "scale": {"min": procurement.scale_min, "max": procurement.scale_max},
        "created_at": _time(procurement.created_at), "your_rights": sorted(r.value for r in rights),
    }


def procurement_detail(procurement: Procurement, rights: set[Right]) -> dict[str, Any]:
    return {
        **procurement_summary(procurement, rights),
        "scale_levels": [{"value": lv.value, "label": lv.label, "descriptor": lv.descriptor}
                         for lv in procurement.scale_levels],
        "sections": [{"name": s.name, "weight": _number(s.weight), "criteria": [c.code for c in s.criteria]}
                     for s in procurement.sections],
        "suppliers": [s.name for s in procurement.suppliers],
    }


def criteria(procurement: Procurement) -> list[dict[str, Any]]:
    return [
        {"code": c.code, "title": c.title, "section": s.name, "kind": c.kind.value, "weight": _number(c.weight),
         "min_score": _number(c.min_score), "youth_share": _number(c.youth_share), "question": c.question}
        for s in procurement.sections for c in s.criteria
    ]


def suppliers(procurement: Procurement, rights: set[Right]) -> list[dict[str, Any]]:
    see_prices = bool(rights & {Right.READ, Right.PANEL})
    return [{"name": s.name, "position": s.position, "price": _number(s.price) if see_prices else None}
            for s in procurement.suppliers]


def submitted_scores(procurement: Procurement) -> list[dict[str, Any]]:
    rows = db.session.execute(
        select(Score, User.email, User.name).join(User, User.id == Score.evaluator_id)
        .where(Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED)).all()
    positions = {s.id: (s.position, s.name) for s in procurement.suppliers}
    names = {s.id: s.name for s in procurement.suppliers}
    order = {c.id: index for index, c in enumerate(procurement.criteria)}
    codes = {c.id: c.code for c in procurement.criteria}
    rows.sort(key=lambda row: (positions.get(row[0].supplier_id, (0, "")), order.get(row[0].criterion_id, 0),
                               row[1]))
    return [
        {"evaluator": email, "evaluator_name": name, "supplier": names[score.supplier_id],
         "criterion": codes[score.criterion_id], "value": score.value, "justification": score.justification,
         "submitted_at": _time(score.submitted_at)}
        for score, email, name in rows if score.supplier_id in names and score.criterion_id in codes
    ]
