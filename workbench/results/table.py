"""The plain-text results table printed by `workbench results REF`."""

from __future__ import annotations

from workbench.models import Procurement
from workbench.scoring import EvaluationResult


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def results_table(procurement: Procurement, result: EvaluationResult) -> str:
    header = f"{'Rank':<6}{'Supplier':<36}{'Quality':>9}{'Price':>9}{'Total':>9}  Notes"
    lines = [f"{procurement.reference}: {procurement.title}",
             f"Quality {procurement.quality_weight:g}% / price {procurement.price_weight:g}% "
             f"({procurement.price_method.value} price method)"
             + ("" if result.complete else "  — INCOMPLETE: some scores or answers are missing"),
             "", header, "-" * len(header)]
    for supplier in result.ranked():
        rank = "-" if supplier.rank is None else f"{supplier.rank}{'=' if supplier.tie else ''}"
        notes = []
        if supplier.excluded:
            notes.append("excluded: " + "; ".join(supplier.exclusion_reasons))
        if not supplier.complete:
            notes.append("incomplete")
        lines.append(f"{rank:<6}{supplier.name[:35]:<36}{_num(supplier.quality):>9}{_num(supplier.price_score):>9}"
                     f"{_num(supplier.total):>9}  {'; '.join(notes)}")
    return "\n".join(lines)
