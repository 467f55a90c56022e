"""Officers enter answers and documents on a supplier's behalf, ask clarifications and record answers; all
audited under the officer's name and shown on the bid page to the panel."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from tests.integration.evidence import files


def _events(action):
    from workbench.extensions import db
    from workbench.models import AuditEvent

    return db.session.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
                              ).scalars().all()


def test_the_officer_enters_an_answer_on_the_suppliers_behalf(sign_in_as, demo, officer):
    from workbench.evidence.queries import responses_of

    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[2], procurement.criteria[1]
    client = sign_in_as("officer")
    url = f"/procurements/{demo['reference']}/suppliers/{supplier.id}/criteria/{criterion.id}"
    assert "entered by you on their behalf" in client.get(url).get_data(as_text=True)
    before = responses_of(supplier)[criterion.id].response
    assert client.post(url, data={"response": "Keyed in from the paper bid."}).status_code == 302
    response = responses_of(supplier)[criterion.id]
    assert (response.response, response.entered_by_id) == ("Keyed in from the paper bid.", officer.id)
    event = _events("bid.response_saved")[-1]
    assert event.actor_id == officer.id and event.actor_label == officer.email
    assert event.before["response"] == before and event.after["entered_by"] == officer.email
    page = client.get(f"/procurements/{demo['reference']}/suppliers/{supplier.id}/bid").get_data(as_text=True)
    assert f"behalf by {officer.email}." in page
    assert page.count("Entered on the supplier") == 1


def test_the_officer_uploads_and_deletes_a_document(sign_in_as, demo, officer, app):
    from workbench.extensions import db
    from workbench.models import EvidenceDocument

    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[1], procurement.criteria[0]
    client = sign_in_as("officer")
    base = f"/procurements/{demo['reference']}/suppliers/{supplier.id}/criteria/{criterion.id}"
    assert client.post(f"{base}/documents", data={"document": (io.BytesIO(files.xlsx()), "KPIs.xlsx")},
                       content_type="multipart/form-data").status_code == 302
    document = db.session.execute(select(EvidenceDocument).where(EvidenceDocument.supplier_id == supplier.id)
                                  ).scalar_one()
    assert document.uploaded_by_id == officer.id and document.filename == "KPIs.xlsx"
    assert _events("bid.document_uploaded")[-1].actor_id == officer.id
    path = Path(app.config["UPLOAD_FOLDER"]) / "evidence" / document.storage_key
    assert path.exists()
    assert client.post(f"/procurements/{demo['reference']}/documents/{document.id}/delete").status_code == 302
    assert not path.exists()
    assert db.session.get(EvidenceDocument, document.id) is None
    deleted = _events("bid.document_deleted")[-1]
    assert deleted.before["sha256"] == document.sha256 and deleted.actor_id == officer.id


def test_other_roles_cannot_change_a_bid(sign_in_as, demo):
    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[0], procurement.criteria[0]
    for role in ("auditor", "evaluator", "admin"):
        client = sign_in_as(role)
        url = f"/procurements/{demo['reference']}/suppliers/{supplier.id}/criteria/{criterion.id}"
        assert client.post(url, data={"response": "x"}).status_code == 403
        page = client.get(f"/procurements/{demo['reference']}/suppliers/{supplier.id}/bid").get_data(as_text=True)
        assert "Create a new invitation link" not in page and "Enter or change the answer" not in page


def test_bids_cannot_change_once_moderation_opens(demo, officer):
    import pytest

    from workbench.evidence.services import EvidenceError, save_response
    from workbench.models import Status

    procurement = demo["procurement"]
    procurement.status = Status.MODERATION
    with pytest.raises(EvidenceError, match="moderation has opened"):
        save_response(procurement, procurement.suppliers[0], procurement.criteria[0], "x", actor=officer)


def test_clarifications_asked_answered_and_shown_to_the_panel(sign_in_as, demo, officer):
    from workbench.extensions import db
    from workbench.models import Clarification

    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[0], procurement.criteria[3]
    client = sign_in_as("officer")
    base = f"/procurements/{demo['reference']}"
    assert client.post(f"{base}/suppliers/{supplier.id}/clarifications/new",
                       data={"criterion": "", "question": ""}).status_code == 200
    assert client.post(f"{base}/suppliers/{supplier.id}/clarifications/new",
                       data={"criterion": str(criterion.id), "question": "How many councils use it?"}
                       ).status_code == 302
    asked = db.session.execute(select(Clarification).where(Clarification.supplier_id == supplier.id)).scalar_one()
    assert (asked.criterion_id, asked.asked_by_id, asked.answer) == (criterion.id, officer.id, None)
    assert client.post(f"{base}/clarifications/{asked.id}/answer",
                       data={"answer": "Eleven, by phone on 3 March."}).status_code == 302
    db.session.refresh(asked)
    assert asked.answer == "Eleven, by phone on 3 March."
    assert _events("clarification.answered")[-1].after["answered_by"] == officer.email

    evaluator = sign_in_as("evaluator")
    page = evaluator.get(f"{base}/suppliers/{supplier.id}/bid").get_data(as_text=True)
    assert "How many councils use it?" in page and "Eleven, by phone on 3 March." in page
