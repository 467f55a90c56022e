"""Reads one procurement from the database into the scoring engine's input, in a fixed number of queries.

The number of queries does not grow with suppliers, criteria, evaluators or answers: each kind of row is
fetched once, whatever the size of the evaluation.
"""

from __future__ import annotations

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import selectinload

from workbench import scoring
from workbench.extensions import db
from workbench.models import (
    ConflictDeclaration,
    Consensus,
    Procurement,
    Score,
    ScoreStatus,
    Section,
    User,
    YouthAnswer,
)


def load_procurement(reference: str) -> Procurement | None:
    return db.session.execute(
        select(Procurement).where(Procurement.reference == reference).options(
            selectinload(Procurement.sections).selectinload(Section.criteria),
            selectinload(Procurement.suppliers), selectinload(Procurement.scale_levels),
            selectinload(Procurement.youth_questions))
    ).scalar_one_or_none()


def _scale(procurement: Procurement) -> scoring.Scale:
    return scoring.Scale(min=procurement.scale_min, max=procurement.scale_max,
                         levels=tuple(scoring.ScaleLevel(lv.value, lv.label, lv.descriptor)
                                      for lv in procurement.scale_levels))


def _sections(procurement: Procurement) -> tuple[scoring.Section, ...]:
    return tuple(
        scoring.Section(name=section.name, weight=section.weight, criteria=tuple(
            scoring.Criterion(code=c.code, title=c.title, kind=scoring.Kind(c.kind.value), weight=c.weight,
                              min_score=c.min_score, youth_share=c.youth_share)
            for c in section.criteria))
        for section in procurement.sections)


_PASSED = {True: "pass", False: "fail"}


def _rows(statement: Select) -> list[Row]:
    """Plain rows through the session's connection: a Core select needs none of the ORM's result handling,
    which costs more than the query itself for the ~100,000 score rows of a large evaluation."""
    return list(db.session.connection().execute(statement).all())


def _scores(procurement: Procurement, codes: dict[int, str], names: dict[int, str]) -> tuple[scoring.Score, ...]:
    rows = _rows(
        select(Score.supplier_id, Score.criterion_id, Score.points, Score.passed, User.email)
        .join(User, User.id == Score.evaluator_id)
        .where(Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED))
    make = scoring.Score
    return tuple(
        make(email, names[supplier_id], codes[criterion_id], points if passed is None else _PASSED[passed])
        for supplier_id, criterion_id, points, passed, email in rows
        if supplier_id in names and criterion_id in codes)


def _consensus(procurement: Procurement, codes: dict[int, str],
               names: dict[int, str]) -> tuple[scoring.Consensus, ...]:
    rows = db.session.execute(
        select(Consensus.supplier_id, Consensus.criterion_id, Consensus.points, Consensus.passed)
        .where(Consensus.procurement_id == procurement.id)).all()
    return tuple(
        scoring.Consensus(supplier=names[s], criterion=codes[c],
                          value=("pass" if passed else "fail") if passed is not None else points)
        for s, c, points, passed in rows if s in names and c in codes)


def _conflicts(procurement: Procurement, names: dict[int, str]) -> tuple[scoring.Conflict, ...]:
    rows = db.session.execute(
        select(ConflictDeclaration.supplier_id, User.email)
        .join(User, User.id == ConflictDeclaration.evaluator_id)
        .where(ConflictDeclaration.procurement_id == procurement.id, ConflictDeclaration.has_conflict)).all()
    return tuple(scoring.Conflict(evaluator=email, supplier=names[s]) for s, email in rows if s in names)


def _youth(procurement: Procurement, names: dict[int, str]) -> tuple[tuple[scoring.YouthQuestion, ...],
                                                                       tuple[scoring.YouthAnswer, ...]]:
    questions = {q.id: q for q in procurement.youth_questions}
    engine_questions = tuple(scoring.YouthQuestion(id=q.code, criteria=tuple(q.criterion_codes))
                             for q in questions.values())
    rows = _rows(
        select(YouthAnswer.respondent_id, YouthAnswer.supplier_id, YouthAnswer.question_id, YouthAnswer.answer)
        .where(YouthAnswer.procurement_id == procurement.id))
    make = scoring.YouthAnswer
    answers = tuple(
        make(str(respondent), names[s], questions[q].code, a)
        for respondent, s, q, a in rows if s in names and q in questions)
    return engine_questions, answers


def evaluation_for(procurement: Procurement) -> scoring.Evaluation:
    """The engine's view of a procurement: plan, submitted scores, consensus, conflicts, young people's answers."""
    codes = {c.id: c.code for c in procurement.criteria}
    names = {s.id: s.name for s in procurement.suppliers}
    youth_questions, youth_answers = _youth(procurement, names)
    return scoring.Evaluation(
        scale=_scale(procurement), sections=_sections(procurement),
        suppliers=tuple(scoring.Supplier(name=s.name, price=s.price) for s in procurement.suppliers),
        quality_weight=procurement.quality_weight, price_weight=procurement.price_weight,
        price_method=scoring.PriceMethod(procurement.price_method.value),
        scores=_scores(procurement, codes, names), consensus=_consensus(procurement, codes, names),
        conflicts=_conflicts(procurement, names), youth_questions=youth_questions, youth_answers=youth_answers)


def results_for(procurement: Procurement) -> scoring.EvaluationResult:
    return scoring.evaluate(evaluation_for(procurement))


