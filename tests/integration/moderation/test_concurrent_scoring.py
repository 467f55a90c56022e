"""Many clients save and submit scores at once against PostgreSQL, each with its own session and connection.

Every acknowledged (committed) save and submission must be stored once, in the order the audit chain records,
and the database must keep one score per (evaluator, supplier, criterion) whatever the interleaving.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.conftest import require_service
from workbench.audit import procurement_scope, verify_scope
from workbench.extensions import db
from workbench.library.loader import load_library
from workbench.library.plans import load_plan
from workbench.models import AuditEvent, Criterion, MemberRole, Procurement, Score, ScoreStatus, Supplier, User
from workbench.panel.services import ScoringError, declare_conflict, save_score, submit_scores
from workbench.procurements.scoring_state import open_scoring
from workbench.procurements.services import create_procurement_from_plan, members

pytestmark = pytest.mark.postgres

THREADS = 8
OPERATIONS = 25
PLAN = """\
title: Concurrent scoring
reference: RACE-1
scale: {min: 0, max: 5}
quality_weight: 70
price_weight: 30
price_method: lowest
sections:
  - name: Quality
    weight: 100
    criteria:
      - {code: Q1, title: First question, question: "One?", weight: 50}
      - {code: Q2, title: Second question, question: "Two?", weight: 50}
suppliers:
  - {name: Alpha Ltd, price: 100000}
  - {name: Beta Ltd, price: 120000}
evaluators:
  - {email: e1@council.example, name: Evaluator One}
  - {email: e2@council.example, name: Evaluator Two}
  - {email: e3@council.example, name: Evaluator Three}
"""


def _setup() -> tuple[int, list[int], list[int], list[int]]:
    plan = load_plan(Path("race.yaml"), load_library(), text=PLAN)
    found = create_procurement_from_plan(plan, actor="test", source="race.yaml")
    db.session.flush()
    db.session.refresh(found)
    evaluators = members(found, MemberRole.EVALUATOR)
    for evaluator in evaluators:
        for supplier in found.suppliers:
            declare_conflict(found, evaluator, supplier, has_conflict=False, details="")
    open_scoring(found, actor="test")
    db.session.commit()
    return (found.id, [e.id for e in evaluators], [s.id for s in found.suppliers], [c.id for c in found.criteria])


def _client(app, number: int, ids: tuple, barrier: threading.Barrier, log: dict[str, list]) -> None:
    """One client: its own app context, so its own session and connection."""
    procurement_id, evaluator_ids, supplier_ids, criterion_ids = ids
    rng = random.Random(number)
    with app.app_context():
        try:
            barrier.wait()
            for step in range(OPERATIONS):
                found = db.session.get(Procurement, procurement_id)
                evaluator = db.session.get(User, rng.choice(evaluator_ids))
                supplier = db.session.get(Supplier, rng.choice(supplier_ids))
                # the first save of every client is the same triple, so the inserts collide
                criterion = db.session.get(Criterion, criterion_ids[0] if step == 0 else rng.choice(criterion_ids))
                if step == 0:
                    evaluator, supplier = db.session.get(User, evaluator_ids[0]), db.session.get(
                        Supplier, supplier_ids[0])
                submit = step > 0 and rng.random() < 0.15
                token = f"client {number} step {step}"
                try:
                    if submit:
                        submit_scores(found, evaluator, supplier)
                    else:
                        save_score(found, evaluator, supplier, criterion, value=rng.randint(0, 5),
                                   justification=token)
                    db.session.commit()
                except ScoringError as refused:
                    db.session.rollback()
                    log["refused"].append(str(refused))
                else:
                    log["submitted" if submit else "saved"].append(
                        (evaluator.email, supplier.name) if submit else token)
        except Exception as error:  # every unexpected failure is reported by the test
            db.session.rollback()
            log["unexpected"].append(repr(error))
        finally:
            db.session.remove()


def _expected_from_the_chain(reference: str) -> dict[tuple[str, str, str], tuple[int, str]]:
    """Replay the audit chain: each triple's last saved or submitted value, and whether it was submitted."""
    expected: dict[tuple[str, str, str], tuple[int, str]] = {}
    events = db.session.execute(select(AuditEvent).where(AuditEvent.scope == procurement_scope(reference))
                                .order_by(AuditEvent.sequence)).scalars()
    for event in events:
        if event.action == "score.saved":
            supplier, code = event.entity.split(" / ")
            expected[(event.actor_label, supplier, code)] = (event.after["score"], "draft")
        elif event.action == "scores.submitted":
            supplier = event.entity.removeprefix("supplier:")
            for code, value in event.after["scores"].items():
                expected[(event.actor_label, supplier, code)] = (value, "submitted")
    return expected


def test_concurrent_clients_store_every_acknowledged_score_once(app, app_context, database_url):
    # with PostgreSQL configured, the SQLite run of this test is deselected (tests/conftest.py)
    require_service(database_url.startswith("postgresql"),
                    "PostgreSQL is not configured (set WORKBENCH_TEST_DATABASE_URL)")
    ids = _setup()
    log: dict[str, list] = {"saved": [], "submitted": [], "refused": [], "unexpected": []}
    barrier = threading.Barrier(THREADS)
    threads = [threading.Thread(target=_client, args=(app, n, ids, barrier, log)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    db.session.expire_all()

    assert log["unexpected"] == []
    assert len(log["saved"]) >= THREADS  # every client's colliding first save was acknowledged
    allowed = ("locked", "before submitting", "already submitted")
    assert [r for r in log["refused"] if not any(a in r for a in allowed)] == []

    rows = db.session.execute(select(Score.evaluator_id, Score.supplier_id, Score.criterion_id, func.count())
                              .group_by(Score.evaluator_id, Score.supplier_id, Score.criterion_id)).all()
    assert rows and all(count == 1 for *_, count in rows)

    scope = procurement_scope("RACE-1")
    saved_events = db.session.execute(select(AuditEvent.after).where(
        AuditEvent.scope == scope, AuditEvent.action == "score.saved")).scalars().all()
    assert sorted(a["justification"] for a in saved_events) == sorted(log["saved"])  # each acknowledged save once
    submitted_events = db.session.execute(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.scope == scope, AuditEvent.action == "scores.submitted")).scalar_one()
    assert submitted_events == len(log["submitted"])

    stored = {(s.evaluator.email, s.supplier.name, s.criterion.code): (s.value, s.status.value)
              for s in db.session.execute(select(Score)).scalars()}
    assert stored == _expected_from_the_chain("RACE-1")
    assert verify_scope(db.session, scope) == []

    one = db.session.execute(select(Score)).scalars().first()
    db.session.add(Score(procurement_id=one.procurement_id, evaluator_id=one.evaluator_id,
                         supplier_id=one.supplier_id, criterion_id=one.criterion_id, status=ScoreStatus.DRAFT))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
