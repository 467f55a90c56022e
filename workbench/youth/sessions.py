"""Young people's sessions for the facilitator: create one with its access codes, revoke a code, count codes.

A code is shown once, when the session is created (for printing); only its keyed hash is stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Procurement, Respondent, RespondentStatus, Status, User, YouthAnswer, YouthSession
from workbench.models.base import utcnow
from workbench.youth.codes import code_hash, new_code

MAX_CODES = 200


class SessionError(Exception):
    """A rule stopped the change; the message is for the person who asked for it."""


@dataclass(frozen=True)
class PrintedCode:
    label: str
    code: str


@dataclass(frozen=True)
class Counts:
    total: int
    unused: int
    in_progress: int
    completed: int
    revoked: int


def sessions_of(procurement: Procurement) -> list[YouthSession]:
    return list(db.session.execute(
        select(YouthSession).where(YouthSession.procurement_id == procurement.id).order_by(YouthSession.id)).scalars())


def session_of(procurement: Procurement, session_id: int) -> YouthSession:
    return db.session.execute(select(YouthSession).where(
        YouthSession.id == session_id, YouthSession.procurement_id == procurement.id)).scalar_one()


def is_open(session: YouthSession, now: datetime | None = None) -> bool:
    return not session.on_paper and (now or utcnow()) < session.closes_at


def counts(session: YouthSession) -> Counts:
    tally = Counter(r.status for r in session.respondents)
    return Counts(len(session.respondents), tally[RespondentStatus.UNUSED], tally[RespondentStatus.IN_PROGRESS],
                  tally[RespondentStatus.COMPLETED], tally[RespondentStatus.REVOKED])


def create_session(procurement: Procurement, *, title: str, closes_at: datetime, codes: int,
                   actor: User | str | None) -> tuple[YouthSession, list[PrintedCode]]:
    """A session with ``codes`` one-time access codes; returns the codes in plain text, this once only."""
    if not procurement.youth_questions:
        raise SessionError("This procurement has no young people's form, so there is nothing to ask")
    if procurement.status is Status.FINALISED:
        raise SessionError("This procurement is finalised: young people's answers can no longer change it")
    if closes_at <= utcnow():
        raise SessionError("The closing time must be in the future")
    if not 1 <= codes <= MAX_CODES:
        raise SessionError(f"Make between 1 and {MAX_CODES} codes")
    session = YouthSession(procurement_id=procurement.id, title=title, closes_at=closes_at, on_paper=False,
                           created_by_id=actor.id if isinstance(actor, User) else None)
    printed = [PrintedCode(f"Code {n}", new_code()) for n in range(1, codes + 1)]
    session.respondents = [Respondent(label=p.label, code_hash=code_hash(p.code)) for p in printed]
    db.session.add(session)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.session_created", entity=f"youth_session:{session.id}",
                 after={"title": title, "closes_at": closes_at.isoformat(), "codes": codes})
    return session, printed


def revoke_code(respondent: Respondent, *, actor: User | str | None) -> int:
    """Stop a code working. Any answers given with it are removed, so they no longer count. Returns how many."""
    if respondent.status is RespondentStatus.REVOKED:
        raise SessionError(f"{respondent.label} is already revoked")
    if respondent.session.on_paper:
        raise SessionError("Paper answers have no access code to revoke")
    before = respondent.status.value
    removed = db.session.execute(delete(YouthAnswer).where(YouthAnswer.respondent_id == respondent.id)).rowcount
    respondent.status = RespondentStatus.REVOKED
    db.session.flush()
    procurement = respondent.session.procurement
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.code_revoked", entity=f"youth_session:{respondent.session_id}",
                 before={"code": respondent.label, "status": before},
                 after={"code": respondent.label, "status": "revoked", "answers_removed": removed})
    return removed
