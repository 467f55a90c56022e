"""Reading bids: who may see one, what it holds, and each supplier's progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select

from workbench.access import Right, rights_of
from workbench.extensions import db
from workbench.models import (
    BidResponse,
    BidSubmission,
    Clarification,
    ConflictDeclaration,
    EvidenceDocument,
    Procurement,
    Supplier,
    User,
)


def may_see_bid(user: User, procurement: Procurement, supplier: Supplier) -> bool:
    """Officers, auditors and admins see every bid; an evaluator only bids they have declared no conflict with."""
    if supplier.procurement_id != procurement.id:
        return False
    rights = rights_of(user, procurement)
    if Right.READ in rights:
        return True
    if Right.SCORE not in rights:
        return False
    has_conflict = db.session.execute(select(ConflictDeclaration.has_conflict).where(
        ConflictDeclaration.evaluator_id == user.id, ConflictDeclaration.supplier_id == supplier.id)
    ).scalar_one_or_none()
    return has_conflict is False


def responses_of(supplier: Supplier) -> dict[int, BidResponse]:
    rows = db.session.execute(select(BidResponse).where(BidResponse.supplier_id == supplier.id)).scalars()
    return {row.criterion_id: row for row in rows}


def documents_of(supplier: Supplier) -> list[EvidenceDocument]:
    return list(db.session.execute(select(EvidenceDocument).where(EvidenceDocument.supplier_id == supplier.id)
                                   .order_by(EvidenceDocument.uploaded_at, EvidenceDocument.id)).scalars())


def clarifications_of(supplier: Supplier) -> list[Clarification]:
    return list(db.session.execute(select(Clarification).where(Clarification.supplier_id == supplier.id)
                                   .order_by(Clarification.asked_at, Clarification.id)).scalars())


def submission_of(supplier: Supplier) -> BidSubmission | None:
    """The supplier's bid submission, or None while they have not submitted."""
    return db.session.execute(
        select(BidSubmission).where(BidSubmission.supplier_id == supplier.id)).scalar_one_or_none()


def entered_on_behalf(supplier: Supplier) -> dict[int, str]:
    """Criterion id -> the email of the officer who entered that answer for the supplier (supplier's own: absent)."""
    rows = db.session.execute(select(BidResponse.criterion_id, User.email).join(
        User, User.id == BidResponse.entered_by_id).where(BidResponse.supplier_id == supplier.id))
    return {criterion_id: email for criterion_id, email in rows}


class Evidence(NamedTuple):
    """A supplier's written response to one criterion (None when there is none) and the documents attached.

    A tuple, so templates can unpack it: ``{% set text, documents = evidence[id] %}``."""

    response: str | None
    documents: list[EvidenceDocument]


def bid_evidence(procurement: Procurement, supplier: Supplier) -> dict[int, Evidence]:
    """The evidence of one supplier for each criterion of the plan, by criterion id (the bid and scoring pages)."""
    responses = responses_of(supplier)
    documents = documents_of(supplier)
    evidence: dict[int, Evidence] = {}
    for criterion in procurement.criteria:
        response = responses.get(criterion.id)
        text = (response.response if response is not None else "").strip() or None
        evidence[criterion.id] = Evidence(text, [d for d in documents if d.criterion_id == criterion.id])
    return evidence


@dataclass(frozen=True)
class BidStatus:
    supplier: Supplier
    answered: int
    questions: int
    documents: int
    open_clarifications: int
    submitted: BidSubmission | None
    has_link: bool

    @property
    def label(self) -> str:
        if self.submitted is not None:
            return "Submitted"
        return "In progress" if self.answered or self.documents else "Not started"


def bid_statuses(procurement: Procurement) -> list[BidStatus]:
    statuses = []
    criteria_ids = {c.id for c in procurement.criteria}
    for supplier in procurement.suppliers:
        responses = responses_of(supplier)
        statuses.append(BidStatus(
            supplier=supplier, questions=len(criteria_ids),
            answered=sum(1 for cid, r in responses.items() if cid in criteria_ids and r.response.strip()),
            documents=len(documents_of(supplier)),
            open_clarifications=sum(1 for c in clarifications_of(supplier) if c.answer is None),
            submitted=submission_of(supplier), has_link=supplier.invitation_hash is not None))
    return statuses
