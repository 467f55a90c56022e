"""The results page: weighted matrix, ranks, exclusions, completeness, computed on read, constant query count."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markupsafe import escape
from sqlalchemy import delete, event, select

from bench.build import build_evaluation
from tests.helpers import PASSWORD, make_user, sign_in
from workbench import scoring
from workbench.extensions import db
from workbench.models import (
    ConflictDeclaration,
    Consensus,
    Criterion,
    MemberRole,
    Membership,
    Role,
    Score,
    ScoreStatus,
    Supplier,
    YouthAnswer,
)
from workbench.results.inputs import evaluation_for, load_procurement, results_for


def _page(client, reference: str, query: str = "") -> str:
    response = client.get(f"/procurements/{reference}/results{query}")
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


def _single_scores_evaluation(procurement) -> scoring.Evaluation:
    """The engine's input built the slow way: every submitted score and answer one by one, with the conflicts
    for the engine to apply (what the database's sums must reproduce exactly)."""
    tallied = evaluation_for(procurement)
    scores = db.session.execute(select(Score).where(Score.procurement_id == procurement.id,
                                                    Score.status == ScoreStatus.SUBMITTED)).scalars()
    conflicts = db.session.execute(select(ConflictDeclaration).where(
        ConflictDeclaration.procurement_id == procurement.id, ConflictDeclaration.has_conflict)).scalars()
    answers = db.session.execute(select(YouthAnswer).where(YouthAnswer.procurement_id == procurement.id)).scalars()
    return replace(
        tallied, score_tallies=(), youth_tallies=(),
        scores=tuple(scoring.Score(s.evaluator.email, s.supplier.name, s.criterion.code,
                                   s.points if s.passed is None else ("pass" if s.passed else "fail"))
                     for s in scores),
        conflicts=tuple(scoring.Conflict(c.evaluator.email, c.supplier.name) for c in conflicts),
        youth_answers=tuple(scoring.YouthAnswer(str(a.respondent_id), a.supplier.name, a.question.code, a.answer)
                            for a in answers))


def test_sums_read_from_the_database_give_the_figures_of_the_single_scores(demo):
    procurement = demo["procurement"]
    supplier = procurement.suppliers[0]
    score = db.session.execute(select(Score).where(Score.supplier_id == supplier.id,
                                                   Score.status == ScoreStatus.SUBMITTED)).scalars().first()
    conflicted = [s for s in db.session.execute(select(Score).where(Score.evaluator_id == score.evaluator_id,
                                                                    Score.supplier_id == supplier.id)).scalars()]
    db.session.execute(delete(ConflictDeclaration).where(ConflictDeclaration.evaluator_id == score.evaluator_id,
                                                         ConflictDeclaration.supplier_id == supplier.id))
    db.session.add(ConflictDeclaration(procurement_id=procurement.id, evaluator_id=score.evaluator_id,
                                       supplier_id=supplier.id, has_conflict=True, details="Test: former employer"))
    draft = db.session.execute(select(Score).where(Score.supplier_id == procurement.suppliers[1].id,
                                                   Score.points.is_not(None))).scalars().first()
    draft.status, draft.points = ScoreStatus.DRAFT, procurement.scale_min
    db.session.commit()
    procurement = load_procurement(demo["reference"])
    tallied = scoring.evaluate(evaluation_for(procurement))
    single = _single_scores_evaluation(procurement)
    assert tallied == scoring.evaluate(single)
    ignoring_conflict = scoring.evaluate(replace(single, conflicts=())).supplier(supplier.name)
    for code, criterion in tallied.supplier(supplier.name).criteria.items():
        left_out = sum(1 for s in conflicted if s.criterion.code == code and s.status == ScoreStatus.SUBMITTED)
        assert criterion.score_count == ignoring_conflict.criteria[code].score_count - left_out
    assert any(s.status == ScoreStatus.SUBMITTED for s in conflicted)


def test_matrix_shows_every_section_and_the_criteria_of_one_section_at_a_time(sign_in_as, demo):
    client = sign_in_as("officer")
    procurement = load_procurement(demo["reference"])
    result = results_for(procurement)
    weighted = [s for s in procurement.sections if any(not c.is_pass_fail for c in s.criteria)]
    assert len(weighted) > 1
    html = _page(client, demo["reference"])
    for section in weighted:  # every section's points for every supplier in the summary
        row = _row(html, "matrix", f">{escape(section.name)}</a>")
        for supplier in result.suppliers:
            assert f"{supplier.section_scores[section.name]:,.2f}" in row
    for number, section in enumerate(weighted, start=1):
        html = _page(client, demo["reference"], f"?section={number}")
        assert f'aria-current="true">{escape(section.name)} (shown)' in html
        shown = [c for c in section.criteria if not c.is_pass_fail]
        for criterion in shown:
            row = _row(html, "criteria-matrix", f"{criterion.code} {escape(criterion.title)}")
            for supplier in result.suppliers:
                figure = supplier.criteria[criterion.code].weighted
                assert figure is None or f"+{figure:,.2f}" in row
        table = html.split('id="criteria-matrix"', 1)[1].split("</table>", 1)[0]
        others = [c for s in weighted if s is not section for c in s.criteria]
        assert not any(f"{c.code} {escape(c.title)}</th>" in table for c in others)
    for bad in ("0", str(len(weighted) + 1), "two", "-1"):
        assert client.get(f"/procurements/{demo['reference']}/results?section={bad}").status_code == 404
