"""Builds a synthetic evaluation straight into the database (bulk inserts), for the bench and the query-count test.

Every supplier is scored by every evaluator on every criterion; each young person answers every question for every
supplier. Scores follow a fixed pseudo-random pattern so runs are repeatable.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert

from workbench.extensions import db
from workbench.models import (
    Criterion,
    CriterionKind,
    MemberRole,
    Membership,
    Procurement,
    Respondent,
    Role,
    Score,
    ScoreStatus,
    Section,
    Status,
    Supplier,
    User,
    YouthAnswer,
    YouthQuestion,
    YouthSession,
)


def _split(total: int, parts: int) -> list[int]:
    """``total`` as ``parts`` whole numbers that differ by at most one."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _weights(count: int) -> list[Decimal]:
    """``count`` weights that sum to exactly 100 (3 decimal places)."""
    base = (Decimal(100) / count).quantize(Decimal("0.001"))
    return [base] * (count - 1) + [Decimal(100) - base * (count - 1)]


def build_evaluation(reference: str = "BENCH-01", *, suppliers: int = 30, criteria: int = 200, sections: int = 8,
                     evaluators: int = 15, young_people: int = 40, questions: int = 10) -> Procurement:
    now = datetime.now(UTC)
    procurement = Procurement(reference=reference, title=f"Synthetic evaluation {reference}", status=Status.MODERATION,
                              quality_weight=Decimal(70), price_weight=Decimal(30))
    db.session.add(procurement)
    db.session.flush()
    codes: list[str] = []
    criterion_ids: list[int] = []
    for s_index, (count, weight) in enumerate(zip(_split(criteria, sections), _weights(sections), strict=True)):
        section = Section(procurement_id=procurement.id, name=f"Section {s_index + 1}", weight=weight,
                          position=s_index)
        db.session.add(section)
        db.session.flush()
        for c_index, c_weight in enumerate(_weights(count)):
            code = f"S{s_index + 1}C{c_index + 1}"
            criterion = Criterion(procurement_id=procurement.id, section_id=section.id, code=code,
                                  title=f"Criterion {code}", kind=CriterionKind.SCORED, weight=c_weight,
                                  youth_share=Decimal(20) if c_index == 0 else Decimal(0), origin="inline",
                                  position=c_index)
            db.session.add(criterion)
            db.session.flush()
            codes.append(code)
            criterion_ids.append(criterion.id)
    supplier_rows = [Supplier(procurement_id=procurement.id, name=f"Supplier {i + 1:02d} Ltd",
                              price=Decimal(1_000_000 + 37_000 * i), position=i) for i in range(suppliers)]
    people = [User(email=f"bench{i + 1}.{reference.lower()}@council.example", name=f"Evaluator {i + 1}",
                   role=Role.EVALUATOR) for i in range(evaluators)]
    db.session.add_all([*supplier_rows, *people])
    db.session.flush()
    db.session.add_all([Membership(procurement_id=procurement.id, user_id=p.id, role=MemberRole.EVALUATOR)
                        for p in people])
    for e, person in enumerate(people):  # one evaluator at a time keeps the build's memory small
        db.session.execute(insert(Score), [
            {"procurement_id": procurement.id, "evaluator_id": person.id, "supplier_id": supplier.id,
             "criterion_id": criterion_id, "points": (e * 7 + s * 3 + c * 11) % 6, "justification": "Bench",
             "status": ScoreStatus.SUBMITTED, "updated_at": now, "submitted_at": now}
            for s, supplier in enumerate(supplier_rows) for c, criterion_id in enumerate(criterion_ids)])
    # young people: questions mapped to the first criterion of each section
    firsts = [code for code in codes if code.endswith("C1")]
    question_rows = [YouthQuestion(procurement_id=procurement.id, code=f"YP{q + 1}", text=f"Question {q + 1}?",
                                   criterion_codes=[firsts[q % len(firsts)]], position=q) for q in range(questions)]
    session = YouthSession(procurement_id=procurement.id, title="Bench panel", closes_at=now + timedelta(days=7),
                           on_paper=True)
    db.session.add_all([*question_rows, session])
    db.session.flush()
    respondents = [Respondent(session_id=session.id, label=f"P{i + 1:02d}") for i in range(young_people)]
    db.session.add_all(respondents)
    db.session.flush()
    db.session.execute(insert(YouthAnswer), [
        {"procurement_id": procurement.id, "respondent_id": r.id, "supplier_id": s.id, "question_id": q.id,
         "answer": 1 + (ri + si + qi) % 5, "comment": "", "answered_at": now}
        for ri, r in enumerate(respondents) for si, s in enumerate(supplier_rows)
        for qi, q in enumerate(question_rows)])
    db.session.commit()
    return procurement
