"""Panel progress on larger evaluations: exact counts from grouped queries, and a query count that stays put."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, update

from bench.build import build_evaluation
from tests.helpers import PASSWORD, make_user, sign_in
from workbench.extensions import db
from workbench.models import (
    ConflictDeclaration,
    MemberRole,
    Membership,
    Procurement,
    Role,
    Score,
    ScoreStatus,
    Supplier,
    User,
)


def _build(reference: str, *, suppliers: int, criteria: int, evaluators: int, officer: User) -> Procurement:
    """A bench evaluation (every score submitted) with every evaluator declared against every supplier."""
    procurement = build_evaluation(reference, suppliers=suppliers, criteria=criteria, sections=2,
                                   evaluators=evaluators, young_people=1, questions=1)
    db.session.add(Membership(procurement_id=procurement.id, user_id=officer.id, role=MemberRole.OFFICER))
    people = db.session.execute(select(Membership.user_id).where(
        Membership.procurement_id == procurement.id, Membership.role == MemberRole.EVALUATOR)).scalars().all()
    db.session.add_all([ConflictDeclaration(procurement_id=procurement.id, evaluator_id=person,
                                            supplier_id=supplier.id, has_conflict=False)
                        for person in people for supplier in procurement.suppliers])
    db.session.commit()
    return procurement


def _queries_for_progress_page(client, reference: str) -> int:
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        response = client.get(f"/procurements/{reference}/panel-progress")
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
    assert response.status_code == 200
    return len(seen)


@pytest.mark.parametrize("sizes", [((2, 4, 2), (7, 12, 5))])
def test_progress_page_query_count_does_not_grow_with_size(client, sizes):
    officer = make_user("progress.officer@council.example", Role.OFFICER)
    for index, (suppliers, criteria, evaluators) in enumerate(sizes):
        _build(f"PROGRESS-{index}", suppliers=suppliers, criteria=criteria, evaluators=evaluators, officer=officer)
    sign_in(client, officer.email, PASSWORD)
    counts = []
    for index in range(len(sizes)):
        db.session.expire_all()
        counts.append(_queries_for_progress_page(client, f"PROGRESS-{index}"))
    assert counts[0] == counts[1], counts
    assert counts[0] < 25
    page = client.get("/procurements/PROGRESS-1/panel-progress").get_data(as_text=True)
    assert page.count("12 of 12") == 2 * 7 * 5      # criteria scored and submitted, per supplier and evaluator
    assert page.count("submitted 7 of 7") == 5


def test_progress_counts_without_loading_any_score(app_context):
    """Progress is counted in SQL: exact figures, and not one Score row is loaded into the session."""
    from workbench.panel.progress import Stage, panel_progress

    officer = make_user("progress.counts@council.example", Role.OFFICER)
    procurement_id = _build("PROGRESS-C", suppliers=2, criteria=4, evaluators=2, officer=officer).id
    first = db.session.execute(select(Supplier).where(Supplier.procurement_id == procurement_id)
                               .order_by(Supplier.position)).scalars().first()
    person = db.session.execute(select(User).where(User.email.like("bench1.%"))).scalar_one()
    rows = db.session.execute(select(Score).where(Score.evaluator_id == person.id, Score.supplier_id == first.id)
                              .order_by(Score.id)).scalars().all()
    # back to drafts: one with no justification, one with no value, two complete
    db.session.execute(update(Score).where(Score.id.in_([r.id for r in rows]))
                       .values(status=ScoreStatus.DRAFT, submitted_at=None))
    db.session.execute(update(Score).where(Score.id == rows[0].id).values(justification=""))
    db.session.execute(update(Score).where(Score.id == rows[1].id).values(points=None))
    db.session.commit()
    db.session.expunge_all()

    procurement = db.session.get(Procurement, procurement_id)
    loaded: list[Score] = []

    def on_load(target, context):
        loaded.append(target)

    event.listen(Score, "load", on_load)
    try:
        progress = {p.evaluator.email.split(".")[0]: [(s.stage, s.scored, s.submitted, s.total) for s in p.suppliers]
                    for p in panel_progress(procurement)}
    finally:
        event.remove(Score, "load", on_load)
    assert progress == {"bench1": [(Stage.IN_PROGRESS, 2, 0, 4), (Stage.SUBMITTED, 4, 4, 4)],
                        "bench2": [(Stage.SUBMITTED, 4, 4, 4), (Stage.SUBMITTED, 4, 4, 4)]}
    assert loaded == []
