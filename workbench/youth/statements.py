""""I statements": outcome measures from the young people's perspective, proposed by the panel (recorded by the
facilitator) and adopted by the officer as criteria in the plan, marked as coming from the young people's panel."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Criterion, CriterionKind, Procurement, Section, Status, User, YouthStatement
from workbench.models.base import utcnow
from workbench.youth.sessions import SessionError

ORIGIN = "young_people"  # Criterion.origin of a criterion adopted from an I statement


def statements_of(procurement: Procurement) -> list[YouthStatement]:
    return list(db.session.execute(select(YouthStatement).where(YouthStatement.procurement_id == procurement.id)
                                   .order_by(YouthStatement.id)).scalars())


def statement_of(procurement: Procurement, statement_id: int) -> YouthStatement:
    return db.session.execute(select(YouthStatement).where(
        YouthStatement.id == statement_id, YouthStatement.procurement_id == procurement.id)).scalar_one()


def add_statement(procurement: Procurement, text: str, *, actor: User | str | None) -> YouthStatement:
    statement = YouthStatement(procurement_id=procurement.id, text=text,
                               recorded_by_id=actor.id if isinstance(actor, User) else None)
    db.session.add(statement)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.statement_added", entity=f"youth_statement:{statement.id}", after={"text": text})
    return statement


def adopt_statement(statement: YouthStatement, *, section: Section, code: str, youth_share: int,
                    actor: User | str | None) -> Criterion:
    """Add the statement to the plan as a scored criterion (weight 0 until the officer rebalances the section)."""
    procurement = statement.procurement
    if statement.criterion_id is not None:
        raise SessionError("This I statement is already a criterion")
    if procurement.status is not Status.DRAFT:
        raise SessionError("The plan can only change while the procurement is being set up, before scoring opens")
    if section.procurement_id != procurement.id:
        raise SessionError("Choose a section of this procurement")
    if any(c.code == code for c in procurement.criteria):
        raise SessionError(f"There is already a criterion {code}")
    criterion = Criterion(procurement_id=procurement.id, code=code, title=statement.text,
                          question=f'The young people\'s panel asked: "{statement.text}" How does your system '
                                   "make this true for children and young people?",
                          kind=CriterionKind.SCORED, weight=Decimal(0), youth_share=Decimal(youth_share),
                          origin=ORIGIN, position=len(section.criteria))
    section.criteria.append(criterion)
    db.session.flush()
    statement.criterion_id, statement.adopted_at = criterion.id, utcnow()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.statement_adopted", entity=f"criterion:{code}",
                 after={"statement": statement.text, "code": code, "section": section.name,
                        "youth_share": youth_share, "origin": ORIGIN})
    return criterion
