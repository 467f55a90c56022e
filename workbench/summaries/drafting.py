"""Drafting an assessment summary from the results: scores per criterion and the reasons for them.

The reason for a criterion is the moderation rationale when the panel agreed a consensus score; otherwise the
evaluators' submitted justifications (not those of an evaluator with a declared conflict, whose scores do not count),
each distinct one once. The text is plain, so an officer can edit it in a
text box and email it as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from workbench import scoring
from workbench.extensions import db
from workbench.models import Consensus, Procurement, Score, Supplier
from workbench.results.inputs import counted_scores
from workbench.templating import two_dp

MAX_JUSTIFICATIONS = 3


@dataclass(frozen=True)
class Reasons:
    consensus: dict[tuple[int, int], str]          # (supplier id, criterion id) → rationale
    justifications: dict[tuple[int, int], list[str]]


def load_reasons(procurement: Procurement) -> Reasons:
    consensus = {(s, c): rationale for s, c, rationale in db.session.execute(
        select(Consensus.supplier_id, Consensus.criterion_id, Consensus.rationale)
        .where(Consensus.procurement_id == procurement.id)).all()}
    justifications: dict[tuple[int, int], list[str]] = defaultdict(list)
    rows = db.session.execute(
        select(Score.supplier_id, Score.criterion_id, Score.justification)
        .where(*counted_scores(procurement)).order_by(Score.evaluator_id)).all()
    for supplier_id, criterion_id, text in rows:
        text = (text or "").strip()
        if text and text not in justifications[(supplier_id, criterion_id)]:
            justifications[(supplier_id, criterion_id)].append(text)
    return Reasons(consensus, dict(justifications))


def most_advantageous(procurement: Procurement, result: scoring.EvaluationResult) -> Supplier | None:
    """The supplier ranked first by the engine (the first by name if tied); None when nobody is ranked."""
    ranked = [s for s in result.ranked() if s.rank == 1]
    if not ranked:
        return None
    return next(s for s in procurement.suppliers if s.name == ranked[0].name)


def _score_text(criterion_result: scoring.CriterionResult | None, scale_max: int) -> str:
    if criterion_result is None or criterion_result.professional is None:
        return "not yet scored"
    value = criterion_result.professional
    if isinstance(value, str):
        return value
    text = f"{float(value):g} out of {scale_max}" if float(value).is_integer() else \
        f"{two_dp(value)} out of {scale_max} (average of the panel)"
    if criterion_result.moderated:
        text += ", agreed at moderation"
    return text


def _reason(reasons: Reasons, supplier: Supplier, criterion_id: int) -> str:
    key = (supplier.id, criterion_id)
    if key in reasons.consensus:
        return reasons.consensus[key]
    found = reasons.justifications.get(key, [])
    if not found:
        return "No reasons have been recorded yet."
    text = " ".join(found[:MAX_JUSTIFICATIONS])
    return f"The evaluators noted: {text}"


def _tender_lines(procurement: Procurement, supplier: Supplier, outcome: scoring.SupplierResult,
                  reasons: Reasons, ranked_count: int) -> list[str]:
    if outcome.total is None:
        lines = ["Total score: not available yet (the scoring of this tender is not complete)."]
    else:
        lines = [f"Total score: {two_dp(outcome.total)} out of 100 (quality {two_dp(outcome.quality)}, "
                 f"price {two_dp(outcome.price_score)})."]
    if outcome.rank is not None:
        lines.append(f"Rank: {outcome.rank} of {ranked_count}{' (tied)' if outcome.tie else ''}.")
    if outcome.excluded:
        lines.append("This tender was excluded: " + "; ".join(outcome.exclusion_reasons) + ".")
    lines.append("")
    for section in procurement.sections:
        lines.append(f"Section: {section.name} (section weight {float(section.weight):g}% of quality; "
                     f"weighted score {two_dp(outcome.section_scores.get(section.name))})")
        for criterion in section.criteria:
            result = outcome.criteria.get(criterion.code)
            lines.append(f"- {criterion.code} {criterion.title}: {_score_text(result, procurement.scale_max)}.")
            lines += [f"  Reason: {_reason(reasons, supplier, criterion.id)}", ""]
    return lines


def draft_text(procurement: Procurement, supplier: Supplier, result: scoring.EvaluationResult,
               reasons: Reasons) -> str:
    outcome = result.supplier(supplier.name)
    ranked_count = sum(1 for s in result.suppliers if s.rank is not None)
    best = most_advantageous(procurement, result)
    lines = [f"Assessment summary for {supplier.name}", f"Procurement: {procurement.title} ({procurement.reference})",
             f"Price weighting {float(procurement.price_weight):g}%, quality weighting "
             f"{float(procurement.quality_weight):g}%.", ""]
    if not result.complete or not result.supplier(supplier.name).complete:
        lines += ["Note: the evaluation is not complete; these figures may change.", ""]
    lines += ["Your tender", *_tender_lines(procurement, supplier, outcome, reasons, ranked_count), ""]
    if best is None:
        lines.append("The most advantageous tender has not been identified yet.")
    elif best.id == supplier.id:
        lines.append("Your tender is the most advantageous tender.")
    else:
        lines += [f"The most advantageous tender: {best.name}",
                  *_tender_lines(procurement, best, result.supplier(best.name), reasons, ranked_count)]
    return "\n".join(lines).strip() + "\n"
