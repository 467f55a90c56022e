""""I statements": outcome measures from the young people's perspective, proposed by the panel (recorded by the
facilitator) and adopted by the officer as criteria in the plan, marked as coming from the young people's panel."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Criterion, CriterionKind, Procurement, Section, User, YouthStatement
from workbench.models.base import utcnow
from workbench.procurements.editor import EditorError, add_inline_criterion
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
    if section.procurement_id != procurement.id:
        raise SessionError("Choose a section of this procurement")
    if any(c.code.casefold() == code.casefold() for c in procurement.criteria):
        raise SessionError(f"There is already a criterion {code}")
    try:  # the plan editor's rules: a draft plan, a new code (any case), the share
        criterion = add_inline_criterion(
            section, actor=actor, code=code, title=statement.text,
            question=f'The young people\'s panel asked: "{statement.text}" How does your system make this true for '
                     "children and young people?",
            kind=CriterionKind.SCORED.value, weight=Decimal(0), min_score=None, youth_share=Decimal(youth_share),
            origin=ORIGIN)
    except EditorError as error:
        raise SessionError(str(error)) from None
    db.session.flush()
    statement.criterion_id, statement.adopted_at = criterion.id, utcnow()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="youth.statement_adopted", entity=f"criterion:{code}",
                 after={"statement": statement.text, "code": code, "section": section.name,
                        "youth_share": youth_share, "origin": ORIGIN})
    return criterion
