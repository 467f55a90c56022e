"""Reads one procurement from the database into the scoring engine's input, in a fixed number of queries.

The number of queries does not grow with suppliers, criteria, evaluators or answers: each kind of row is
fetched once, whatever the size of the evaluation. Scores and young people's answers are added up in the
database (one row per supplier and criterion or question, conflicted evaluators left out there), so a large
evaluation's 100,000 scores cross into Python as a few thousand sums; the engine gives exactly the figures of
the single scores they sum (tests/unit/scoring/test_tallies.py).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Row, Select, case, exists, func, select
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


def _rows(statement: Select) -> list[Row]:
    """Plain rows through the session's connection: a Core select needs none of the ORM's result handling."""
    return list(db.session.connection().execute(statement).all())


def _count_of(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def counted_scores(procurement: Procurement) -> tuple[ColumnElement[bool], ...]:
    """Where-conditions for the scores that count: submitted, and not by an evaluator who declared a conflict of
    interest with that supplier (design.md, "Professional score")."""
    conflicted = exists().where(ConflictDeclaration.evaluator_id == Score.evaluator_id,
                                ConflictDeclaration.supplier_id == Score.supplier_id, ConflictDeclaration.has_conflict)
    return Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED, ~conflicted


def _score_tallies(procurement: Procurement, codes: dict[int, str],
                   names: dict[int, str]) -> tuple[scoring.ScoreTally, ...]:
    """Submitted scores per (supplier, criterion), without those of evaluators who declared a conflict of interest
    with that supplier. A row holds points (scored criteria) or passed (pass/fail), never both."""
    points = case((Score.passed.is_(None), Score.points))
    rows = _rows(
        select(Score.supplier_id, Score.criterion_id, func.count(points), func.coalesce(func.sum(points), 0),
               func.min(points), func.max(points), _count_of(Score.passed.is_(True)),
               _count_of(Score.passed.is_(False)))
        .where(*counted_scores(procurement))
        .group_by(Score.supplier_id, Score.criterion_id))
    make = scoring.ScoreTally
    return tuple(make(names[supplier_id], codes[criterion_id], count, total, low, high, passes, fails)
                 for supplier_id, criterion_id, count, total, low, high, passes, fails in rows
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


def _youth(procurement: Procurement, names: dict[int, str]) -> tuple[tuple[scoring.YouthQuestion, ...],
                                                                       tuple[scoring.YouthTally, ...]]:
    """The questions (with the criteria each maps to) and the answers per (supplier, question), "Not sure" left
    out (it is not an answer)."""
    questions = {q.id: q for q in procurement.youth_questions}
    engine_questions = tuple(scoring.YouthQuestion(id=q.code, criteria=tuple(q.criterion_codes))
                             for q in questions.values())
    rows = _rows(
        select(YouthAnswer.supplier_id, YouthAnswer.question_id, func.count(), func.sum(YouthAnswer.answer))
        .where(YouthAnswer.procurement_id == procurement.id, YouthAnswer.answer.is_not(None))
        .group_by(YouthAnswer.supplier_id, YouthAnswer.question_id))
    tallies = tuple(scoring.YouthTally(names[s], questions[q].code, count, total)
                    for s, q, count, total in rows if s in names and q in questions)
    return engine_questions, tallies


def evaluation_for(procurement: Procurement) -> scoring.Evaluation:
    """The engine's view of a procurement: plan, submitted scores (tallied, conflicts left out), consensus and young
    people's answers (tallied)."""
    codes = {c.id: c.code for c in procurement.criteria}
    names = {s.id: s.name for s in procurement.suppliers}
    youth_questions, youth_tallies = _youth(procurement, names)
    return scoring.Evaluation(
        scale=_scale(procurement), sections=_sections(procurement),
        suppliers=tuple(scoring.Supplier(name=s.name, price=s.price) for s in procurement.suppliers),
        quality_weight=procurement.quality_weight, price_weight=procurement.price_weight,
        price_method=scoring.PriceMethod(procurement.price_method.value),
        score_tallies=_score_tallies(procurement, codes, names), consensus=_consensus(procurement, codes, names),
        youth_questions=youth_questions, youth_tallies=youth_tallies)


def results_for(procurement: Procurement) -> scoring.EvaluationResult:
    return scoring.evaluate(evaluation_for(procurement))


