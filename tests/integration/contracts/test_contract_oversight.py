"""Escalation triggers (breach, severity, repeated shortfalls), items staying flagged until escalated, and
corrective actions with overdue ones standing out, on the demo contract."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

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
    # Level 1 (breach): INC-003 missed both limits, INC-004 (P2) is open past its 8h limit, KPI1 2026-06 97.6 and
    # KPI3 2026-08 12 events are Inadequate. Level 2 (any P1): INC-001 and INC-003. Level 3 (2 of the last 3
    # periods below target): KPI1 2026-06 (Approaching + Inadequate); not KPI1 2026-09 (07 Other, 08 Good);
    # KPI3 2026-06 (05 Requires improvement, 06 Approaching).
    subjects = _subjects(escalation_items(contract))
    assert {"incident:INC-003", "incident:INC-004", "incident:INC-001", "kpi:KPI1:2026-06", "kpi:KPI3:2026-08",
            "kpi:KPI1:repeated:2026-06", "kpi:KPI3:repeated:2026-06"} <= subjects
    assert "incident:INC-002" not in subjects and "kpi:KPI1:2026-05" not in subjects
    assert "kpi:KPI1:repeated:2026-08" not in subjects and "kpi:KPI1:repeated:2026-09" not in subjects
    # INC-003 was escalated in the demo: it no longer needs escalation, the others still do
    pending = _subjects(needing_escalation(contract))
    assert "incident:INC-003" not in pending and "incident:INC-004" in pending


def test_recording_an_escalation_clears_the_item_and_is_audited(client, sign_in_as, contract):
    sign_in_as("contract_manager")
    page = client.get("/contracts/CT-2026-01/escalations").get_data(as_text=True)
    assert "Incident INC-004 (P2) missed its SLA" in page
    level = levels_of(contract)[0]
    response = client.post("/contracts/CT-2026-01/escalations",
                           data={"subject": "incident:INC-004", "level": str(level.id), "note": "Phoned"})
    assert response.status_code == 302
    assert "incident:INC-004" not in _subjects(needing_escalation(contract))
    event = db.session.execute(select(AuditEvent).where(AuditEvent.entity == "incident:INC-004")).scalar_one()
    assert event.action == "escalation.recorded" and event.after["note"] == "Phoned"
    # a subject that meets no trigger cannot be "escalated"
    with pytest.raises(ContractRuleError):
        record_escalation(contract, subject="incident:INC-002", level=None, note="", actor="test")


def test_repeated_trigger_needs_n_within_m(contract):
    db.session.execute(delete(Escalation))
    db.session.execute(delete(EscalationLevel))
    add_level(contract, level=1, who="Director", within_days=5, trigger="repeated", severity=None,
              repeat_count=3, repeat_periods=3, actor="test")
    # KPI1: 04 Good, 05 Approaching, 06 Inadequate, 07 Other, 08 Good, 09 RI, 10 Good: never 3 in a row of 3.
    # KPI3: 04 Good, 05 RI, 06 Approaching, 07 Good, 08 Inadequate, 09 Approaching, 10 Approaching → 2026-10.
    assert _subjects(escalation_items(contract)) == {"kpi:KPI3:repeated:2026-10"}
    with pytest.raises(ContractRuleError):
        add_level(contract, level=2, who="X", within_days=1, trigger="repeated", severity=None, repeat_count=4,
                  repeat_periods=3, actor="test")
    with pytest.raises(ContractRuleError):
        add_level(contract, level=2, who="X", within_days=1, trigger="severity", severity="P9", repeat_count=None,
                  repeat_periods=None, actor="test")


def test_overdue_actions_stand_out(client, sign_in_as, contract):
    overdue = overdue_actions(contract, today=dt.date(2026, 11, 23))
    assert [a.description for a in overdue] == ["Supplier to add a second power feed at the data centre"]
    assert overdue_actions(contract, today=dt.date(2026, 10, 31)) == []  # due today is not overdue yet
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
