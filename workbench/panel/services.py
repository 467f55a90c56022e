"""Independent scoring: conflict declarations, draft scores, and submission (which locks them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

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
    if declaration_of(evaluator, supplier) is not None:
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


def declaration_of(evaluator: User, supplier: Supplier) -> ConflictDeclaration | None:
    return db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.evaluator_id == evaluator.id, ConflictDeclaration.supplier_id == supplier.id)
    ).scalar_one_or_none()


def _require_clear(evaluator: User, supplier: Supplier) -> None:
    """An evaluator scores a supplier only after declaring no conflict of interest with them."""
    declaration = declaration_of(evaluator, supplier)
    if declaration is None:
        raise ScoringError(f"Declare whether you have a conflict of interest with {supplier.name} before scoring")
    if declaration.has_conflict:
        raise ScoringError(f"You declared a conflict of interest with {supplier.name}: you cannot score them")


def save_score(procurement: Procurement, evaluator: User, supplier: Supplier, criterion: Criterion, *,
               value: int | str | None, justification: str) -> Score:
    """Save (or update) a draft score. Submitted scores cannot be changed by the evaluator."""
    if procurement.status is not Status.SCORING:
        raise ScoringError("Scoring is not open for this procurement")
    _require_clear(evaluator, supplier)
    # Concurrent saves of one (evaluator, supplier, criterion) queue up instead of colliding on the unique
    # constraint: insert the row if it is missing (INSERT … ON CONFLICT DO NOTHING), then lock it and read it fresh.
    insert = postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(Score).values(
        procurement_id=procurement.id, evaluator_id=evaluator.id, supplier_id=supplier.id, criterion_id=criterion.id
    ).on_conflict_do_nothing(index_elements=["evaluator_id", "supplier_id", "criterion_id"]))
    score = db.session.execute(select(Score).where(
        Score.evaluator_id == evaluator.id, Score.supplier_id == supplier.id, Score.criterion_id == criterion.id)
        .with_for_update().execution_options(populate_existing=True)).scalar_one()
    if score.status is ScoreStatus.SUBMITTED:
        raise ScoringError(f"Your score for {criterion.code} has been submitted and is locked")
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


def save_drafts(procurement: Procurement, evaluator: User,
                entries: list[tuple[Supplier, Criterion, int | str | None, str]]) -> int:
    """Save several draft scores at once (a scoring page). Unchanged and locked entries are left alone.

    Returns how many scores changed."""
    if procurement.status is not Status.SCORING:
        raise ScoringError("Scoring is not open for this procurement")
    existing = {(s.supplier_id, s.criterion_id): s for s in db.session.execute(select(Score).where(
        Score.evaluator_id == evaluator.id, Score.procurement_id == procurement.id)).scalars()}
    changed = 0
    for supplier, criterion, value, justification in entries:
        score = existing.get((supplier.id, criterion.id))
        if score is not None and score.status is ScoreStatus.SUBMITTED:
            continue
        current = (None, "") if score is None else (score.value, score.justification)
        wanted = (None if value is None else (value if criterion.is_pass_fail else int(value)), justification.strip())
        if wanted == current:
            continue
        save_score(procurement, evaluator, supplier, criterion, value=value, justification=justification)
        changed += 1
    return changed


def submit_scores(procurement: Procurement, evaluator: User, supplier: Supplier) -> list[Score]:
    """Submit every score for one supplier. Each criterion needs a score and a justification first."""
    if procurement.status is not Status.SCORING:
        raise ScoringError("Scoring is not open for this procurement")
    _require_clear(evaluator, supplier)
    scores = {s.criterion_id: s for s in db.session.execute(select(Score).where(  # locked: a save waits for us
        Score.evaluator_id == evaluator.id, Score.supplier_id == supplier.id).order_by(Score.id)
        .with_for_update().execution_options(populate_existing=True)).scalars()}
    if scores and all(s.status is ScoreStatus.SUBMITTED for s in scores.values()) and len(scores) == len(
            procurement.criteria):
        raise ScoringError(f"You have already submitted your scores for {supplier.name}")
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
