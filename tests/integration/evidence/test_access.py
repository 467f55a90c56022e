"""Who sees a bid and its documents: officers, auditors and admins; evaluators only without a conflict."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers import PASSWORD, make_user
from tests.integration.evidence import files


def _upload_for(procurement, supplier, officer):
    from workbench.evidence.services import upload_document
    from workbench.extensions import db

    document = upload_document(procurement, supplier, procurement.criteria[0], files.png(), "diagram.png",
                               actor=officer)
    db.session.commit()
    return document


def _urls(reference, supplier, document):
    return (f"/procurements/{reference}/suppliers/{supplier.id}/bid",
            f"/procurements/{reference}/documents/{document.id}")


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("officer", 200), ("auditor", 200), ("evaluator", 200), ("outsider", 404),
    ("contract_manager", 404), ("anonymous", 302),
])
def test_each_role_and_the_bid(role, expected, sign_in_as, demo, officer):
    procurement = demo["procurement"]
    supplier = procurement.suppliers[1]
    document = _upload_for(procurement, supplier, officer)
    client = sign_in_as(role)
    bid_url, document_url = _urls(demo["reference"], supplier, document)
    assert client.get(bid_url).status_code == expected
    response = client.get(document_url)
    assert response.status_code == expected
    if expected == 200:
        assert response.data == files.png()


def _evaluator(demo, name):
    from workbench.models import MemberRole
    from workbench.procurements.services import members

    return next(u for u in members(demo["procurement"], MemberRole.EVALUATOR) if u.name == name)


def test_an_evaluator_with_a_conflict_gets_403_for_that_supplier_only(client, demo, officer):
    procurement = demo["procurement"]
    conflicted = _evaluator(demo, "Tom Hughes")  # the demo: declared a conflict with the second supplier
    document = _upload_for(procurement, procurement.suppliers[1], officer)
    other_document = _upload_for(procurement, procurement.suppliers[0], officer)
    client.post("/sign-in", data={"email": conflicted.email, "password": demo["password"]})
    bid_url, document_url = _urls(demo["reference"], procurement.suppliers[1], document)
    assert client.get(bid_url).status_code == 403
    assert client.get(document_url).status_code == 403
    other_bid, other_document_url = _urls(demo["reference"], procurement.suppliers[0], other_document)
    assert client.get(other_bid).status_code == 200
    assert client.get(other_document_url).status_code == 200
    bids = client.get(f"/procurements/{demo['reference']}/bids").get_data(as_text=True)
    assert f'/suppliers/{procurement.suppliers[0].id}/bid"' in bids
    assert f'/suppliers/{procurement.suppliers[1].id}/bid"' not in bids


def test_an_evaluator_without_a_declaration_gets_403(client, demo, officer):
    from workbench.extensions import db
    from workbench.models import MemberRole, Membership, Role

    procurement = demo["procurement"]
    newcomer = make_user("new.evaluator@council.example", Role.EVALUATOR)
    db.session.add(Membership(procurement_id=procurement.id, user_id=newcomer.id, role=MemberRole.EVALUATOR))
    db.session.commit()
    document = _upload_for(procurement, procurement.suppliers[0], officer)
    client.post("/sign-in", data={"email": newcomer.email, "password": PASSWORD})
    bid_url, document_url = _urls(demo["reference"], procurement.suppliers[0], document)
    assert client.get(bid_url).status_code == 403
    assert client.get(document_url).status_code == 403


def test_a_supplier_or_document_of_another_procurement_is_not_found(sign_in_as, demo, draft, officer):
    other_supplier = draft.suppliers[0]
    document = _upload_for(draft, other_supplier, officer)
    client = sign_in_as("auditor")  # an auditor of the demo procurement, not of the draft one
    assert client.get(f"/procurements/{demo['reference']}/suppliers/{other_supplier.id}/bid").status_code == 404
    assert client.get(f"/procurements/{demo['reference']}/documents/{document.id}").status_code == 404


def test_documents_are_served_as_attachments_with_their_checked_type(sign_in_as, demo, officer):
    from workbench.extensions import db
    from workbench.models import EvidenceDocument

    procurement = demo["procurement"]
    client = sign_in_as("officer")
    document = db.session.execute(select(EvidenceDocument)).scalars().first()  # the demo's PDF
    response = client.get(f"/procurements/{demo['reference']}/documents/{document.id}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data.startswith(b"%PDF-")
    assert document.supplier_id == procurement.suppliers[0].id
