"""What the scoring pages read: an evaluator's declarations and scores, and a supplier's evidence."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import (
    BidResponse,
    ConflictDeclaration,
    Criterion,
    EvidenceDocument,
    Procurement,
    Score,
    Supplier,
    User,
)


@dataclass(frozen=True)
class Evidence:
    """A supplier's written response to one criterion (None when there is none) and the documents attached."""

    response: str | None
    documents: list[EvidenceDocument]


def evidence_for(supplier: Supplier, criteria: list[Criterion]) -> dict[int, Evidence]:
    """The evidence of one supplier, by criterion id."""
    responses = {r.criterion_id: r.response for r in db.session.execute(
        select(BidResponse).where(BidResponse.supplier_id == supplier.id)).scalars()}
    documents = list(db.session.execute(select(EvidenceDocument).where(EvidenceDocument.supplier_id == supplier.id)
                                        .order_by(EvidenceDocument.uploaded_at, EvidenceDocument.id)).scalars())
    return {c.id: Evidence((responses.get(c.id) or "").strip() or None,
                           [d for d in documents if d.criterion_id == c.id]) for c in criteria}


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
