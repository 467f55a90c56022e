"""Review meetings: the schedule on the contract's cycle, the agenda pack drafted from the span's data, sign-off
locking the record, and addenda afterwards (audited)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from workbench.contracts.reviews import add_addendum, draft_review, reviews_of, schedule, update_review
from workbench.contracts.services import ContractRuleError
from workbench.extensions import db
from workbench.models import AuditEvent, Contract


@pytest.fixture
def contract(demo) -> Contract:
    return db.session.execute(select(Contract)).scalar_one()


def test_quarterly_schedule(contract):
    spans = schedule(contract)
    assert len(spans) == 12  # 1 April 2026 to 31 March 2029, quarterly
    assert (spans[0].start, spans[0].end, spans[0].scheduled_on) == (
        dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 14))
    assert spans[-1].end == dt.date(2029, 3, 31)


def test_agenda_pack_holds_the_span(contract):
    first, second = reviews_of(contract)
    pack = first.agenda
    kpi1 = next(k for k in pack["kpis"] if k["code"] == "KPI1")
    assert [(p["period"], p["rating"]) for p in kpi1["periods"]] == [
        ("2026-04", "Good"), ("2026-05", "Approaching target"), ("2026-06", "Inadequate")]
    assert [i["reference"] for i in pack["incidents"]] == ["INC-001", "INC-002", "INC-003"]
    assert any(e["subject"] == "incident:INC-003" for e in pack["escalations"])
    assert {a["description"] for a in pack["open_actions"]} >= {
        "Supplier to add a second power feed at the data centre"}
    kpi2 = next(k for k in second.agenda["kpis"] if k["code"] == "KPI2")
    assert [p["period"] for p in kpi2["periods"]] == ["2026-Q3"]
    with pytest.raises(ContractRuleError):
        draft_review(contract, dt.date(2026, 4, 1), actor="test")  # already drafted


def test_sign_off_locks_and_addenda_are_audited(client, sign_in_as, contract):
    first, second = reviews_of(contract)
    assert first.locked and not second.locked
    with pytest.raises(ContractRuleError):
        update_review(contract, first, held_on=None, attendees="x", decisions="y", actor="test")
    sign_in_as("contract_manager")
    url = f"/contracts/CT-2026-01/reviews/{second.id}"
    # signing off needs the date held and the attendees
    client.post(url + "/sign-off")
    db.session.refresh(second)
    assert not second.locked
    response = client.post(url, data={"held_on": ["13", "10", "2026"], "attendees": "Jo Reed\nSupplier",
                                      "decisions": "Agreed the sync-queue plan"})
    assert response.status_code == 302
    assert client.post(url + "/sign-off").status_code == 302
    db.session.refresh(second)
    assert second.locked and second.held_on == dt.date(2026, 10, 13)
    # a locked review cannot be changed through the form; an addendum is recorded instead
    client.post(url, data={"text": "Supplier confirmed the plan in writing"})
    db.session.refresh(second)
    assert second.decisions == "Agreed the sync-queue plan"
    assert [a.text for a in second.addenda] == ["Supplier confirmed the plan in writing"]
    actions = [e.action for e in db.session.execute(
        select(AuditEvent).where(AuditEvent.entity == f"review:{second.id}").order_by(AuditEvent.sequence)
    ).scalars()]
    assert actions == ["review.drafted", "review.updated", "review.signed_off", "review.addendum"]
    page = client.get(url).get_data(as_text=True)
    assert "the record is locked" in page and "Supplier confirmed the plan in writing" in page


def test_addendum_only_after_sign_off(contract):
    from workbench.models import User

    manager = db.session.get(User, contract.manager_id)
    second = reviews_of(contract)[1]
    with pytest.raises(ContractRuleError):
        add_addendum(contract, second, text="Too early", actor=manager)


def test_auditor_reads_reviews_only(client, sign_in_as, contract):
    first = reviews_of(contract)[0]
    sign_in_as("auditor")
    assert client.get(f"/contracts/CT-2026-01/reviews/{first.id}").status_code == 200
    assert client.post(f"/contracts/CT-2026-01/reviews/{first.id}", data={"text": "x"}).status_code == 403
