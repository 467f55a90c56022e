"""The supplier's invitation link: only their own bid, drafts, uploads, clarifications, submission, and no way
into another supplier's bid."""

from __future__ import annotations

import hashlib
import io

from markupsafe import escape
from sqlalchemy import select

from tests.helpers import count
from tests.integration.evidence import files


def _token(procurement, supplier, officer):
    from workbench.evidence.invitations import issue_invitation
    from workbench.extensions import db

    token = issue_invitation(procurement, supplier, actor=officer)
    db.session.commit()
    return token


def test_the_officer_makes_a_link_shown_once_and_only_its_hash_is_stored(sign_in_as, demo, draft):
    from workbench.extensions import db
    from workbench.models import AuditEvent

    client = sign_in_as("officer")
    supplier = draft.suppliers[0]
    page = client.post(f"/procurements/{draft.reference}/suppliers/{supplier.id}/invitation")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    token = html.split("/bid/", 1)[1].split("<", 1)[0]
    db.session.refresh(supplier)
    assert supplier.invitation_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in client.get(f"/procurements/{draft.reference}/suppliers/{supplier.id}/bid").get_data(
        as_text=True)
    assert client.get(f"/bid/{token}").status_code == 200
    # a new link stops the old one working
    again = client.post(f"/procurements/{draft.reference}/suppliers/{supplier.id}/invitation").get_data(as_text=True)
    new_token = again.split("/bid/", 1)[1].split("<", 1)[0]
    assert new_token != token
    assert client.get(f"/bid/{token}").status_code == 404
    assert client.get(f"/bid/{new_token}").status_code == 200
    actions = db.session.execute(select(AuditEvent.action).where(AuditEvent.action.like("invitation.%"))
                                 .order_by(AuditEvent.id)).scalars().all()
    assert actions == ["invitation.created", "invitation.regenerated"]


def test_unknown_tokens_are_not_found(client, demo):
    assert client.get("/bid/not-a-real-token").status_code == 404
    assert client.get("/bid/" + "x" * 300).status_code == 404


def test_the_supplier_sees_only_their_bid_and_the_generated_questions(client, demo, draft, officer):
    supplier, other = draft.suppliers[0], draft.suppliers[1]
    token = _token(draft, supplier, officer)
    html = client.get(f"/bid/{token}").get_data(as_text=True)
    assert supplier.name in html and other.name not in html
    assert "supplier questionnaire" in html  # from questionnaires/case-management-supplier.yaml
    for criterion in draft.criteria:
        assert str(escape(criterion.title)) in html
    # a question shows the criterion's question, the questionnaire's word limit, instructions and attachments
    social = next(c for c in draft.criteria if c.library_id == "csc.social-worker-involvement")
    page = client.get(f"/bid/{token}/questions/{social.id}").get_data(as_text=True)
    assert "Up to 1000 words" in page
    assert "Name the roles (not the individuals)" in page
    assert "Cyber Essentials Plus certificate" in client.get(
        f"/bid/{token}/questions/{next(c for c in draft.criteria if 'Cyber' in c.title).id}").get_data(as_text=True)


def test_a_token_cannot_reach_another_suppliers_bid_by_changing_ids(client, demo, draft, officer):
    from workbench.evidence.services import ask_clarification, upload_document
    from workbench.extensions import db

    mine, theirs = draft.suppliers[0], draft.suppliers[1]
    token = _token(draft, mine, officer)
    their_document = upload_document(draft, theirs, draft.criteria[0], files.png(), "theirs.png", actor=officer)
    their_question = ask_clarification(draft, theirs, "Which councils?", actor=officer)
    db.session.commit()
    assert client.get(f"/bid/{token}/documents/{their_document.id}").status_code == 404
    assert client.post(f"/bid/{token}/documents/{their_document.id}/delete").status_code == 404
    assert client.get(f"/bid/{token}/clarifications/{their_question.id}").status_code == 404
    assert client.post(f"/bid/{token}/clarifications/{their_question.id}",
                       data={"answer": "hijacked"}).status_code == 404
    demo_criterion = demo["procurement"].criteria[0]  # a criterion of another procurement
    assert client.get(f"/bid/{token}/questions/{demo_criterion.id}").status_code == 404
    assert client.post(f"/bid/{token}/questions/{demo_criterion.id}", data={"response": "x"}).status_code == 404
    db.session.refresh(their_question)
    assert their_question.answer is None
    assert count(type(their_document)) == 2  # theirs and the demo's, untouched
    # nor the staff pages
    assert client.get(f"/procurements/{draft.reference}/suppliers/{theirs.id}/bid").status_code == 302


