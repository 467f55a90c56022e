"""Write operations of moderation. Each one checks the stage, changes the data and writes its audit event."""

from __future__ import annotations

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Consensus, Criterion, Procurement, Score, ScoreStatus, Status, Supplier, User
from workbench.models.base import utcnow

PASS_FAIL = ("pass", "fail")


class ModerationError(ValueError):
    """A moderation action that is not allowed, with a message for the officer and the form field it concerns
    ("score", "rationale" or "reason"; empty when it concerns the whole action)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _require_moderation(procurement: Procurement) -> None:
    if procurement.status is not Status.MODERATION:
        raise ModerationError(f"Moderation is not open for this procurement (it is now: {procurement.status.label})")


def _checked_value(procurement: Procurement, criterion: Criterion, value: int | str | None) -> tuple[
        int | None, bool | None]:
    """The (points, passed) pair for a value on this criterion, or a ModerationError naming what is allowed."""
    if criterion.is_pass_fail:
        if value not in PASS_FAIL:
            raise ModerationError(f"Choose pass or fail for {criterion.code}", "score")
        return None, value == "pass"
    try:
        points = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        points = None
    if points is None or not procurement.scale_min <= points <= procurement.scale_max:
        raise ModerationError(f"Choose a score from {procurement.scale_min} to {procurement.scale_max} "
                              f"for {criterion.code}", "score")
    return points, None


def _entity(supplier: Supplier, criterion: Criterion) -> str:
    return f"{supplier.name} / {criterion.code}"


def _locked_consensus(supplier: Supplier, criterion: Criterion) -> Consensus | None:
    """The consensus for (supplier, criterion), row-locked so concurrent changes queue up."""
    return db.session.execute(select(Consensus).where(
        Consensus.supplier_id == supplier.id, Consensus.criterion_id == criterion.id).with_for_update()
    ).scalar_one_or_none()


def record_consensus(procurement: Procurement, supplier: Supplier, criterion: Criterion, *, value: int | str | None,
                     rationale: str, actor: User, reason: str = "") -> Consensus:
    """Record (or change) the panel's consensus score. A rationale is always required; a change needs a reason."""
    _require_moderation(procurement)
    points, passed = _checked_value(procurement, criterion, value)
    rationale, reason = rationale.strip(), reason.strip()
    if not rationale:
        raise ModerationError("Explain how the panel reached this consensus score", "rationale")
    existing = _locked_consensus(supplier, criterion)
    if existing is not None and not reason:
        raise ModerationError("Give a reason for changing the consensus score", "reason")
    before = None if existing is None else {"score": existing.value, "rationale": existing.rationale}
    consensus = existing or Consensus(procurement_id=procurement.id, supplier_id=supplier.id,
                                      criterion_id=criterion.id)
    consensus.points, consensus.passed, consensus.rationale = points, passed, rationale
    consensus.recorded_by_id, consensus.recorded_at = actor.id, utcnow()
    if existing is None:
        db.session.add(consensus)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="consensus.changed" if existing else "consensus.recorded",
                 entity=_entity(supplier, criterion), before=before,
                 after={"score": consensus.value, "rationale": rationale}, reason=reason)
    return consensus


def withdraw_consensus(procurement: Procurement, supplier: Supplier, criterion: Criterion, *, reason: str,
                       actor: User) -> None:
    """Withdraw a consensus score recorded in error: the results go back to the panel's mean (or pass/fail), and
    the audit trail keeps the score, its rationale and the reason."""
    _require_moderation(procurement)
    reason = reason.strip()
    if not reason:
        raise ModerationError("Give a reason for withdrawing the consensus score", "reason")
    existing = _locked_consensus(supplier, criterion)
    if existing is None:
        raise ModerationError("There is no consensus score to withdraw")
    before = {"score": existing.value, "rationale": existing.rationale}
    db.session.delete(existing)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="consensus.withdrawn", entity=_entity(supplier, criterion), before=before, after=None,
                 reason=reason)


def change_submitted_score(procurement: Procurement, score: Score, *, value: int | str | None, reason: str,
                           actor: User) -> Score:
    """Change an evaluator's submitted score during moderation (the officer, with a reason, audited)."""
    _require_moderation(procurement)
    if score.procurement_id != procurement.id or score.status is not ScoreStatus.SUBMITTED:
        raise ModerationError("Only a submitted score can be changed in moderation")
    points, passed = _checked_value(procurement, score.criterion, value)
    reason = reason.strip()
    if not reason:
        raise ModerationError("Give a reason for changing this score", "reason")
    if (points, passed) == (score.points, score.passed):
        raise ModerationError("That is the score already recorded: choose a different one", "score")
    before = {"evaluator": score.evaluator.email, "score": score.value}
    score.points, score.passed, score.updated_at = points, passed, utcnow()
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="score.changed_in_moderation", entity=_entity(score.supplier, score.criterion),
                 before=before, after={"evaluator": score.evaluator.email, "score": score.value}, reason=reason)
    return score
