"""What the scoring pages read: an evaluator's declarations and scores (a bid's evidence: ``evidence.queries``)."""

from __future__ import annotations

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import ConflictDeclaration, Procurement, Score, Supplier, User


def declarations_of(procurement: Procurement, evaluator: User) -> dict[int, ConflictDeclaration]:
    """The evaluator's declarations, by supplier id."""
    return {d.supplier_id: d for d in db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.procurement_id == procurement.id, ConflictDeclaration.evaluator_id == evaluator.id)
    ).scalars()}


def all_declarations(procurement: Procurement) -> list[ConflictDeclaration]:
    return list(db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.procurement_id == procurement.id).order_by(ConflictDeclaration.declared_at,
                                                                       ConflictDeclaration.id)).scalars())


def clear_suppliers(procurement: Procurement, evaluator: User) -> list[Supplier]:
    """The suppliers the evaluator may see and score: declared, with no conflict."""
    declarations = declarations_of(procurement, evaluator)
    return [s for s in procurement.suppliers if s.id in declarations and not declarations[s.id].has_conflict]


def scores_of(procurement: Procurement, evaluator: User) -> dict[tuple[int, int], Score]:
    """The evaluator's own scores, by (supplier id, criterion id). Never anyone else's."""
    return {(s.supplier_id, s.criterion_id): s for s in db.session.execute(select(Score).where(
        Score.procurement_id == procurement.id, Score.evaluator_id == evaluator.id)).scalars()}
