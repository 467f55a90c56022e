"""Escalation triggers (breach, severity, repeated shortfalls), items staying flagged until escalated, and
corrective actions with overdue ones standing out, on the demo contract."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from workbench.contracts import oversight
from workbench.contracts.oversight import (
    add_action,
    add_level,
    escalation_items,
    levels_of,
    needing_escalation,
    overdue_actions,
    record_escalation,
)
from workbench.contracts.services import ContractRuleError
from workbench.extensions import db
from workbench.models import AuditEvent, Contract, Escalation, EscalationLevel


@pytest.fixture
def contract(demo) -> Contract:
    return db.session.execute(select(Contract)).scalar_one()


def _subjects(items) -> set[str]:
    return {item.subject for item in items}


def test_demo_triggers(contract):
    # Level 1 (breach): INC-006 missed both limits (55 > 30 min, 380 > 240 min); INC-009 (P2) is open past its 8h
    # limit; KPI1 2026-06 (97.6 < 98) and KPI3 2026-08 (12 > 10 events) are Inadequate.
    # Level 2 (any P1): INC-003, INC-004 and INC-006.
    # Level 3 (2 of the last 3 periods below target, the last of them below target):
    #   KPI1 2026-06 (04 Good, 05 Approaching, 06 Inadequate); not 2026-01 (11 Good, 12 Good, 01 Approaching)
    #   nor 2026-09 (07 Other, 08 Good, 09 Requires improvement);
    #   KPI2 2026-Q2 (2025-Q4 Good, 2026-Q1 Requires improvement, 2026-Q2 Approaching);
    #   KPI3 2026-06 (05 RI, 06 Approaching), 2026-08 (06 Approaching, 08 Inadequate), 2026-09 and 2026-10;
    #   not KPI3 2025-11 (Approaching, but the first period: 1 of 1).
    assert _subjects(escalation_items(contract)) == {
        "incident:INC-006", "incident:INC-009", "kpi:KPI1:2026-06", "kpi:KPI3:2026-08",
        "incident:INC-003", "incident:INC-004",
        "kpi:KPI1:repeated:2026-06", "kpi:KPI2:repeated:2026-Q2", "kpi:KPI3:repeated:2026-06",
        "kpi:KPI3:repeated:2026-08", "kpi:KPI3:repeated:2026-09", "kpi:KPI3:repeated:2026-10"}
    # INC-001 and INC-008 (P2, met: INC-008 responded in 20 real minutes across the autumn clock change) and the
    # P3 incidents INC-002, INC-005 and INC-007 (met on the service-hours clock) meet no trigger.
    # INC-006 was escalated in the demo: it no longer needs escalation, the others still do
    pending = _subjects(needing_escalation(contract))
    assert "incident:INC-006" not in pending and "incident:INC-009" in pending and len(pending) == 11


def test_recording_an_escalation_clears_the_item_and_is_audited(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.get("/contracts/CT-2026-01/escalations").get_data(as_text=True)
    assert "Incident INC-009 (P2) missed its SLA" in page
    level = levels_of(contract)[0]
    response = client.post("/contracts/CT-2026-01/escalations",
                           data={"subject": "incident:INC-009", "level": str(level.id), "note": "Phoned"})
    assert response.status_code == 302
    assert "incident:INC-009" not in _subjects(needing_escalation(contract))
    event = db.session.execute(select(AuditEvent).where(AuditEvent.entity == "incident:INC-009")).scalar_one()
    assert event.action == "escalation.recorded" and event.after["note"] == "Phoned"
    # a subject that meets no trigger cannot be "escalated"
    with pytest.raises(ContractRuleError):
        record_escalation(contract, subject="incident:INC-005", level=None, note="", actor="test")


def test_repeated_trigger_needs_n_within_m(contract):
    db.session.execute(delete(Escalation))
    db.session.execute(delete(EscalationLevel))
    add_level(contract, level=1, who="Director", within_days=5, trigger="repeated", severity=None,
              repeat_count=3, repeat_periods=3, actor="test")
    # KPI1: 2025-11 Good, 12 Good, 01 Approaching, 02–04 Good, 05 Approaching, 06 Inadequate, 07 Other, 08 Good,
    # 09 RI, 10 Good: never 3 of 3. KPI2: Good, RI, Approaching, Good: never 3 of 3.
    # KPI3: 2025-11 Approaching, 12–04 Good, 05 RI, 06 Approaching, 07 Good, 08 Inadequate, 09 Approaching,
    # 10 Approaching → 2026-10 only.
    assert _subjects(escalation_items(contract)) == {"kpi:KPI3:repeated:2026-10"}
    with pytest.raises(ContractRuleError):
        add_level(contract, level=2, who="X", within_days=1, trigger="repeated", severity=None, repeat_count=4,
                  repeat_periods=3, actor="test")
    with pytest.raises(ContractRuleError):
        add_level(contract, level=2, who="X", within_days=1, trigger="severity", severity="P9", repeat_count=None,
                  repeat_periods=None, actor="test")


def test_overdue_actions_stand_out(client, sign_in_as, contract, monkeypatch):
    # the demo's actions: the root-cause report (done), the second power feed (due 31 October 2026) and the
    # sync-queue monitoring (due 29 January 2027)
    overdue = overdue_actions(contract, today=dt.date(2026, 11, 23))
    assert [a.description for a in overdue] == ["Supplier to add a second power feed at the data centre"]
    assert overdue_actions(contract, today=dt.date(2026, 10, 31)) == []  # due today is not overdue yet
    # the overdue one stays overdue on any later day; the open one joins it after its due date
    assert len(overdue_actions(contract, today=dt.date(2027, 1, 29))) == 1
    assert [a.description for a in overdue_actions(contract, today=dt.date(2027, 1, 30))] == [
        "Supplier to add a second power feed at the data centre", "Agree monitoring of the synchronisation queue"]
    # the pages count against today in London: pin it to 23 November 2026
    monkeypatch.setattr(oversight, "utcnow", lambda: dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    sign_in_as("officer")
    listing = client.get("/contracts").get_data(as_text=True)
    assert "1 overdue" in listing
    detail = client.get("/contracts/CT-2026-01").get_data(as_text=True)
    assert "1 corrective action overdue: Supplier to add a second power feed" in detail


def test_add_and_complete_an_action_in_the_page(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    response = client.post("/contracts/CT-2026-01/actions", data={
        "description": "Weekly sync report", "owner": "Supplier", "due": ["1", "2", "2027"],
        "subject": "kpi:KPI3:2026-08"})
    assert response.status_code == 302
    page = client.get("/contracts/CT-2026-01/actions").get_data(as_text=True)
    assert "Weekly sync report" in page and "KPI3 2026-08: Inadequate" in page
    action = add_action(contract, description="Temp", owner="Me", due=dt.date(2027, 1, 1), subject="review:next",
                        actor="test")
    db.session.commit()
    assert client.post(f"/contracts/CT-2026-01/actions/{action.id}/done").status_code == 302
    db.session.refresh(action)
    assert action.status.value == "done" and action.closed_at is not None


def test_auditor_cannot_add_actions(client, sign_in_as, contract):
    sign_in_as("auditor")
    assert client.get("/contracts/CT-2026-01/actions").status_code == 200
    assert client.post("/contracts/CT-2026-01/actions", data={"description": "x"}).status_code == 403
