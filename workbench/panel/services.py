"""Independent scoring: conflict declarations, draft scores, and submission (which locks them)."""

from __future__ import annotations

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import (
    ConflictDeclaration,
    Criterion,
    Procurement,
    Score,
    ScoreStatus,
    Status,
    Supplier,
    User,
)
from workbench.models.base import utcnow


class ScoringError(ValueError):
    """A scoring action that is not allowed, with a message for the evaluator."""


def declare_conflict(procurement: Procurement, evaluator: User, supplier: Supplier, *, has_conflict: bool,
                     details: str) -> ConflictDeclaration:
    """Record an evaluator's declaration for one supplier. A declaration, once made, is final."""
    existing = db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.evaluator_id == evaluator.id, ConflictDeclaration.supplier_id == supplier.id)
    ).scalar_one_or_none()
    if existing is not None:
        raise ScoringError(f"You have already made a declaration for {supplier.name}")
    if has_conflict and not details.strip():
        raise ScoringError("Describe the conflict of interest")
    declaration = ConflictDeclaration(procurement_id=procurement.id, evaluator_id=evaluator.id,
                                      supplier_id=supplier.id, has_conflict=has_conflict, details=details.strip())
    db.session.add(declaration)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=evaluator,
                 action="conflict.declared", entity=f"supplier:{supplier.name}",
                 after={"evaluator": evaluator.email, "conflict": has_conflict, "details": details.strip()})
    return declaration


def save_score(procurement: Procurement, evaluator: User, supplier: Supplier, criterion: Criterion, *,
               value: int | str | None, justification: str) -> Score:
    """Save (or update) a draft score. Submitted scores cannot be changed by the evaluator."""
    if procurement.status is not Status.SCORING:
        raise ScoringError("Scoring is not open for this procurement")
    score = db.session.execute(select(Score).where(
        Score.evaluator_id == evaluator.id, Score.supplier_id == supplier.id, Score.criterion_id == criterion.id)
    ).scalar_one_or_none()
    if score is not None and score.status is ScoreStatus.SUBMITTED:
        raise ScoringError(f"Your score for {criterion.code} has been submitted and is locked")
    if score is None:
        score = Score(procurement_id=procurement.id, evaluator_id=evaluator.id, supplier_id=supplier.id,
                      criterion_id=criterion.id)
        db.session.add(score)
    before = {"score": score.value, "justification": score.justification}
    if criterion.is_pass_fail:
        score.points, score.passed = None, (None if value is None else value == "pass")
    else:
        score.points, score.passed = (None if value is None else int(value)), None
    score.justification, score.updated_at = justification.strip(), utcnow()
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=evaluator,
                 action="score.saved", entity=f"{supplier.name} / {criterion.code}", before=before,
                 after={"score": score.value, "justification": score.justification, "status": "draft"})
    return score


def submit_scores(procurement: Procurement, evaluator: User, supplier: Supplier) -> list[Score]:
    """Submit every score for one supplier. Each criterion needs a score and a justification first."""
    if procurement.status is not Status.SCORING:
        raise ScoringError("Scoring is not open for this procurement")
    scores = {s.criterion_id: s for s in db.session.execute(select(Score).where(
        Score.evaluator_id == evaluator.id, Score.supplier_id == supplier.id)).scalars()}
    missing = [c.code for c in procurement.criteria
               if c.id not in scores or scores[c.id].value is None or not scores[c.id].justification]
    if missing:
        raise ScoringError("Give a score and a justification for " + ", ".join(missing) + " before submitting")
    now = utcnow()
    for score in scores.values():
        score.status, score.submitted_at = ScoreStatus.SUBMITTED, now
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=evaluator,
                 action="scores.submitted", entity=f"supplier:{supplier.name}",
                 after={"evaluator": evaluator.email, "scores": {
                     s.criterion.code: s.value for s in scores.values()}})
    return list(scores.values())
