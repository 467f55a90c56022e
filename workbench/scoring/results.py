"""The engine's output: frozen dataclasses holding full-precision floats, and the results JSON shape.

Every figure is computed exactly with fractions and converted to ``float`` once, here; ``None`` means the
figure cannot be computed (incomplete input, or an excluded supplier's price/total/rank).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CriterionResult:
    """One supplier on one criterion.

    ``professional``: mean/consensus on the plan's scale, or "pass"/"fail"; ``youth``: mean raw answer 1–5;
    ``normalised``: blended n in 0–1 (None for pass/fail); ``weighted``: contribution to quality (0–100).
    """

    code: str
    kind: str
    professional: float | str | None
    youth: float | None
    normalised: float | None
    spread_flag: bool
    weighted: float | None
    moderated: bool
    score_count: int
    youth_count: int = 0


@dataclass(frozen=True)
class SupplierResult:
    name: str
    quality: float | None
    price_score: float | None
    total: float | None
    rank: int | None
    excluded: bool
    exclusion_reasons: tuple[str, ...]
    tie: bool
    complete: bool
    criteria: dict[str, CriterionResult]
    section_scores: dict[str, float | None]


@dataclass(frozen=True)
class EvaluationResult:
    """Suppliers in the input order of ``Evaluation.suppliers``."""

    suppliers: tuple[SupplierResult, ...]
    complete: bool
    lowest_price: float | None

    def ranked(self) -> list[SupplierResult]:
        """Suppliers by rank (ties by name), then the unranked ones by name."""
        return sorted(self.suppliers, key=lambda s: (s.rank is None, s.rank or 0, s.name))

    def supplier(self, name: str) -> SupplierResult:
        """The result for the supplier called ``name`` (KeyError if there is none)."""
        for result in self.suppliers:
            if result.name == name:
                return result
        raise KeyError(name)

    def ranks(self) -> dict[str, int | None]:
        """Supplier name → rank (None where unranked)."""
        return {s.name: s.rank for s in self.suppliers}


def _json_order(result: EvaluationResult) -> list[SupplierResult]:
    """Ranked suppliers by (rank, name), then the unranked ones in input order."""
    ranked = sorted((s for s in result.suppliers if s.rank is not None), key=lambda s: (s.rank, s.name))
    return ranked + [s for s in result.suppliers if s.rank is None]


def _criterion_json(criterion: CriterionResult) -> dict[str, Any]:
    return {
        "professional": criterion.professional,
        "youth": criterion.youth,
        "normalised": criterion.normalised,
        "spread_flag": criterion.spread_flag,
    }


def _supplier_json(supplier: SupplierResult) -> dict[str, Any]:
    return {
        "name": supplier.name,
        "quality": supplier.quality,
        "price_score": supplier.price_score,
        "total": supplier.total,
        "rank": supplier.rank,
        "excluded": supplier.excluded,
        "exclusion_reasons": list(supplier.exclusion_reasons),
        "tie": supplier.tie,
        "criteria": {code: _criterion_json(c) for code, c in supplier.criteria.items()},
        "complete": supplier.complete,
        "section_scores": dict(supplier.section_scores),
    }


def to_json_dict(result: EvaluationResult, reference: str) -> dict[str, Any]:
    """The documented results JSON (design.md, "Results JSON"), ready for ``json.dumps``."""
    return {
        "reference": reference,
        "complete": result.complete,
        "suppliers": [_supplier_json(s) for s in _json_order(result)],
    }
