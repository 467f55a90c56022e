"""The plan editor: suppliers, the panel, the overview's links and the draft-only rule."""

from __future__ import annotations

from decimal import Decimal

from tests.helpers import make_user
from tests.integration.procurements.conftest import events, refresh

URL = "/procurements/BUILD-1/plan"


def test_supplier_price_must_be_an_exact_positive_number(officer_client, draft):
    for price, message in (("0", "Enter a price more than 0"), ("-5", "Enter a price more than 0"),
                           ("a lot", "Not a valid decimal value")):
        response = officer_client.post(f"{URL}/suppliers", data={"name": "Alpha Ltd", "price": price})
        assert message in response.get_data(as_text=True), price
    assert officer_client.post(f"{URL}/suppliers", data={"name": "Alpha Ltd", "price": "1250000.10"}
                               ).status_code == 302
    [supplier] = refresh(draft["procurement"]).suppliers
    assert supplier.price == Decimal("1250000.10")
    assert events("plan.supplier_added")[0].after == {"name": "Alpha Ltd", "price": "1250000.10", "position": 0}
    response = officer_client.post(f"{URL}/suppliers", data={"name": "alpha ltd", "price": "1"})
    assert "There is already a supplier called" in response.get_data(as_text=True)


def test_suppliers_edit_reorder_and_remove(officer_client, draft):
    for name in ("Alpha Ltd", "Beta Ltd", "Gamma Ltd"):
        officer_client.post(f"{URL}/suppliers", data={"name": name, "price": "100"})
    alpha, beta, gamma = refresh(draft["procurement"]).suppliers
    officer_client.post(f"{URL}/suppliers/{gamma.id}", data={"name": "Gamma Care Ltd", "price": "99.99"})
    officer_client.post(f"{URL}/suppliers/{alpha.id}/move", data={"direction": "down"})
    assert [s.name for s in refresh(draft["procurement"]).suppliers] == ["Beta Ltd", "Alpha Ltd", "Gamma Care Ltd"]
    officer_client.post(f"{URL}/suppliers/{beta.id}/remove", data={})
    procurement = refresh(draft["procurement"])
    assert [(s.name, s.position) for s in procurement.suppliers] == [("Alpha Ltd", 0), ("Gamma Care Ltd", 1)]
    assert events("plan.supplier_changed")[0].after["price"] == "99.99"
    assert events("plan.suppliers_reordered")[0].before == {"order": ["Alpha Ltd", "Beta Ltd", "Gamma Care Ltd"]}
    assert events("plan.supplier_removed")[0].before["name"] == "Beta Ltd"


def test_panel_adds_existing_accounts_only(officer_client, draft):
    from workbench.models import Role

    response = officer_client.post(f"{URL}/panel", data={"email": "new.person@council.example", "role": "evaluator"})
    page = response.get_data(as_text=True)
    assert "There is no account with the email address new.person@council.example" in page
    assert "Ask an administrator to create the account" in page
    make_user("eve.evaluator@council.example", Role.EVALUATOR, "Eve Evaluator")
    assert officer_client.post(f"{URL}/panel", data={"email": "Eve.Evaluator@council.example",
                                                     "role": "evaluator"}).status_code == 302
    response = officer_client.post(f"{URL}/panel", data={"email": "eve.evaluator@council.example", "role": "auditor"})
    assert "Eve Evaluator is already on this procurement as evaluator" in response.get_data(as_text=True)
    assert events("panel.member_added")[0].after == {"email": "eve.evaluator@council.example", "role": "evaluator"}
    assert "Eve Evaluator" in officer_client.get("/procurements/BUILD-1").get_data(as_text=True)


def test_panel_removes_members_but_keeps_one_officer(officer_client, draft):
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Membership, Role

    make_user("eve.evaluator@council.example", Role.EVALUATOR, "Eve Evaluator")
    officer_client.post(f"{URL}/panel", data={"email": "eve.evaluator@council.example", "role": "evaluator"})
    memberships = {m.user.email: m.id for m in db.session.execute(select(Membership)).scalars()}
    officer_client.post(f"{URL}/panel/{memberships['eve.evaluator@council.example']}/remove", data={})
    response = officer_client.post(f"{URL}/panel/{memberships['builder.officer@council.example']}/remove",
                                   data={}, follow_redirects=True)
    assert "A procurement needs at least one officer" in response.get_data(as_text=True)
    db.session.expire_all()
    assert [m.user.email for m in db.session.execute(select(Membership)).scalars()] == [
        "builder.officer@council.example"]
    assert events("panel.member_removed")[0].before["email"] == "eve.evaluator@council.example"


def test_overview_links_the_editors_and_says_why_scoring_cannot_open(officer_client, draft):
    page = officer_client.get("/procurements/BUILD-1").get_data(as_text=True)
    for path in ("settings", "sections", "weights", "suppliers", "panel"):
        assert f'href="{URL}/{path}"' in page
    assert "Add at least one criterion before scoring opens" in page
    assert "Add at least one supplier before scoring opens" in page
    assert "disabled" in page and 'action="/procurements/BUILD-1/open-scoring"' not in page


def _build_a_plan_that_can_open(client) -> None:
    client.post(f"{URL}/sections", data={"name": "Quality", "weight": "100"})
    from workbench.extensions import db
    from workbench.models import Section

    section = db.session.query(Section).one()
    client.post(f"{URL}/sections/{section.id}/criteria/new", data={
        "code": "Q1", "title": "Quality", "kind": "scored", "weight": "100", "youth_share": "0",
        "section": str(section.id)})
    client.post(f"{URL}/suppliers", data={"name": "Alpha Ltd", "price": "100"})


def test_the_plan_is_locked_once_scoring_opens(officer_client, draft):
    _build_a_plan_that_can_open(officer_client)
    page = officer_client.get("/procurements/BUILD-1").get_data(as_text=True)
    assert 'action="/procurements/BUILD-1/open-scoring"' in page
    assert officer_client.post("/procurements/BUILD-1/open-scoring", data={}).status_code == 302
    procurement = refresh(draft["procurement"])
    assert procurement.status.value == "scoring"
    criterion = procurement.criteria[0]
    response = officer_client.post(f"{URL}/weights", data={f"section-{procurement.sections[0].id}": "50",
                                                           f"criterion-{criterion.id}": "50"})
    assert response.status_code == 302
    followed = officer_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Scoring has opened, so the plan" in followed
    response = officer_client.post(f"{URL}/suppliers", data={"name": "Late Ltd", "price": "1"})
    assert response.status_code == 302
    procurement = refresh(draft["procurement"])
    assert procurement.criteria[0].weight == 100 and [s.name for s in procurement.suppliers] == ["Alpha Ltd"]
    assert events("plan.weights_changed") == [] and len(events("plan.supplier_added")) == 1
    page = officer_client.get(f"{URL}/weights").get_data(as_text=True)
    assert "Weights are fixed once scoring opens" in page and "Save weights" not in page


def test_services_refuse_changes_after_scoring_opens(app_context, draft):
    import pytest

    from workbench.extensions import db
    from workbench.models import Status
    from workbench.procurements import editor
    from workbench.procurements.editor import EditorError

    procurement = draft["procurement"]
    procurement.status = Status.SCORING
    db.session.commit()
    with pytest.raises(EditorError, match="Scoring has opened"):
        editor.add_section(procurement, actor="test", name="Late")
