"""Writing assessment summaries: draft, edit, release. Every change is audited; released summaries never change."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import AssessmentSummary, Procurement, SummaryStatus, Supplier, User
from workbench.models.base import utcnow
from workbench.results.inputs import results_for
from workbench.summaries.drafting import draft_text, load_reasons

MAX_BODY = 100_000


class SummaryLocked(Exception):
    """The summary has been released: it cannot change any more."""


def summaries_of(procurement: Procurement) -> dict[int, AssessmentSummary]:
    rows = db.session.execute(
        select(AssessmentSummary).where(AssessmentSummary.procurement_id == procurement.id)).scalars()
    return {summary.supplier_id: summary for summary in rows}


def summary_for(supplier: Supplier) -> AssessmentSummary | None:
    return db.session.execute(
        select(AssessmentSummary).where(AssessmentSummary.supplier_id == supplier.id)).scalar_one_or_none()


def automatic_draft(procurement: Procurement, supplier: Supplier) -> str:
    return draft_text(procurement, supplier, results_for(procurement), load_reasons(procurement))


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _audit(procurement: Procurement, actor: User, action: str, supplier: Supplier, **after: object) -> None:
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor, action=action,
                 entity=f"assessment_summary:{supplier.name}", after={"supplier": supplier.name, **after})


def draft_missing(procurement: Procurement, actor: User) -> int:
    """Draft a summary for every supplier that has none yet; returns how many were drafted."""
    existing = summaries_of(procurement)
    missing = [s for s in procurement.suppliers if s.id not in existing]
    if not missing:
        return 0
    result, reasons = results_for(procurement), load_reasons(procurement)
    for supplier in missing:
        body = draft_text(procurement, supplier, result, reasons)
        db.session.add(AssessmentSummary(procurement_id=procurement.id, supplier_id=supplier.id, body=body,
                                         updated_by_id=actor.id))
        _audit(procurement, actor, "summary.drafted", supplier, sha256=_digest(body))
    db.session.flush()
    return len(missing)


def save_summary(procurement: Procurement, supplier: Supplier, body: str, actor: User, *,
                 action: str = "summary.edited") -> AssessmentSummary:
    """Create or change a supplier's summary text. Raises SummaryLocked once it has been released."""
    summary = summary_for(supplier)
    if summary is not None and summary.released:
        raise SummaryLocked(f"The summary for {supplier.name} has been released and cannot change.")
    if summary is None:
        summary = AssessmentSummary(procurement_id=procurement.id, supplier_id=supplier.id, body=body)
        db.session.add(summary)
    before = _digest(summary.body) if summary.body else None
    summary.body, summary.updated_at, summary.updated_by_id = body, utcnow(), actor.id
    db.session.flush()
    _audit(procurement, actor, action, supplier, sha256=_digest(body), previous_sha256=before)
    return summary


def redraft_summary(procurement: Procurement, supplier: Supplier, actor: User) -> AssessmentSummary:
    """Replace the text with a fresh draft from the current results (the officer's edits are lost)."""
    return save_summary(procurement, supplier, automatic_draft(procurement, supplier), actor,
                        action="summary.redrafted")


def release_summary(procurement: Procurement, summary: AssessmentSummary, actor: User) -> None:
    """Lock the summary for good. Raises SummaryLocked if it already was released."""
    if summary.released:
        raise SummaryLocked(f"The summary for {summary.supplier.name} has already been released.")
    summary.status, summary.released_at, summary.released_by_id = SummaryStatus.RELEASED, utcnow(), actor.id
    db.session.flush()
    _audit(procurement, actor, "summary.released", summary.supplier, sha256=_digest(summary.body))
