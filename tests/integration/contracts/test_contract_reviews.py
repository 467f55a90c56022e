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
    assert len(spans) == 12  # 1 November 2025 to 31 October 2028, quarterly
    assert (spans[0].start, spans[0].end, spans[0].scheduled_on) == (
        dt.date(2025, 11, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 14))
    assert (spans[3].start, spans[3].end, spans[3].scheduled_on) == (
        dt.date(2026, 8, 1), dt.date(2026, 10, 31), dt.date(2026, 11, 14))
    assert spans[-1].end == dt.date(2028, 10, 31)


def test_agenda_pack_holds_the_span(contract):
    spring, summer, autumn = reviews_of(contract)
    assert [(r.span_start, r.span_end) for r in (spring, summer, autumn)] == [
        (dt.date(2026, 2, 1), dt.date(2026, 4, 30)), (dt.date(2026, 5, 1), dt.date(2026, 7, 31)),
        (dt.date(2026, 8, 1), dt.date(2026, 10, 31))]
    pack = summer.agenda
    kpi1 = next(k for k in pack["kpis"] if k["code"] == "KPI1")
    assert [(p["period"], p["rating"]) for p in kpi1["periods"]] == [
        ("2026-05", "Approaching target"), ("2026-06", "Inadequate"), ("2026-07", "Other")]
    assert [i["reference"] for i in pack["incidents"]] == ["INC-004", "INC-005", "INC-006"]
    assert any(e["subject"] == "incident:INC-006" for e in pack["escalations"])
    assert {a["description"] for a in pack["open_actions"]} >= {
        "Supplier to add a second power feed at the data centre"}
    # a quarter is on the agenda of the span it ends in: 2026-Q1 (to 31 March) in February–April, 2026-Q2 (to
    # 30 June) in May–July, 2026-Q3 (to 30 September) in August–October
    kpi2 = {r.span_start: next(k for k in r.agenda["kpis"] if k["code"] == "KPI2") for r in (spring, summer, autumn)}
    assert [[p["period"] for p in k["periods"]] for k in kpi2.values()] == [["2026-Q1"], ["2026-Q2"], ["2026-Q3"]]
    assert [i["reference"] for i in spring.agenda["incidents"]] == ["INC-003"]  # 29 March, the clock change
    assert [i["reference"] for i in autumn.agenda["incidents"]] == ["INC-007", "INC-008", "INC-009"]
    kpi3 = next(k for k in autumn.agenda["kpis"] if k["code"] == "KPI3")
    assert [(p["period"], p["value"], p["rating"]) for p in kpi3["periods"]] == [
        ("2026-08", 12, "Inadequate"), ("2026-09", 4, "Approaching target"), ("2026-10", 4, "Approaching target")]
    with pytest.raises(ContractRuleError):
        draft_review(contract, dt.date(2026, 5, 1), actor="test")  # already drafted


def test_sign_off_locks_and_addenda_are_audited(client, sign_in_as, contract):
    first, second, drafted = reviews_of(contract)
    assert first.locked and second.locked and not drafted.locked
    assert (first.held_on, second.held_on, drafted.held_on) == (dt.date(2026, 5, 14), dt.date(2026, 8, 13), None)
    with pytest.raises(ContractRuleError):
        update_review(contract, first, held_on=None, attendees="x", decisions="y", actor="test")
    sign_in_as("contract_manager")
    url = f"/contracts/CT-2026-01/reviews/{drafted.id}"
    # signing off needs the date held and the attendees
    client.post(url + "/sign-off")
    db.session.refresh(drafted)
    assert not drafted.locked
    response = client.post(url, data={"held_on": ["20", "11", "2026"], "attendees": "Jo Reed\nSupplier",
                                      "decisions": "Agreed the sync-queue plan"})
    assert response.status_code == 302
    assert client.post(url + "/sign-off").status_code == 302
    db.session.refresh(drafted)
    assert drafted.locked and drafted.held_on == dt.date(2026, 11, 20)
    # a locked review cannot be changed through the form; an addendum is recorded instead
    client.post(url, data={"text": "Supplier confirmed the plan in writing"})
    db.session.refresh(drafted)
    assert drafted.decisions == "Agreed the sync-queue plan"
    assert [a.text for a in drafted.addenda] == ["Supplier confirmed the plan in writing"]
    actions = [e.action for e in db.session.execute(
        select(AuditEvent).where(AuditEvent.entity == f"review:{drafted.id}").order_by(AuditEvent.sequence)
    ).scalars()]
    assert actions == ["review.drafted", "review.updated", "review.signed_off", "review.addendum"]
    page = client.get(url).get_data(as_text=True)
    assert "the record is locked" in page and "Supplier confirmed the plan in writing" in page


def test_addendum_only_after_sign_off(contract):
    from workbench.models import User

    manager = db.session.get(User, contract.manager_id)
    drafted = reviews_of(contract)[2]
    with pytest.raises(ContractRuleError):
        add_addendum(contract, drafted, text="Too early", actor=manager)


def test_auditor_reads_reviews_only(client, sign_in_as, contract):
    first = reviews_of(contract)[0]
    sign_in_as("auditor")
    assert client.get(f"/contracts/CT-2026-01/reviews/{first.id}").status_code == 200
    assert client.post(f"/contracts/CT-2026-01/reviews/{first.id}", data={"text": "x"}).status_code == 403


def test_an_incident_is_on_the_agenda_of_the_span_of_the_day_it_was_reported(contract):
    """Spans start on the contract's start day, not on the 1st: INC-001, reported on 19 November 2025, belongs to
    the first span of a contract starting on 15 November (15 Nov – 14 Feb), not to none."""
    from workbench.contracts.reviews import agenda_pack

    contract.start = dt.date(2025, 11, 15)
    first, second = schedule(contract)[:2]
    assert (first.start, first.end) == (dt.date(2025, 11, 15), dt.date(2026, 2, 14))
    assert "INC-001" in {i["reference"] for i in agenda_pack(contract, first)["incidents"]}
    assert "INC-001" not in {i["reference"] for i in agenda_pack(contract, second)["incidents"]}
    db.session.rollback()
