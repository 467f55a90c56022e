"""The young person's journey: enter a code, answer one question per screen for each supplier (in the order
they demonstrated), check, submit. Every answer is saved as it is given, so nothing is lost to a timeout.

A respondent is an access code, never a person: no name, email, age, school or contact detail exists here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Respondent, RespondentStatus, Supplier, YouthAnswer, YouthQuestion, YouthSession
from workbench.models.base import utcnow
from workbench.youth.codes import code_hash, normalise
from workbench.youth.sessions import is_open

MAX_COMMENT = 1000
FACES = {1: "Really bad", 2: "Bad", 3: "OK", 4: "Good", 5: "Really good"}


class CodeRefused(Exception):
    """The code cannot be used; the message is written for the young person."""


@dataclass(frozen=True)
class Step:
    number: int  # 1-based, across every supplier and question
    supplier: Supplier
    supplier_number: int
    question: YouthQuestion
    question_number: int


def enter_code(code: str) -> Respondent:
    """The respondent for a code that may be used now; marks it in use the first time."""
    cleaned = normalise(code)
    respondent = None
    if cleaned:
        respondent = db.session.execute(
            select(Respondent).where(Respondent.code_hash == code_hash(cleaned))).scalar_one_or_none()
    if respondent is None:
        raise CodeRefused("We could not find that code. Check it against your card and try again")
    if respondent.status is RespondentStatus.REVOKED:
        raise CodeRefused("That code has been stopped. Ask the person running the session for a new one")
    if respondent.status is RespondentStatus.COMPLETED:
        raise CodeRefused("Your answers with that code have already been sent. Thank you!")
    if not is_open(respondent.session):
        raise CodeRefused("This session has closed, so answers cannot be added any more")
    if respondent.status is RespondentStatus.UNUSED:
        respondent.status, respondent.started_at = RespondentStatus.IN_PROGRESS, utcnow()
        record_event(db.session, scope=procurement_scope(respondent.session.procurement.reference), actor=None,
                     action="youth.code_used", entity=f"youth_session:{respondent.session_id}",
                     after={"code": respondent.label})
    return respondent


def active_respondent(respondent_id: object) -> Respondent | None:
    """The respondent held in the young person's browser session, if they may still answer."""
    if not isinstance(respondent_id, int):
        return None
    respondent = db.session.get(Respondent, respondent_id)
    if respondent is None or respondent.status is not RespondentStatus.IN_PROGRESS:
        return None
    return respondent if is_open(respondent.session) else None


def steps(session: YouthSession) -> list[Step]:
    procurement = session.procurement
    suppliers = sorted(procurement.suppliers, key=lambda s: (s.position, s.id))
    questions = sorted(procurement.youth_questions, key=lambda q: (q.position, q.id))
    return [Step(i * len(questions) + j + 1, supplier, i + 1, question, j + 1)
            for i, supplier in enumerate(suppliers) for j, question in enumerate(questions)]


def answers_of(respondent: Respondent) -> dict[tuple[int, int], YouthAnswer]:
    rows = db.session.execute(select(YouthAnswer).where(YouthAnswer.respondent_id == respondent.id)).scalars()
    return {(a.supplier_id, a.question_id): a for a in rows}


def first_unanswered(respondent: Respondent) -> Step | None:
    given = answers_of(respondent)
    return next((s for s in steps(respondent.session) if (s.supplier.id, s.question.id) not in given), None)


def save_answer(respondent: Respondent, step: Step, *, answer: int | None, comment: str) -> YouthAnswer:
    """Save (or change) one answer: 1–5, or None for "Not sure". Saved at once so nothing is lost."""
    if answer is not None and answer not in FACES:
        raise ValueError("answer must be 1 to 5 or None")
    given = answers_of(respondent).get((step.supplier.id, step.question.id))
    if given is None:
        given = YouthAnswer(procurement_id=respondent.session.procurement_id, respondent_id=respondent.id,
                            supplier_id=step.supplier.id, question_id=step.question.id)
        db.session.add(given)
    given.answer, given.comment, given.answered_at = answer, comment[:MAX_COMMENT], utcnow()
    db.session.flush()
    return given


def submit(respondent: Respondent) -> int:
    """Send the answers: the code cannot be used again. Every question must have an answer (or "Not sure")."""
    missing = first_unanswered(respondent)
    if missing is not None:
        raise CodeRefused(f"Please answer question {missing.number} first")
    respondent.status, respondent.completed_at = RespondentStatus.COMPLETED, utcnow()
    given = len(answers_of(respondent))
    record_event(db.session, scope=procurement_scope(respondent.session.procurement.reference), actor=None,
                 action="youth.answers_submitted", entity=f"youth_session:{respondent.session_id}",
                 after={"code": respondent.label, "answers": given})
    return given
