"""The first events of a brand-new audit scope, written at once by many clients on PostgreSQL: each is stored, in
one unbroken chain, and none fails on the scope's head row being created twice."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from tests.conftest import require_service
from workbench.audit import verify_scope
from workbench.audit.trail import record_event
from workbench.extensions import db
from workbench.models import AuditEvent

pytestmark = pytest.mark.postgres

THREADS = 8


def _writer(app, number: int, scope: str, barrier: threading.Barrier, errors: list[str]) -> None:
    with app.app_context():
        try:
            barrier.wait()
            record_event(db.session, scope=scope, actor="test", action="race.first", entity=f"client:{number}")
            db.session.commit()
        except Exception as error:  # the test reports every failure
            db.session.rollback()
            errors.append(repr(error))
        finally:
            db.session.remove()


@pytest.mark.parametrize("round_", range(3))
def test_first_events_of_a_new_scope_all_land_in_one_chain(app, app_context, database_url, round_):
    # with PostgreSQL configured, the SQLite run of this test is deselected (tests/conftest.py)
    require_service(database_url.startswith("postgresql"),
                    "PostgreSQL is not configured (set WORKBENCH_TEST_DATABASE_URL)")
    scope = f"test:race-{round_}"
    errors: list[str] = []
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=_writer, args=(app, n, scope, barrier, errors)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    events = db.session.execute(select(AuditEvent.sequence, AuditEvent.entity).where(AuditEvent.scope == scope)
                                .order_by(AuditEvent.sequence)).all()
    assert [sequence for sequence, _ in events] == list(range(1, THREADS + 1))
    assert {entity for _, entity in events} == {f"client:{n}" for n in range(THREADS)}
    assert verify_scope(db.session, scope) == []
