"""Answers from a young people's session held on paper: `workbench youth import REF FILE` and the facilitator's
upload share :func:`import_answers`. All or nothing.

Header, exactly: respondent,supplier,question,answer,comment. ``respondent`` is the label on the paper sheet
(e.g. P07), never a name; ``answer`` is 1–5, or empty / ``not sure`` (case-insensitive), which is not an answer.
Imported answers are stored like online ones, in the procurement's one paper session, so they count the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.imports.tabular import TableRow, read_table
from workbench.models import (
    Procurement,
    Respondent,
    RespondentStatus,
    Status,
    Supplier,
    User,
    YouthAnswer,
    YouthQuestion,
    YouthSession,
)
from workbench.models.base import utcnow
from workbench.problems import Problem, ProblemsError

ANSWERS_HEADER = ("respondent", "supplier", "question", "answer", "comment")
PAPER_SESSION_TITLE = "Paper answers"
LABEL_RE = re.compile(r"^(?=.*\d)[A-Za-z0-9-]{1,12}$")
NOT_SURE = "not sure"
MAX_COMMENT = 2000


@dataclass(frozen=True)
class ParsedAnswer:
    label: str
    supplier: Supplier
    question: YouthQuestion
    answer: int | None
    comment: str


def parse_answer(text: str) -> int | None:
    """1–5, or None for empty / "not sure"; ValueError with a plain message otherwise."""
    if text == "" or text.lower() == NOT_SURE:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"enter a whole number from 1 to 5, or leave it empty or write 'not sure', "
                         f"not {text!r}") from None
    if not 1 <= value <= 5:
        raise ValueError(f"{value} is outside 1 to 5")
    return value


def paper_session(procurement: Procurement, *, create: bool) -> YouthSession | None:
    found = db.session.execute(
        select(YouthSession).where(YouthSession.procurement_id == procurement.id, YouthSession.on_paper)
        .order_by(YouthSession.id)).scalars().first()
    if found is None and create:
        found = YouthSession(procurement_id=procurement.id, title=PAPER_SESSION_TITLE, closes_at=utcnow(),
                             on_paper=True)
        db.session.add(found)
        db.session.flush()
    return found


class _Context:
    def __init__(self, procurement: Procurement):
        self.suppliers = {s.name: s for s in procurement.suppliers}
        self.questions = {q.code.upper(): q for q in procurement.youth_questions}
        self.stored: set[tuple[str, int, int]] = set()
        session = paper_session(procurement, create=False)
        if session is not None:
            rows = db.session.execute(
                select(Respondent.label, YouthAnswer.supplier_id, YouthAnswer.question_id)
                .join(YouthAnswer, YouthAnswer.respondent_id == Respondent.id)
                .where(Respondent.session_id == session.id)).all()
            self.stored = {(label.upper(), s, q) for label, s, q in rows}


def _parse_row(row: TableRow, context: _Context, filename: str, problems: list[Problem]) -> ParsedAnswer | None:
    values = row.values

    def problem(column: str, message: str) -> None:
        problems.append(Problem(filename, message, row=row.number, column=column))

    label = values["respondent"]
    if not LABEL_RE.match(label):
        problem("respondent", f"{label or '(empty)'} is not a sheet label: use the label on the paper sheet, "
                              "such as P07 (letters and a number, up to 12 characters, never a name)")
    supplier = context.suppliers.get(values["supplier"])
    if supplier is None:
        problem("supplier", f"{values['supplier'] or '(empty)'} is not a supplier in this procurement")
    question = context.questions.get(values["question"].upper())
    if question is None:
        problem("question", f"{values['question'] or '(empty)'} is not a question on this procurement's "
                            "young people's form")
    try:
        answer = parse_answer(values["answer"])
    except ValueError as error:
        problem("answer", str(error))
        return None
    if len(values["comment"]) > MAX_COMMENT:
        problem("comment", f"the comment is longer than {MAX_COMMENT} characters")
        return None
    if supplier is None or question is None or not LABEL_RE.match(label):
        return None
    if (label.upper(), supplier.id, question.id) in context.stored:
        problem("respondent", f"{label}'s answer for {supplier.name} on {question.code} was imported before")
        return None
    return ParsedAnswer(label.upper(), supplier, question, answer, values["comment"])


def parse_answers(rows: list[TableRow], procurement: Procurement, filename: str) -> list[ParsedAnswer]:
    """Check every row; raise ProblemsError listing every problem, or return the answers."""
    context = _Context(procurement)
    problems: list[Problem] = []
    parsed: list[ParsedAnswer] = []
    first_row: dict[tuple[str, int, int], int] = {}
    if not context.questions:
        problems.append(Problem(filename, f"{procurement.reference} has no young people's form"))
    for row in rows:
        item = _parse_row(row, context, filename, problems)
        if item is None:
            continue
        key = (item.label, item.supplier.id, item.question.id)
        if key in first_row:
            problems.append(Problem(
                filename, f"duplicate: {item.label}, {item.supplier.name}, {item.question.code} is already "
                          f"answered in row {first_row[key]}", row=row.number, column="question"))
            continue
        first_row[key] = row.number
        parsed.append(item)
    if not rows:
        problems.append(Problem(filename, "the file has a header but no answers", row=2))
    if problems:
        raise ProblemsError(problems)
    return parsed


def _store(procurement: Procurement, answers: list[ParsedAnswer]) -> None:
    session = paper_session(procurement, create=True)
    assert session is not None
    respondents = {r.label.upper(): r for r in session.respondents}
    now = utcnow()
    for item in answers:
        respondent = respondents.get(item.label)
        if respondent is None:
            respondent = Respondent(label=item.label, status=RespondentStatus.COMPLETED, started_at=now,
                                    completed_at=now)
            session.respondents.append(respondent)
            db.session.flush()
            respondents[item.label] = respondent
        db.session.add(YouthAnswer(procurement_id=procurement.id, respondent_id=respondent.id,
                                   supplier_id=item.supplier.id, question_id=item.question.id, answer=item.answer,
                                   comment=item.comment, answered_at=now))


def import_answers(procurement: Procurement, source: Path | bytes, *, filename: str,
                   actor: User | str | None) -> int:
    """Import a paper session's answers into a procurement, all or nothing. Returns the number of rows stored."""
    if procurement.status is Status.FINALISED:
        raise ProblemsError([Problem(filename, f"{procurement.reference} is finalised: answers can no longer change")])
    rows = read_table(source, filename=filename, header=ANSWERS_HEADER)
    answers = parse_answers(rows, procurement, filename)
    _store(procurement, answers)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.answers_imported", entity=f"file:{filename}",
                 after={"count": len(answers), "respondents": len({a.label for a in answers})})
    return len(answers)
