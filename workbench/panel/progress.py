"""How far each evaluator has got: per supplier, declared or not, how many criteria scored, submitted or not.

Progress is counts only: it never shows a score, so the officer can watch the panel without seeing anyone's marks.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from workbench.extensions import db
from workbench.models import ConflictDeclaration, MemberRole, Procurement, Score, ScoreStatus, Supplier, User
from workbench.procurements.services import members


class Stage(enum.StrEnum):
    UNDECLARED = "undeclared"
    CONFLICT = "conflict"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return {"undeclared": "Declare conflicts first", "conflict": "Conflict declared – not scoring",
                "not_started": "Not started", "in_progress": "In progress", "submitted": "Submitted"}[self.value]

    @property
    def tag_class(self) -> str:
        return {"undeclared": "govuk-tag--yellow", "conflict": "govuk-tag--red", "not_started": "govuk-tag--grey",
                "in_progress": "govuk-tag--light-blue", "submitted": "govuk-tag--green"}[self.value]


@dataclass(frozen=True)
class SupplierProgress:
    supplier: Supplier
    stage: Stage
    scored: int       # criteria with a score and a justification (draft or submitted)
    submitted: int
    total: int


@dataclass(frozen=True)
class EvaluatorProgress:
    evaluator: User
    suppliers: list[SupplierProgress]

    @property
    def submitted_suppliers(self) -> int:
        return sum(1 for p in self.suppliers if p.stage is Stage.SUBMITTED)

    @property
    def to_score(self) -> int:
        return sum(1 for p in self.suppliers if p.stage is not Stage.CONFLICT)


def _stage(declared: bool | None, scored: int, submitted: int, total: int) -> Stage:
    if declared is None:
        return Stage.UNDECLARED
    if declared:
        return Stage.CONFLICT
    if total and submitted >= total:
        return Stage.SUBMITTED
    return Stage.IN_PROGRESS if scored else Stage.NOT_STARTED


Counts = dict[tuple[int, int], tuple[int, int]]  # (evaluator id, supplier id) -> (scored, submitted)


def _progress(procurement: Procurement, evaluator: User, declarations: dict[tuple[int, int], bool],
              counts: Counts) -> EvaluatorProgress:
    total = len(procurement.criteria)
    rows = []
    for supplier in procurement.suppliers:
        scored, submitted = counts.get((evaluator.id, supplier.id), (0, 0))
        stage = _stage(declarations.get((evaluator.id, supplier.id)), scored, submitted, total)
        rows.append(SupplierProgress(supplier, stage, scored, submitted, total))
    return EvaluatorProgress(evaluator, rows)


def _load(procurement: Procurement, evaluator_ids: list[int]) -> tuple[dict[tuple[int, int], bool], Counts]:
    """Declarations and score counts for the evaluators: two queries, whatever the size of the evaluation."""
    declarations = {(e, s): c for e, s, c in db.session.execute(
        select(ConflictDeclaration.evaluator_id, ConflictDeclaration.supplier_id, ConflictDeclaration.has_conflict)
        .where(ConflictDeclaration.procurement_id == procurement.id,
               ConflictDeclaration.evaluator_id.in_(evaluator_ids))).all()}
    has_value = or_(Score.points.is_not(None), Score.passed.is_not(None))
    scored = func.count(case((and_(has_value, Score.justification != ""), 1)))
    submitted = func.count(case((Score.status == ScoreStatus.SUBMITTED, 1)))
    counts = {(e, s): (scored_count, submitted_count) for e, s, scored_count, submitted_count in db.session.execute(
        select(Score.evaluator_id, Score.supplier_id, scored, submitted)
        .where(Score.procurement_id == procurement.id, Score.evaluator_id.in_(evaluator_ids))
        .group_by(Score.evaluator_id, Score.supplier_id)).all()}
    return declarations, counts


def evaluator_progress(procurement: Procurement, evaluator: User) -> EvaluatorProgress:
    declarations, counts = _load(procurement, [evaluator.id])
    return _progress(procurement, evaluator, declarations, counts)


def panel_progress(procurement: Procurement) -> list[EvaluatorProgress]:
    evaluators = members(procurement, MemberRole.EVALUATOR)
    declarations, counts = _load(procurement, [e.id for e in evaluators])
    return [_progress(procurement, e, declarations, counts) for e in evaluators]
