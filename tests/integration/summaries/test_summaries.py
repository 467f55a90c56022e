"""Assessment summaries: drafted from the results and reasons, edited by the officer, released and then locked."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from workbench.extensions import db
from workbench.models import (
    AssessmentSummary,
    AuditEvent,
    ConflictDeclaration,
    Consensus,
    Score,
    ScoreStatus,
    SummaryStatus,
)


def _base(demo) -> str:
    return f"/procurements/{demo['reference']}/summaries"


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)).scalars())


def _summary(supplier) -> AssessmentSummary:
    return db.session.execute(select(AssessmentSummary).where(AssessmentSummary.supplier_id == supplier.id)
                              ).scalar_one()


def test_drafting_states_scores_reasons_and_the_most_advantageous_tender(sign_in_as, demo):
    client = sign_in_as("officer")
    assert client.post(f"{_base(demo)}/draft").status_code == 302
    suppliers = demo["procurement"].suppliers
    assert len(_events("summary.drafted")) == len(suppliers)
    winner, runner_up = suppliers[0], suppliers[1]
    body = _summary(runner_up).body
    assert body.startswith(f"Assessment summary for {runner_up.name}")
    assert "Rank: 2 of 2." in body
    assert f"The most advantageous tender: {winner.name}" in body
    assert "CSC01 Social care expertise" in body and "The evaluators noted: " in body
    assert "Your tender is the most advantageous tender." in _summary(winner).body
    assert client.post(f"{_base(demo)}/draft").status_code == 302  # nothing new to draft
    assert len(_events("summary.drafted")) == len(suppliers)


def test_a_moderation_rationale_is_the_reason_when_there_is_one(sign_in_as, demo):
    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[1], procurement.criteria[0]
    db.session.add(Consensus(procurement_id=procurement.id, supplier_id=supplier.id, criterion_id=criterion.id,
                             points=3, rationale="The panel agreed the demonstration met the requirement."))
    db.session.commit()
    client = sign_in_as("officer")
    page = client.get(f"{_base(demo)}/{supplier.id}").get_data(as_text=True)
    assert f"{criterion.code} {criterion.title}: 3 out of 5, agreed at moderation." in page
    assert "Reason: The panel agreed the demonstration met the requirement." in page


def test_justifications_of_a_conflicted_evaluator_are_not_quoted(demo):
    from workbench.summaries.drafting import load_reasons

    procurement = demo["procurement"]
    supplier, criterion = procurement.suppliers[0], procurement.criteria[0]
    score = db.session.execute(select(Score).where(Score.supplier_id == supplier.id,
                                                   Score.criterion_id == criterion.id,
                                                   Score.status == ScoreStatus.SUBMITTED)).scalars().first()
    score.justification = "Written by an evaluator who used to work for this supplier."
    db.session.commit()
    assert score.justification in load_reasons(procurement).justifications[(supplier.id, criterion.id)]
    db.session.execute(delete(ConflictDeclaration).where(ConflictDeclaration.evaluator_id == score.evaluator_id,
                                                         ConflictDeclaration.supplier_id == supplier.id))
    db.session.add(ConflictDeclaration(procurement_id=procurement.id, evaluator_id=score.evaluator_id,
                                       supplier_id=supplier.id, has_conflict=True, details="Former employer"))
    db.session.commit()
    quoted = load_reasons(procurement).justifications.get((supplier.id, criterion.id), [])
    assert score.justification not in quoted


def test_edit_release_and_lock(sign_in_as, demo):
    supplier = demo["procurement"].suppliers[2]
    url = f"{_base(demo)}/{supplier.id}"
    client = sign_in_as("officer")
    form = client.get(f"{url}/edit").get_data(as_text=True)
    assert f"Assessment summary for {supplier.name}" in form
    assert client.post(f"{url}/edit", data={"body": "Edited text.\r\n\r\nSecond paragraph."}).status_code == 302
    assert _summary(supplier).body == "Edited text.\n\nSecond paragraph."
    assert [e.after["supplier"] for e in _events("summary.edited")] == [supplier.name]

    assert client.post(f"{url}/release").status_code == 302
    released = _summary(supplier)
    assert released.status is SummaryStatus.RELEASED and released.released_at is not None
    [event] = _events("summary.released")
    assert event.actor_label == "olivia.officer@council.example" and event.entity.endswith(supplier.name)

    refused = client.post(f"{url}/edit", data={"body": "Changed after release."}, follow_redirects=True)
    assert "can no longer be changed" in refused.get_data(as_text=True)
    db.session.refresh(released)
    assert released.body == "Edited text.\n\nSecond paragraph."
    assert client.get(f"{url}/edit").status_code == 302
    client.post(f"{url}/release")
    assert len(_events("summary.released")) == 1
    assert len(_events("summary.edited")) == 1


def test_the_service_refuses_to_change_a_released_summary(sign_in_as, demo):
    from workbench.auth.services import find_user
    from workbench.summaries.services import SummaryLocked, release_summary, save_summary

    procurement, officer = demo["procurement"], find_user("olivia.officer@council.example")
    supplier = procurement.suppliers[0]
    summary = save_summary(procurement, supplier, "Text.", actor=officer)
    release_summary(procurement, summary, actor=officer)
    with pytest.raises(SummaryLocked):
        save_summary(procurement, supplier, "Other text.", actor=officer)
    with pytest.raises(SummaryLocked):
        release_summary(procurement, summary, actor=officer)


def test_printable_page_and_download(sign_in_as, demo):
    supplier = demo["procurement"].suppliers[1]
    url = f"{_base(demo)}/{supplier.id}"
    client = sign_in_as("officer")
    client.post(f"{url}/edit", data={"body": "Line one\nLine two\n\nNext paragraph"})
    page = client.get(url).get_data(as_text=True)
    assert "<p class=\"govuk-body\">Line one<br>Line two</p>" in page
    assert "govuk-!-display-none-print" in page
    draft = client.get(f"{url}/download")
    assert draft.mimetype == "text/plain"
    assert draft.headers["Content-Disposition"].startswith("attachment; filename=\"assessment-summary-CSC-2026-01-")
    assert draft.get_data(as_text=True).startswith("DRAFT: not released")
    client.post(f"{url}/release")
    final = client.get(f"{url}/download").get_data(as_text=True)
    assert final == "Line one\r\nLine two\r\n\r\nNext paragraph"


def test_auditors_read_but_cannot_edit_and_evaluators_cannot_read(sign_in_as, demo):
    supplier = demo["procurement"].suppliers[0]
    url = f"{_base(demo)}/{supplier.id}"
    auditor = sign_in_as("auditor")
    assert auditor.get(url).status_code == 200
    assert "Edit summary" not in auditor.get(url).get_data(as_text=True)
    assert auditor.post(f"{url}/edit", data={"body": "x"}).status_code == 403
    assert auditor.post(f"{_base(demo)}/draft").status_code == 403
    evaluator = sign_in_as("evaluator")
    assert evaluator.get(url).status_code == 403
    assert evaluator.get(f"{url}/download").status_code == 403
    assert db.session.execute(select(AssessmentSummary)).first() is None


def test_a_supplier_of_another_procurement_is_404(sign_in_as, demo):
    client = sign_in_as("officer")
    assert client.get(f"{_base(demo)}/999999").status_code == 404
    assert client.post(f"{_base(demo)}/999999/edit", data={"body": "x"}).status_code == 404


def test_redraft_replaces_the_text_until_release(sign_in_as, demo):
    supplier = demo["procurement"].suppliers[1]
    url = f"{_base(demo)}/{supplier.id}"
    client = sign_in_as("officer")
    client.post(f"{url}/edit", data={"body": "Hand-written."})
    assert client.post(f"{url}/redraft").status_code == 302
    assert _summary(supplier).body.startswith(f"Assessment summary for {supplier.name}")
    assert len(_events("summary.redrafted")) == 1
    client.post(f"{url}/release")
    released_body = _summary(supplier).body
    client.post(f"{url}/redraft")
    db.session.expire_all()
    assert _summary(supplier).body == released_body
    assert len(_events("summary.redrafted")) == 1
