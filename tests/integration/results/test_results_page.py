"""The results page: weighted matrix, ranks, exclusions, completeness, computed on read, constant query count."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, event, select

from bench.build import build_evaluation
from tests.helpers import PASSWORD, make_user, sign_in
from workbench.extensions import db
from workbench.models import Consensus, Criterion, MemberRole, Membership, Role, Score, Supplier
from workbench.results.inputs import load_procurement, results_for


def _page(client, reference: str) -> str:
    response = client.get(f"/procurements/{reference}/results")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _row(html: str, table_id: str, name: str) -> str:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return next(row for row in table.split("<tr") if name in row)


def test_officer_sees_ranks_totals_exclusions_and_completeness(sign_in_as, demo):
    client = sign_in_as("officer")
    html = _page(client, demo["reference"])
    result = results_for(demo["procurement"])
    for supplier in result.suppliers:
        row = _row(html, "ranking", supplier.name)
        if supplier.excluded:
            assert "Excluded" in row and supplier.total is None
            for reason in supplier.exclusion_reasons:
                assert reason.split(":")[0] in html.split('id="exclusions"', 1)[1]
        else:
            assert f"{supplier.total:,.2f}" in row and f"{supplier.quality:,.2f}" in row
            assert re.search(rf">{supplier.rank}=?</td>", row)
    assert ("Complete." in html) == result.complete
    assert 'id="matrix"' in html and "Quality (0–100)" in html
    assert 'id="sensitivity-table"' in html or "nothing to test" in html


def test_results_are_listed_on_the_overview(sign_in_as, demo):
    html = sign_in_as("auditor").get(f"/procurements/{demo['reference']}").get_data(as_text=True)
    assert f"/procurements/{demo['reference']}/results" in html


def test_page_follows_new_consensus_and_missing_scores(sign_in_as, demo):
    client = sign_in_as("officer")
    procurement = demo["procurement"]
    before = results_for(procurement)
    leader = before.ranked()[0]
    criterion = db.session.execute(select(Criterion).where(
        Criterion.procurement_id == procurement.id, Criterion.kind == "scored")).scalars().first()
    supplier = db.session.execute(select(Supplier).where(Supplier.procurement_id == procurement.id,
                                                         Supplier.name == leader.name)).scalar_one()
    db.session.execute(delete(Consensus).where(Consensus.supplier_id == supplier.id,
                                               Consensus.criterion_id == criterion.id))
    db.session.add(Consensus(procurement_id=procurement.id, supplier_id=supplier.id, criterion_id=criterion.id,
                             points=procurement.scale_min, rationale="Test: lowest level"))
    db.session.commit()
    after = results_for(load_procurement(demo["reference"]))
    assert after.supplier(leader.name).quality < leader.quality
    html = _page(client, demo["reference"])
    assert f"{after.supplier(leader.name).quality:,.2f}" in _row(html, "ranking", leader.name)

    db.session.execute(delete(Score).where(Score.supplier_id == supplier.id, Score.criterion_id != criterion.id))
    db.session.commit()
    html = _page(client, demo["reference"])
    assert "Incomplete." in html
    assert f"{leader.name}: no professional score yet for" in html


def _queries_for_results_page(client, app, reference: str) -> int:
    from workbench.extensions import db as database

    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", before)
    try:
        response = client.get(f"/procurements/{reference}/results")
    finally:
        event.remove(database.engine, "before_cursor_execute", before)
    assert response.status_code == 200
    return len(seen)


@pytest.mark.parametrize("sizes", [((2, 6, 2, 2, 2), (6, 24, 4, 5, 7))])
def test_query_count_does_not_grow_with_size(client, app, sizes):
    officer = make_user("counting.officer@council.example", Role.OFFICER)
    counts = []
    for index, (suppliers, criteria, sections, evaluators, young) in enumerate(sizes):
        procurement = build_evaluation(f"COUNT-{index}", suppliers=suppliers, criteria=criteria, sections=sections,
                                       evaluators=evaluators, young_people=young, questions=3)
        db.session.add(Membership(procurement_id=procurement.id, user_id=officer.id, role=MemberRole.OFFICER))
        db.session.commit()
    sign_in(client, officer.email, PASSWORD)
    for index in range(len(sizes)):
        db.session.expire_all()
        counts.append(_queries_for_results_page(client, app, f"COUNT-{index}"))
    assert counts[0] == counts[1], counts
    assert counts[0] < 30


def test_chart_images_are_png(sign_in_as, demo):
    client = sign_in_as("officer")
    for name in ("sections", "spread", "youth"):
        response = client.get(f"/procurements/{demo['reference']}/results/charts/{name}.png")
        assert response.status_code == 200 and response.data.startswith(b"\x89PNG")
    assert client.get(f"/procurements/{demo['reference']}/results/charts/other.png").status_code == 404


def test_youth_chart_figures_match_the_engine(demo):
    from workbench.exports.charts import chart_table
    from workbench.results.report import build_report

    report = build_report(load_procurement(demo["reference"]))
    table = dict(chart_table(report, "youth").rows)
    ranking = report.youth_ranking
    assert any(r.score is not None for r in ranking)
    for rank in ranking:
        if rank.score is None:
            assert table[rank.supplier] == [None]
        else:
            assert table[rank.supplier][0] == pytest.approx(rank.score, abs=1e-9)
