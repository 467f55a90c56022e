"""The results JSON of design.md (``scoring.to_json_dict``, full precision) with the plan's metadata."""

from __future__ import annotations

import json
from typing import Any

from workbench import scoring
from workbench.results.report import Report


def _change(change: scoring.Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {"weight": float(change.weight), "movement": float(change.movement), "leaders": list(change.leaders)}


def results_document(report: Report) -> dict[str, Any]:
    """The documented results JSON, plus ``plan`` and ``sensitivity`` keys (the documented keys are unchanged)."""
    procurement = report.procurement
    document = scoring.to_json_dict(report.result, procurement.reference)
    document["plan"] = {
        "title": procurement.title,
        "status": procurement.status.value,
        "quality_weight": float(procurement.quality_weight),
        "price_weight": float(procurement.price_weight),
        "price_method": procurement.price_method.value,
        "scale": {"min": procurement.scale_min, "max": procurement.scale_max},
        "sections": [{"name": s.name, "weight": float(s.weight), "criteria": [
            {"code": c.code, "title": c.title, "kind": c.kind.value, "weight": float(c.weight),
             "min_score": None if c.min_score is None else float(c.min_score), "youth_share": float(c.youth_share)}
            for c in s.criteria]} for s in procurement.sections],
    }
    document["sensitivity"] = {
        "leaders": list(report.sensitivity.leaders),
        "sections": [{"section": s.section, "weight": float(s.weight), "down": _change(s.down), "up": _change(s.up)}
                     for s in report.sensitivity.sections],
    }
    return document


def results_json(report: Report) -> str:
    return json.dumps(results_document(report), indent=2, ensure_ascii=False) + "\n"
