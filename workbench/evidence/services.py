"""Every change to a bid: answers, documents, submission and clarifications. Each writes an audit event.

``actor`` is the signed-in officer entering on the supplier's behalf, or ``None`` for the supplier themself
through their invitation link. When each may change what:

- The supplier may answer questions, upload and delete documents, and submit while the procurement is being set
  up (before scoring opens) and they have not yet submitted. After that their bid is read-only to them.
- The supplier may answer a clarification question once, until the procurement is finalised.
- An officer may enter answers, upload or delete documents and record clarification answers on the supplier's
  behalf until moderation opens (for example to key in a paper bid); each change is audited under their name.
- Officers ask clarification questions until the procurement is finalised.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.evidence import storage
from workbench.evidence.queries import submission_of
from workbench.extensions import db
from workbench.models import (
    BidResponse,
    BidSubmission,
    Clarification,
    Criterion,
    EvidenceDocument,
    Procurement,
    Status,
    Supplier,
    User,
)
from workbench.models.base import utcnow

SUPPLIER_ACTOR = "supplier (invitation link)"
MAX_RESPONSE_CHARS = 100_000
MAX_CLARIFICATION_CHARS = 10_000


class EvidenceError(ValueError):
    """A change that is not allowed now; the message says why."""


def _label(actor: User | None, supplier: Supplier) -> str:
    return actor.email if actor is not None else f"{SUPPLIER_ACTOR}: {supplier.name}"


def _audit(procurement: Procurement, actor: User | None, supplier: Supplier, action: str, *,
           before: dict | None = None, after: dict | None = None) -> None:
    record_event(db.session, scope=procurement_scope(procurement.reference),
                 actor=actor if actor is not None else f"{SUPPLIER_ACTOR}: {supplier.name}",
                 action=action, entity=f"supplier:{supplier.name}", before=before, after=after)


def bid_editable(procurement: Procurement, supplier: Supplier, actor: User | None) -> bool:
    """Whether answers and documents may change now, by this actor (None: the supplier)."""
    if actor is not None:
        return procurement.status in (Status.DRAFT, Status.SCORING)
    return procurement.status is Status.DRAFT and submission_of(supplier) is None


def _require_editable(procurement: Procurement, supplier: Supplier, actor: User | None) -> None:
    _require_same(procurement, supplier)
    if bid_editable(procurement, supplier, actor):
        return
    if actor is not None:
        raise EvidenceError("Bids can no longer be changed: moderation has opened")
    if submission_of(supplier) is not None:
        raise EvidenceError("Your bid has been submitted and can no longer be changed")
    raise EvidenceError("Bids can no longer be changed: the evaluation has started")


def _require_same(procurement: Procurement, supplier: Supplier, criterion: Criterion | None = None) -> None:
    if supplier.procurement_id != procurement.id or (criterion is not None
                                                     and criterion.procurement_id != procurement.id):
        raise EvidenceError("That supplier or criterion is not part of this procurement")


def save_response(procurement: Procurement, supplier: Supplier, criterion: Criterion, text: str, *,
                  actor: User | None) -> BidResponse:
    """Save (or replace) the written answer to one criterion."""
    _require_editable(procurement, supplier, actor)
    _require_same(procurement, supplier, criterion)
    text = (text or "").strip()
    if len(text) > MAX_RESPONSE_CHARS:
        raise EvidenceError(f"The answer must be {MAX_RESPONSE_CHARS:,} characters or fewer")
    response = db.session.execute(select(BidResponse).where(
        BidResponse.supplier_id == supplier.id, BidResponse.criterion_id == criterion.id)).scalar_one_or_none()
    before = {"criterion": criterion.code, "response": response.response} if response is not None else None
    if response is None:
        response = BidResponse(procurement_id=procurement.id, supplier_id=supplier.id, criterion_id=criterion.id)
        db.session.add(response)
    response.response = text
    response.updated_at = utcnow()
    response.entered_by_id = actor.id if actor is not None else None
    db.session.flush()
    _audit(procurement, actor, supplier, "bid.response_saved", before=before,
           after={"criterion": criterion.code, "response": text, "entered_by": _label(actor, supplier)})
    return response


def upload_document(procurement: Procurement, supplier: Supplier, criterion: Criterion | None, data: bytes,
                    filename: str | None, *, actor: User | None) -> EvidenceDocument:
    """Check and store a file for the bid (optionally against a criterion). Raises UploadRejected/EvidenceError."""
    _require_editable(procurement, supplier, actor)
    _require_same(procurement, supplier, criterion)
    checked = storage.check_upload(data, filename)
    key = storage.save(checked.data)
    document = EvidenceDocument(
        procurement_id=procurement.id, supplier_id=supplier.id, criterion_id=criterion.id if criterion else None,
        filename=checked.filename, content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
        storage_key=key, uploaded_by_id=actor.id if actor is not None else None)
    db.session.add(document)
    try:
        db.session.flush()
        _audit(procurement, actor, supplier, "bid.document_uploaded", after={
            "criterion": criterion.code if criterion else None, "filename": checked.filename,
            "content_type": checked.content_type, "size": checked.size, "sha256": checked.sha256,
            "entered_by": _label(actor, supplier)})
    except Exception:
        storage.remove(key)
        raise
    return document


def delete_document(procurement: Procurement, document: EvidenceDocument, *, actor: User | None) -> None:
    """Remove a document from the bid (and its file). The audit trail keeps its name and hash."""
    supplier = document.supplier
    if document.procurement_id != procurement.id:
        raise EvidenceError("That document is not part of this procurement")
    _require_editable(procurement, supplier, actor)
    before = {"criterion": document.criterion.code if document.criterion else None, "filename": document.filename,
              "sha256": document.sha256, "size": document.size}
    key = document.storage_key
    db.session.delete(document)
    db.session.flush()
    _audit(procurement, actor, supplier, "bid.document_deleted", before=before,
           after={"deleted_by": _label(actor, supplier)})
    storage.remove(key)


def submit_bid(procurement: Procurement, supplier: Supplier, *, actor: User | None) -> BidSubmission:
    """Mark the bid as submitted: the supplier can no longer change it."""
    _require_editable(procurement, supplier, actor)
    existing = submission_of(supplier)
    if existing is not None:
        raise EvidenceError("This bid has already been submitted")
    submission = BidSubmission(procurement_id=procurement.id, supplier_id=supplier.id,
                               submitted_by=_label(actor, supplier))
    db.session.add(submission)
    db.session.flush()
    _audit(procurement, actor, supplier, "bid.submitted", after={"submitted_by": submission.submitted_by})
    return submission


def ask_clarification(procurement: Procurement, supplier: Supplier, question: str, *, actor: User,
                      criterion: Criterion | None = None) -> Clarification:
    _require_same(procurement, supplier, criterion)
    if procurement.status is Status.FINALISED:
        raise EvidenceError("The evaluation is finalised: no more clarification questions")
    question = (question or "").strip()
    if not question:
        raise EvidenceError("Enter the clarification question")
    if len(question) > MAX_CLARIFICATION_CHARS:
        raise EvidenceError(f"The question must be {MAX_CLARIFICATION_CHARS:,} characters or fewer")
    clarification = Clarification(procurement_id=procurement.id, supplier_id=supplier.id,
                                  criterion_id=criterion.id if criterion else None, question=question,
                                  asked_by_id=actor.id)
    db.session.add(clarification)
    db.session.flush()
    _audit(procurement, actor, supplier, "clarification.asked",
           after={"id": clarification.id, "criterion": criterion.code if criterion else None, "question": question})
    return clarification


def answer_clarification(procurement: Procurement, clarification: Clarification, answer: str, *,
                         actor: User | None, when: datetime | None = None) -> Clarification:
    """Record the answer: the supplier (actor None) answers once; an officer may record or correct it."""
    supplier = clarification.supplier
    if clarification.procurement_id != procurement.id:
        raise EvidenceError("That clarification is not part of this procurement")
    if procurement.status is Status.FINALISED:
        raise EvidenceError("The evaluation is finalised: clarifications can no longer be answered")
    if actor is None and clarification.answer is not None:
        raise EvidenceError("This question has already been answered")
    answer = (answer or "").strip()
    if not answer:
        raise EvidenceError("Enter the answer")
    if len(answer) > MAX_CLARIFICATION_CHARS:
        raise EvidenceError(f"The answer must be {MAX_CLARIFICATION_CHARS:,} characters or fewer")
    before = {"answer": clarification.answer} if clarification.answer is not None else None
    clarification.answer = answer
    clarification.answered_at = when or utcnow()
    db.session.flush()
    _audit(procurement, actor, supplier, "clarification.answered", before=before,
           after={"id": clarification.id, "answer": answer, "answered_by": _label(actor, supplier)})
    return clarification
