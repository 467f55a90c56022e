"""The audit trail page: who may read it, filters, pagination, UK times, the chain check, and no way to write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update

from workbench.audit import procurement_scope, record_event
from workbench.audit.queries import PER_PAGE
from workbench.extensions import db
from workbench.models import AuditEvent

URL = "/procurements/{}/audit"


def _count(demo, **where) -> int:
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.scope == procurement_scope(demo["reference"]))
    for column, value in where.items():
        query = query.where(getattr(AuditEvent, column) == value)
    return db.session.execute(query).scalar_one()


@pytest.mark.parametrize("role", ["officer", "auditor", "admin"])
def test_officers_auditors_and_admins_read_the_trail(role, sign_in_as, demo):
    page = sign_in_as(role).get(URL.format(demo["reference"]))
    assert page.status_code == 200
    assert f"{_count(demo)} events, page 1 of" in page.text
    assert "Chain intact" in page.text


def test_evaluators_cannot_read_the_trail(sign_in_as, demo):
    assert sign_in_as("evaluator").get(URL.format(demo["reference"])).status_code == 403


def test_there_is_no_route_that_writes_to_the_trail(app):
    audit_rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("audit.")]
    assert audit_rules
    assert all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in audit_rules)


def test_filter_by_action_and_person(sign_in_as, demo):
    client = sign_in_as("auditor")
    expected = _count(demo, action="scores.submitted")
    assert 0 < expected < PER_PAGE
    page = client.get(URL.format(demo["reference"]), query_string={"action": "scores.submitted"}).text
    assert f"{expected} events matching the filters" in page
    assert "score.saved" not in page.split("<tbody")[1]
    person = "sam.patel@council.example"
    by_person = _count(demo, actor_label=person, action="scores.submitted")
    page = client.get(URL.format(demo["reference"]),
                      query_string={"action": "scores.submitted", "person": person}).text
    assert f"{by_person} {'event' if by_person == 1 else 'events'} matching the filters" in page


def test_filter_by_text_finds_supplier_and_criterion(sign_in_as, demo):
    client = sign_in_as("officer")
    total = db.session.execute(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.scope == procurement_scope(demo["reference"]),
        AuditEvent.entity.ilike("%ashdown%/ CSC01%"))).scalar_one()
    assert total > 0
    page = client.get(URL.format(demo["reference"]), query_string={"text": "Ashdown Case Systems Ltd / CSC01"}).text
    assert f"{total} {'event' if total == 1 else 'events'} matching the filters" in page
    nothing = client.get(URL.format(demo["reference"]), query_string={"text": "100%_no_such"}).text
    assert "No events match the filters" in nothing


def test_times_are_shown_and_filtered_in_uk_time(sign_in_as, demo, monkeypatch):
    import workbench.audit.trail as trail

    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST)
    monkeypatch.setattr(trail, "utcnow", lambda: datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    record_event(db.session, scope=procurement_scope(demo["reference"]), actor="test", action="test.summer",
                 entity="Summer event")
    db.session.commit()
    client = sign_in_as("auditor")
    july = client.get(URL.format(demo["reference"]),
                      query_string={"action": "test.summer", "date_from": "1/7/2026", "date_to": "01/07/2026"}).text
    assert "1 event matching the filters" in july and "1 July 2026 at 12:30am" in july
    june = client.get(URL.format(demo["reference"]),
                      query_string={"action": "test.summer", "date_to": "30/06/2026"}).text
    assert "No events match the filters" in june


def test_an_impossible_date_is_an_error_not_a_filter(sign_in_as, demo):
    page = sign_in_as("auditor").get(URL.format(demo["reference"]), query_string={"date_from": "31/02/2026"}).text
    assert "There is a problem" in page and "From (UK date) must be a real date" in page
    backwards = sign_in_as("auditor").get(URL.format(demo["reference"]),
                                          query_string={"date_from": "2/3/2026", "date_to": "1/3/2026"}).text
    assert "must be the same as or after" in backwards


def test_pages_of_fifty_newest_first(sign_in_as, demo):
    total = _count(demo)
    assert total > PER_PAGE
    client = sign_in_as("auditor")
    first = client.get(URL.format(demo["reference"])).text
    assert f'<td class="govuk-table__cell app-numeric">{total}</td>' in first
    assert "page=2" in first
    second = client.get(URL.format(demo["reference"]), query_string={"page": 2}).text
    assert f'<td class="govuk-table__cell app-numeric">{total - PER_PAGE}</td>' in second
    assert f'<td class="govuk-table__cell app-numeric">{total}</td>' not in second


def test_before_after_and_reason_are_shown(sign_in_as, demo):
    record_event(db.session, scope=procurement_scope(demo["reference"]), actor="test", action="consensus.changed",
                 entity="Beacon / CSC04", before={"score": 2}, after={"score": 3}, reason="New evidence from the demo")
    db.session.commit()
    page = sign_in_as("officer").get(URL.format(demo["reference"]),
                                     query_string={"action": "consensus.changed"}).text
    assert "<strong>score</strong>: 2 → 3" in page and "New evidence from the demo" in page


def test_a_changed_event_is_reported(sign_in_as, demo):
    scope = procurement_scope(demo["reference"])
    target = db.session.execute(select(AuditEvent.sequence).where(AuditEvent.scope == scope)
                                .order_by(AuditEvent.sequence).offset(5)).scalars().first()
    db.session.execute(update(AuditEvent).where(AuditEvent.scope == scope, AuditEvent.sequence == target)
                       .values(reason="quietly edited"))
    db.session.commit()
    page = sign_in_as("auditor").get(URL.format(demo["reference"])).text
    assert "The audit trail has been altered" in page and "Chain intact" not in page
    assert f"Event {target}: its content was changed after it was written" in page