def test_the_supplier_answers_uploads_and_submits(client, demo, draft, officer, app):
    from pathlib import Path

    from workbench.extensions import db
    from workbench.models import AuditEvent, BidResponse, BidSubmission, EvidenceDocument

    supplier, criterion = draft.suppliers[0], draft.criteria[0]
    token = _token(draft, supplier, officer)
    saved = client.post(f"/bid/{token}/questions/{criterion.id}", data={"response": "  Our social workers.  "})
    assert saved.status_code == 302
    response = db.session.execute(select(BidResponse).where(BidResponse.supplier_id == supplier.id)).scalar_one()
    assert (response.response, response.entered_by_id) == ("Our social workers.", None)
    event = db.session.execute(select(AuditEvent).where(
        AuditEvent.action == "bid.response_saved", AuditEvent.scope == f"procurement:{draft.reference}")).scalar_one()
    assert event.actor_label == f"supplier (invitation link): {supplier.name}" and event.actor_id is None

    data = files.png()
    uploaded = client.post(f"/bid/{token}/questions/{criterion.id}/documents",
                           data={"document": (io.BytesIO(data), "../diagram.png")}, content_type="multipart/form-data")
    assert uploaded.status_code == 302
    document = db.session.execute(select(EvidenceDocument).where(EvidenceDocument.supplier_id == supplier.id)
                                  ).scalar_one()
    assert (document.filename, document.content_type, document.size) == ("diagram.png", "image/png", len(data))
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    stored = Path(app.config["UPLOAD_FOLDER"]) / "evidence" / document.storage_key
    assert stored.read_bytes() == data
    own = client.get(f"/bid/{token}/documents/{document.id}")
    assert own.data == data and own.headers["Content-Disposition"].startswith("attachment")

    client.post(f"/bid/{token}/submit")
    submitted = db.session.execute(select(BidSubmission).where(BidSubmission.supplier_id == supplier.id)).scalar_one()
    assert submitted.submitted_by == f"supplier (invitation link): {supplier.name}"
    refused = client.post(f"/bid/{token}/questions/{criterion.id}", data={"response": "Changed after submitting"})
    assert "can no longer be changed" in refused.get_data(as_text=True)
    db.session.refresh(response)
    assert response.response == "Our social workers."
    assert client.post(f"/bid/{token}/documents/{document.id}/delete").status_code == 302
    assert stored.exists()
    assert "Your answer" in client.get(f"/bid/{token}/questions/{criterion.id}").get_data(as_text=True)


def test_a_file_of_the_wrong_type_is_refused_with_a_message(client, demo, draft, officer):
    from workbench.models import EvidenceDocument

    supplier, criterion = draft.suppliers[0], draft.criteria[0]
    token = _token(draft, supplier, officer)
    page = client.post(f"/bid/{token}/questions/{criterion.id}/documents",
                       data={"document": (io.BytesIO(b"<html>hello</html>"), "answer.pdf")},
                       content_type="multipart/form-data")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "govuk-error-summary" in html and "must be a PDF, Word (DOCX)" in html
    assert count(EvidenceDocument) == 1  # only the demo's


def test_a_file_over_the_limit_gets_a_message_and_a_request_over_the_limit_the_413_page(
        client, demo, draft, officer, app, monkeypatch):
    supplier, criterion = draft.suppliers[0], draft.criteria[0]
    token = _token(draft, supplier, officer)
    data = files.png()
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", len(data) - 1)
    page = client.post(f"/bid/{token}/questions/{criterion.id}/documents",
                       data={"document": (io.BytesIO(data), "a.png")}, content_type="multipart/form-data")
    assert "must be smaller than" in page.get_data(as_text=True)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    too_big = client.post(f"/bid/{token}/questions/{criterion.id}/documents",
                          data={"document": (io.BytesIO(data * 10), "a.png")}, content_type="multipart/form-data")
    assert too_big.status_code == 413
    assert "The file is too large" in too_big.get_data(as_text=True)


def test_the_bid_is_read_only_to_the_supplier_once_scoring_opens(client, demo, officer):
    from workbench.evidence.queries import responses_of

    procurement = demo["procurement"]  # scoring is open in the demo
    supplier, criterion = procurement.suppliers[0], procurement.criteria[0]
    token = _token(procurement, supplier, officer)
    before = responses_of(supplier)[criterion.id].response
    page = client.get(f"/bid/{token}/questions/{criterion.id}").get_data(as_text=True)
    assert "<textarea" not in page and 'type="file"' not in page
    client.post(f"/bid/{token}/questions/{criterion.id}", data={"response": "late change"})
    assert responses_of(supplier)[criterion.id].response == before


def test_the_supplier_answers_a_clarification_once(client, demo, draft, officer):
    from workbench.evidence.services import ask_clarification
    from workbench.extensions import db

    supplier = draft.suppliers[0]
    token = _token(draft, supplier, officer)
    question = ask_clarification(draft, supplier, "Which release added this?", actor=officer,
                                 criterion=draft.criteria[2])
    db.session.commit()
    start = client.get(f"/bid/{token}").get_data(as_text=True)
    assert "Which release added this?" in start and "Answer needed" in start
    assert client.post(f"/bid/{token}/clarifications/{question.id}", data={"answer": ""}).status_code == 200
    assert client.post(f"/bid/{token}/clarifications/{question.id}",
                       data={"answer": "Release 24.3, March 2024."}).status_code == 302
    client.post(f"/bid/{token}/clarifications/{question.id}", data={"answer": "Changed my mind"})
    db.session.refresh(question)
    assert question.answer == "Release 24.3, March 2024." and question.answered_at is not None


def test_a_typed_answer_shows_as_paragraphs_once_submitted(client, demo, draft, officer):
    supplier, criterion = draft.suppliers[0], draft.criteria[0]
    token = _token(draft, supplier, officer)
    assert client.post(f"/bid/{token}/questions/{criterion.id}",
                       data={"response": "We record once.\r\n\r\nThen we <reuse> it."}).status_code == 302
    client.post(f"/bid/{token}/submit")
    page = client.get(f"/bid/{token}/questions/{criterion.id}").get_data(as_text=True)
    assert '<p class="govuk-body">We record once.</p><p class="govuk-body">Then we &lt;reuse&gt; it.</p>' in page
