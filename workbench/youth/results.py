"""The young people's view of a procurement's results: their ranking, their mean answers per criterion and per
question, their comments (shown as written, never with a code or label), and whether their share changed the
overall ranking. Pages and exports both call :func:`youth_view`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from workbench import scoring
from workbench.extensions import db
from workbench.models import Criterion, Procurement, Respondent, RespondentStatus, YouthAnswer, YouthSession
from workbench.results.inputs import evaluation_for


@dataclass(frozen=True)
class SupplierView:
    name: str
    youth_score: float | None  # 0–100, the young people's answers alone
    youth_rank: int | None
    rank: int | None  # overall, with the young people's share
    rank_without_youth: int | None
    criteria: dict[str, float | None]  # code → mean answer on 1–5
    questions: dict[str, float | None]  # question code → mean answer on 1–5
    answers: int  # answers given (1–5) for this supplier
    not_sure: int


@dataclass(frozen=True)
class Comment:
    supplier: str
    question: str
    text: str


@dataclass(frozen=True)
class YouthView:
    respondents: int  # completed online codes plus paper sheets
    criteria: list[Criterion]  # scored criteria with a young people's question mapped, in plan order
    questions: list[tuple[str, str]]  # (code, text)
    suppliers: list[SupplierView]  # in demonstration order
    comments: list[Comment]
    share_changed_ranking: bool
    shared_criteria: list[tuple[str, float]]  # (code, youth_share percent) where the share is above 0


def _respondents(procurement: Procurement) -> int:
    rows = db.session.execute(
        select(Respondent.status, YouthSession.on_paper).join(YouthSession, YouthSession.id == Respondent.session_id)
        .where(YouthSession.procurement_id == procurement.id)).all()
    return sum(1 for status, on_paper in rows if on_paper or status is RespondentStatus.COMPLETED)


def _answers(procurement: Procurement) -> list[YouthAnswer]:
    return list(db.session.execute(select(YouthAnswer).where(YouthAnswer.procurement_id == procurement.id)).scalars())


def youth_view(procurement: Procurement) -> YouthView:
    evaluation = evaluation_for(procurement)
    outcome = scoring.evaluate(evaluation)
    without = scoring.ranking_without_youth(evaluation)
    youth_ranks = {r.supplier: r for r in scoring.youth_only_ranking(evaluation, outcome)}
    questions = sorted(procurement.youth_questions, key=lambda q: q.position)
    mapped = {code for q in questions for code in q.criterion_codes}
    criteria = [c for c in procurement.criteria if c.code in mapped and not c.is_pass_fail]
    answers = _answers(procurement)
    by_question: dict[tuple[int, int], list[int]] = defaultdict(list)
    not_sure: dict[int, int] = defaultdict(int)
    for answer in answers:
        if answer.answer is None:
            not_sure[answer.supplier_id] += 1
        else:
            by_question[(answer.supplier_id, answer.question_id)].append(answer.answer)
    suppliers = []
    for supplier in sorted(procurement.suppliers, key=lambda s: (s.position, s.id)):
        result = outcome.supplier(supplier.name)
        per_question = {q.code: _mean(by_question.get((supplier.id, q.id), [])) for q in questions}
        alone = youth_ranks[supplier.name]
        suppliers.append(SupplierView(
            name=supplier.name, youth_score=alone.score, youth_rank=alone.rank,
            rank=result.rank, rank_without_youth=without.get(supplier.name),
            criteria={c.code: result.criteria[c.code].youth for c in criteria},
            questions=per_question, answers=sum(len(by_question.get((supplier.id, q.id), [])) for q in questions),
            not_sure=not_sure[supplier.id]))
    names = {s.id: s.name for s in procurement.suppliers}
    codes = {q.id: (q.position, q.code) for q in questions}
    order = {s.id: (s.position, s.id) for s in procurement.suppliers}
    comments = sorted((a for a in answers if a.comment.strip() and a.question_id in codes),
                      key=lambda a: (order[a.supplier_id], codes[a.question_id], a.comment))
    return YouthView(
        respondents=_respondents(procurement), criteria=criteria, questions=[(q.code, q.text) for q in questions],
        suppliers=suppliers,
        comments=[Comment(names[a.supplier_id], codes[a.question_id][1], a.comment) for a in comments],
        share_changed_ranking=any(s.rank != s.rank_without_youth for s in suppliers),
        shared_criteria=[(c.code, float(c.youth_share)) for c in procurement.criteria if c.youth_share > 0])


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None
