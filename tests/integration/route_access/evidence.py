"""Supplier evidence: bids, documents, invitation links, entry on a supplier's behalf, clarifications.

The supplier's own pages (``/bid/<token>``) are public: the token is the guard. The demo procurement is being
scored, so the supplier's changes are refused (302 back, or the page again with the reason) while officers may
still enter on the supplier's behalf.
"""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, MEMBERS, Table, everyone

MANAGERS_REDIRECT = everyone(403, anonymous=302, officer=302, outsider=404, contract_manager=404)

ACCESS: Table = {
    # the supplier's pages, guarded by the token (anyone holding it, signed in or not)
    ("GET", "supplier_bid.start", "/bid/{ev_token}"): everyone(200),
    ("GET", "supplier_bid.question", "/bid/{ev_token}/questions/{ev_criterion_id}"): everyone(200),
    ("POST", "supplier_bid.question", "/bid/{ev_token}/questions/{ev_criterion_id}"): everyone(200),
    ("POST", "supplier_bid.upload", "/bid/{ev_token}/questions/{ev_criterion_id}/documents"): everyone(200),
    ("GET", "supplier_bid.download", "/bid/{ev_token}/documents/{ev_document_id}"): everyone(200),
    ("POST", "supplier_bid.remove_document", "/bid/{ev_token}/documents/{ev_document_id}/delete"): everyone(302),
    ("GET", "supplier_bid.clarification", "/bid/{ev_token}/clarifications/{ev_own_clarification_id}"): everyone(200),
    ("POST", "supplier_bid.clarification", "/bid/{ev_token}/clarifications/{ev_own_clarification_id}"): everyone(200),
    ("GET", "supplier_bid.submit", "/bid/{ev_token}/submit"): everyone(200),
    ("POST", "supplier_bid.submit", "/bid/{ev_token}/submit"): everyone(302),
    # staff pages
    ("GET", "evidence.bids", "/procurements/{reference}/bids"): MEMBERS,
    ("GET", "evidence.bid", "/procurements/{reference}/suppliers/{ev_supplier_id}/bid"): MEMBERS,
    ("GET", "evidence.download_document", "/procurements/{reference}/documents/{ev_document_id}"): MEMBERS,
    ("POST", "evidence.invitation", "/procurements/{reference}/suppliers/{ev_other_supplier_id}/invitation"): MANAGERS,
    ("GET", "evidence.edit_answer", "/procurements/{reference}/suppliers/{ev_supplier_id}/criteria/{ev_criterion_id}"):
        MANAGERS,
    ("POST", "evidence.edit_answer", "/procurements/{reference}/suppliers/{ev_supplier_id}/criteria/{ev_criterion_id}"):
        MANAGERS_REDIRECT,
    ("POST", "evidence.upload",
     "/procurements/{reference}/suppliers/{ev_supplier_id}/criteria/{ev_criterion_id}/documents"): MANAGERS,
    ("GET", "evidence.ask", "/procurements/{reference}/suppliers/{ev_supplier_id}/clarifications/new"): MANAGERS,
    ("POST", "evidence.ask", "/procurements/{reference}/suppliers/{ev_supplier_id}/clarifications/new"): MANAGERS,
    ("GET", "evidence.record_answer", "/procurements/{reference}/clarifications/{ev_clarification_id}/answer"):
        MANAGERS,
    # an empty POST keeps the recorded answer (WTForms falls back to the stored value) and returns to the bid
    ("POST", "evidence.record_answer", "/procurements/{reference}/clarifications/{ev_clarification_id}/answer"):
        MANAGERS_REDIRECT,
    # last: it deletes the demo document
    ("POST", "evidence.remove_document", "/procurements/{reference}/documents/{ev_document_id}/delete"):
        MANAGERS_REDIRECT,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.evidence.invitations import issue_invitation
    from workbench.evidence.services import ask_clarification
    from workbench.extensions import db
    from workbench.models import Clarification, EvidenceDocument, MemberRole
    from workbench.procurements.services import members

    procurement = demo["procurement"]
    supplier = procurement.suppliers[0]
    document = db.session.execute(select(EvidenceDocument).where(EvidenceDocument.supplier_id == supplier.id)
                                  ).scalars().first()
    officer = members(procurement, MemberRole.OFFICER)[0]
    token = issue_invitation(procurement, supplier, actor=officer)
    own = ask_clarification(procurement, supplier, "Which release added this?", actor=officer)
    db.session.commit()
    clarification = db.session.execute(select(Clarification.id).order_by(Clarification.id)).scalars().first()
    return {"ev_token": token, "ev_supplier_id": supplier.id, "ev_other_supplier_id": procurement.suppliers[1].id,
            "ev_criterion_id": procurement.criteria[0].id, "ev_document_id": document.id,
            "ev_own_clarification_id": own.id, "ev_clarification_id": clarification}
