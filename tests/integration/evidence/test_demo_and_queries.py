"""The demo's evidence, the Bids page and ``bid_evidence`` (used by the scoring page)."""

from __future__ import annotations

from tests.helpers import count


def test_the_demo_has_an_answer_from_every_supplier_to_every_question(demo):
    from workbench.evidence.queries import bid_evidence
    from workbench.models import BidSubmission, Clarification, EvidenceDocument

    procurement = demo["procurement"]
    answers = set()
    for supplier in procurement.suppliers:
        evidence = bid_evidence(procurement, supplier)
        assert set(evidence) == {c.id for c in procurement.criteria}
        assert all(text for text, _ in evidence.values())
        answers.add(evidence[procurement.criteria[0].id][0])
    assert len(answers) == len(procurement.suppliers)  # different quality per supplier
    assert count(EvidenceDocument) == 1 and count(Clarification) == 1
    assert count(BidSubmission) == len(procurement.suppliers)
    first = bid_evidence(procurement, procurement.suppliers[0])
    documents = [d for _, docs in first.values() for d in docs]
    assert [d.content_type for d in documents] == ["application/pdf"]


def test_bid_evidence_gives_none_for_a_blank_answer(demo, draft):
    from workbench.evidence.queries import bid_evidence
    from workbench.evidence.services import save_response

    supplier = draft.suppliers[0]
    save_response(draft, supplier, draft.criteria[0], "   ", actor=None)
    evidence = bid_evidence(draft, supplier)
    assert evidence[draft.criteria[0].id] == (None, [])
    assert evidence[draft.criteria[1].id] == (None, [])


def test_the_bids_page_lists_every_supplier_with_its_status(sign_in_as, demo):
    client = sign_in_as("officer")
    overview = client.get(f"/procurements/{demo['reference']}").get_data(as_text=True)
    assert f"/procurements/{demo['reference']}/bids" in overview
    html = client.get(f"/procurements/{demo['reference']}/bids").get_data(as_text=True)
    for supplier in demo["procurement"].suppliers:
        assert supplier.name in html
    assert html.count("Submitted") == len(demo["procurement"].suppliers)
    questions = len(demo["procurement"].criteria)
    assert f"{questions} of {questions}" in html


def test_bid_evidence_is_the_one_loader_for_bids_and_scoring(demo, draft):
    from workbench.evidence.queries import bid_evidence
    from workbench.extensions import db
    from workbench.models import BidResponse
    from workbench.panel import forms, queries, views, workbook

    supplier, first = draft.suppliers[0], draft.criteria[0]
    db.session.add(BidResponse(procurement_id=draft.id, supplier_id=supplier.id, criterion_id=first.id,
                               response="\n  Typed with spaces around.  \r\n"))
    db.session.commit()
    evidence = bid_evidence(draft, supplier)[first.id]
    assert (evidence.response, evidence.documents) == ("Typed with spaces around.", [])
    text, documents = evidence                      # the bid templates unpack it
    assert (text, documents) == ("Typed with spaces around.", [])
    assert not hasattr(queries, "evidence_for")
    assert views.bid_evidence is workbook.bid_evidence is bid_evidence and forms.Evidence is type(evidence)
