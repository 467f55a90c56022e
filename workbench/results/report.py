"""Everything the results page and the exports show, read in a fixed number of queries and computed on read.

``build_report`` gives the engine's figures plus the plan; ``score_rows``, ``moderation_rows``, ``youth_comments``
and ``audit_rows`` read the detail the workbook and CSV files add (one query each).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import aliased

from workbench import scoring
from workbench.access import Right, hidden_suppliers, rights_of
from workbench.audit import procurement_scope
from workbench.extensions import db
from workbench.models import (
    AuditEvent,
    Consensus,
    Criterion,
    Procurement,
    Respondent,
    Score,
    ScoreStatus,
    Supplier,
    User,
    YouthAnswer,
    YouthQuestion,
)
from workbench.results.inputs import evaluation_for
from workbench.scoring.engine import Calculation, calculate


@dataclass(frozen=True)
class Audience:
    """Who a report is for: whether it may hold the audit trail, and the suppliers whose individual scores,
    justifications and consensus rationales it leaves out (an evaluator's declared conflicts)."""

    audit: bool = True
    hidden: frozenset[int] = frozenset()

    @classmethod
    def of(cls, procurement: Procurement, user: User) -> Audience:
        return cls(audit=Right.READ in rights_of(user, procurement),
                   hidden=frozenset(hidden_suppliers(procurement, user)))


EVERYTHING = Audience()


@dataclass(frozen=True)
class Report:
    procurement: Procurement
    evaluation: scoring.Evaluation
    calculation: Calculation
    audience: Audience = EVERYTHING

    @cached_property
    def result(self) -> scoring.EvaluationResult:
        return self.calculation.result()

    @cached_property
    def sensitivity(self) -> scoring.Sensitivity:
        """Worked out when first asked for (the page, the workbook and the JSON ask; a chart does not)."""
        return scoring.sensitivity(self.evaluation, self.calculation)

    @cached_property
    def youth_ranking(self) -> list[scoring.YouthRank]:
        """The young people's view alone (computed once per report)."""
        return scoring.youth_only_ranking(self.evaluation, self.result)

    def missing(self) -> list[str]:
        """What keeps the results incomplete, in words (one line per supplier and kind of gap)."""
        lines: list[str] = []
        shares = {c.code: Decimal(str(c.youth_share or 0)) for c in self.evaluation.criteria()}
        for supplier in self.result.suppliers:
            scores = [c.code for c in supplier.criteria.values() if c.professional is None and shares[c.code] != 100]
            youth = [c.code for c in supplier.criteria.values() if c.youth is None and shares[c.code] > 0]
            if scores:
                lines.append(f"{supplier.name}: no professional score yet for {', '.join(scores)}")
            if youth:
                lines.append(f"{supplier.name}: no young people’s answer yet for {', '.join(youth)}")
            if not supplier.excluded and supplier.price_score is None and self.evaluation.price_weight:
                lines.append(f"{supplier.name}: no price")
        return lines


def build_report(procurement: Procurement, audience: Audience = EVERYTHING) -> Report:
    """The engine runs once: its exact calculation gives both the figures and the sensitivity analysis."""
    evaluation = evaluation_for(procurement)
    return Report(procurement, evaluation, calculate(evaluation), audience)


class ScoreRow(NamedTuple):
    """One submitted score (a named tuple: a large evaluation has ~100,000 of them)."""

    evaluator: str
    evaluator_email: str
    supplier: str
    criterion: str
    value: int | str | None
    justification: str
    submitted_at: datetime | None


def score_rows(procurement: Procurement, hidden: frozenset[int] = frozenset()) -> list[ScoreRow]:
    """Every submitted score, by supplier position, criterion (in plan order) and evaluator email.

    Sorted here rather than by the database: the order is then the same on SQLite and PostgreSQL (whose text order
    follows its locale), and PostgreSQL does not sort 100,000 rows by collated text (a second on the bench)."""
    suppliers = {s.id: (s.position, s.name) for s in procurement.suppliers}
    criteria = {c.id: (index, c.code) for index, c in enumerate(procurement.criteria)}
    submitted = (Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED)
    connection = db.session.connection()
    evaluators = {id_: (email, name or email) for id_, email, name in connection.execute(
        select(User.id, User.email, User.name).where(User.id.in_(select(Score.evaluator_id).where(*submitted))))}
    rows = connection.execute(select(Score.evaluator_id, Score.supplier_id, Score.criterion_id, Score.points,
                                     Score.passed, Score.justification, Score.submitted_at).where(*submitted))
    keyed = [((*suppliers[s], *criteria[c], evaluators[e][0]), e, points, passed, justification, at)
             for e, s, c, points, passed, justification, at in rows
             if s in suppliers and c in criteria and s not in hidden]
    keyed.sort(key=itemgetter(0))
    return [ScoreRow(evaluators[e][1], evaluators[e][0], key[1], key[3],
                     ("pass" if passed else "fail") if passed is not None else points, justification or "", at)
            for key, e, points, passed, justification, at in keyed]


@dataclass(frozen=True)
class ModerationRow:
    supplier: str
    criterion: str
    consensus: int | str | None
    rationale: str
    recorded_by: str
    recorded_at: datetime | None


def moderation_rows(procurement: Procurement, hidden: frozenset[int] = frozenset()) -> list[ModerationRow]:
    recorder = aliased(User)
    rows = db.session.execute(
        select(Supplier.name, Criterion.code, Consensus.points, Consensus.passed, Consensus.rationale,
               recorder.name, Consensus.recorded_at)
        .join(Supplier, Supplier.id == Consensus.supplier_id).join(Criterion, Criterion.id == Consensus.criterion_id)
        .outerjoin(recorder, recorder.id == Consensus.recorded_by_id)
        .where(Consensus.procurement_id == procurement.id, Consensus.supplier_id.not_in(hidden))
        .order_by(Supplier.position, Criterion.position, Criterion.code)).all()
    return [ModerationRow(s, c, ("pass" if passed else "fail") if passed is not None else points, rationale or "",
                          who or "", at)
            for s, c, points, passed, rationale, who, at in rows]


@dataclass(frozen=True)
class YouthRow:
    respondent: str
    supplier: str
    question: str
    answer: int | None
    comment: str


def youth_comments(procurement: Procurement) -> list[YouthRow]:
    """The young people's answers that came with a comment (the workbook lists them; their figures are tallied)."""
    rows = db.session.execute(
        select(Respondent.label, Supplier.name, YouthQuestion.code, YouthAnswer.answer, YouthAnswer.comment)
        .join(Respondent, Respondent.id == YouthAnswer.respondent_id)
        .join(Supplier, Supplier.id == YouthAnswer.supplier_id)
        .join(YouthQuestion, YouthQuestion.id == YouthAnswer.question_id)
        .where(YouthAnswer.procurement_id == procurement.id, YouthAnswer.comment != "")
        .order_by(Supplier.position, YouthQuestion.position, Respondent.label)).all()
    return [YouthRow(label, s, q, a, comment or "") for label, s, q, a, comment in rows]


def audit_rows(procurement: Procurement) -> list[AuditEvent]:
    return list(db.session.execute(
        select(AuditEvent).where(AuditEvent.scope == procurement_scope(procurement.reference))
        .order_by(AuditEvent.sequence)).scalars())
