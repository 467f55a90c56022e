"""Exports: the live workbook (checked in LibreOffice), CSV tables, the results JSON, downloads and the CLI."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import require_service
from tests.integration.exports.recalc import recalculate, soffice
from workbench import scoring
from workbench.extensions import db
from workbench.models import Score, ScoreStatus, Supplier
from workbench.results.inputs import evaluation_for, load_procurement, results_for

SHEETS = {"Summary", "Matrix", "Scores", "Moderation", "Young people", "Method", "Audit", "Sensitivity"}


def _export(runner, reference: str, fmt: str, path: Path, *extra: str) -> Path:
    result = runner.invoke(args=["export", reference, "--format", fmt, "-o", str(path), *extra])
    assert result.exit_code == 0, result.output
    return path


def _summary(ws) -> dict[str, dict[str, object]]:
    header = [c.value for c in ws[1]]
    rows = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0]:
            rows[row[0]] = dict(zip(header, row, strict=False))
    return rows


def _submitted_scores(procurement) -> int:
    return db.session.scalar(select(func.count()).select_from(Score).where(
        Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED))


def test_workbook_has_sheets_live_formulas_and_blank_excluded(runner, demo, tmp_path):
    path = _export(runner, demo["reference"], "xlsx", tmp_path / "results.xlsx")
    workbook = load_workbook(path)
    assert set(workbook.sheetnames) >= SHEETS
    summary = workbook["Summary"]
    header = [c.value for c in summary[1]]
    assert {"Supplier", "Quality", "Price", "Total", "Rank"} <= set(header)
    assert summary.freeze_panes and summary.print_title_rows and summary._charts
    result = results_for(demo["procurement"])
    rows = _summary(summary)
    for supplier in result.suppliers:
        row = rows[supplier.name]
        assert str(row["Quality"]).startswith("=Matrix!")
        if supplier.excluded:
            assert row["Total"] is None and row["Rank"] is None
        else:
            assert str(row["Total"]).startswith("=") and "_xlfn.RANK.EQ" in str(row["Rank"])
    matrix_formulas = [c.value for r in workbook["Matrix"].iter_rows() for c in r if isinstance(c.value, str)]
    assert any(v.startswith("=IF(COUNT(") and "SUMPRODUCT" in v for v in matrix_formulas)
    scores = workbook["Scores"]
    assert scores.max_row - 1 == _submitted_scores(demo["procurement"])


def test_user_text_never_becomes_a_formula(runner, demo, tmp_path):
    supplier = db.session.execute(select(Supplier).where(
        Supplier.procurement_id == demo["procurement"].id)).scalars().first()
    supplier.name = '=HYPERLINK("http://evil.example","x")'
    db.session.commit()
    workbook = load_workbook(_export(runner, demo["reference"], "xlsx", tmp_path / "r.xlsx"))
    for sheet in ("Summary", "Matrix", "Scores"):
        cells = [c for row in workbook[sheet].iter_rows() for c in row if c.value == supplier.name]
        assert cells, sheet
        assert all(c.data_type == "s" for c in cells)
    text = _export(runner, demo["reference"], "csv", tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert '\n=HYPERLINK' not in text and ',=HYPERLINK' not in text


def test_csv_and_json_carry_the_engine_figures(runner, demo, tmp_path):
    reference = demo["reference"]
    expected = scoring.to_json_dict(results_for(demo["procurement"]), reference)
    document = json.loads(_export(runner, reference, "json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {k: document[k] for k in expected} == expected
    assert document["plan"]["quality_weight"] + document["plan"]["price_weight"] == 100
    rows = list(csv.DictReader(io.StringIO(
        _export(runner, reference, "csv", tmp_path / "r.csv").read_text(encoding="utf-8"))))
    by_name = {s["name"]: s for s in expected["suppliers"]}
    assert {r["supplier"] for r in rows} == set(by_name)
    for row in rows:
        total = by_name[row["supplier"]]["total"]
        assert (row["total"] == "") if total is None else float(row["total"]) == total
    scores = list(csv.DictReader(io.StringIO(_export(
        runner, reference, "csv", tmp_path / "s.csv", "--table", "scores").read_text(encoding="utf-8"))))
    assert len(scores) == _submitted_scores(demo["procurement"])
    assert {"evaluator", "supplier", "criterion", "score", "justification", "submitted_at"} <= set(scores[0])
    procurement = load_procurement(reference)
    supplier_order = {s.name: i for i, s in enumerate(procurement.suppliers)}
    plan_order = {c.code: i for i, c in enumerate(procurement.criteria)}
    keys = [(supplier_order[r["supplier"]], plan_order[r["criterion"]], r["evaluator"]) for r in scores]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)  # by supplier, plan order, evaluator email
    audit = list(csv.DictReader(io.StringIO(_export(
        runner, reference, "csv", tmp_path / "a.csv", "--table", "audit").read_text(encoding="utf-8"))))
    assert audit and [int(r["sequence"]) for r in audit] == sorted(int(r["sequence"]) for r in audit)


def test_unknown_reference_fails(runner, demo, tmp_path):
    result = runner.invoke(args=["export", "NOPE", "--format", "json", "-o", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and "NOPE" in result.output


@pytest.mark.parametrize(("path", "kind"), [("workbook.xlsx", "spreadsheetml"), ("results.csv", "text/csv"),
                                            ("scores.csv", "text/csv"), ("audit.csv", "text/csv"),
                                            ("results.json", "application/json")])
def test_downloads(sign_in_as, demo, path, kind):
    response = sign_in_as("officer").get(f"/procurements/{demo['reference']}/results/{path}")
    assert response.status_code == 200
    assert kind in response.content_type
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert len(response.data) > 100


@pytest.mark.libreoffice
def test_libreoffice_recalculates_to_the_engine_and_follows_a_weight_change(runner, demo, tmp_path):
    require_service(soffice() is not None, "LibreOffice (soffice) is not installed")
    reference = demo["reference"]
    (tmp_path / "in").mkdir()
    source = _export(runner, reference, "xlsx", tmp_path / "in" / "results.xlsx")
    evaluation = evaluation_for(load_procurement(reference))
    result = scoring.evaluate(evaluation)
    recalculated = load_workbook(recalculate(source, tmp_path / "out"), data_only=True)
    _assert_matches(_summary(recalculated["Summary"]), result)

    # Move weight from the first weighted section to the second, in Matrix, and recalculate again.
    workbook = load_workbook(source)
    matrix = workbook["Matrix"]
    weight_cells = _section_weight_cells(matrix)
    (first_name, first_cell), (second_name, second_cell) = weight_cells[0], weight_cells[1]
    matrix[first_cell].value = matrix[first_cell].value - 10
    matrix[second_cell].value = matrix[second_cell].value + 10
    edited = tmp_path / "edited" / "results.xlsx"
    edited.parent.mkdir()
    workbook.save(edited)
    changed = replace(evaluation, sections=tuple(
        replace(s, weight=scoring.as_fraction(s.weight) + (-10 if s.name == first_name else
                                                              10 if s.name == second_name else 0))
        for s in evaluation.sections))
    changed_result = scoring.evaluate(changed)
    assert changed_result.suppliers != result.suppliers
    after = _summary(load_workbook(recalculate(edited, tmp_path / "out2"), data_only=True)["Summary"])
    _assert_matches(after, changed_result)


def _section_weight_cells(matrix) -> list[tuple[str, str]]:
    start = next(r for r in range(1, matrix.max_row + 1) if matrix.cell(r, 1).value == "Section weights")
    cells = []
    for r in range(start + 1, matrix.max_row + 1):
        if isinstance(matrix.cell(r, 4).value, (int, float)) and matrix.cell(r, 1).value:
            if str(matrix.cell(r, 1).value).startswith("Section weights total"):
                break
            cells.append((matrix.cell(r, 1).value, f"D{r}"))
    return cells


def _assert_matches(rows: dict[str, dict[str, object]], result: scoring.EvaluationResult) -> None:
    for supplier in result.suppliers:
        row = rows[supplier.name]
        assert row["Quality"] == pytest.approx(supplier.quality, abs=1e-9)
        if supplier.total is None:
            assert row["Total"] in (None, "") and row["Rank"] in (None, "")
        else:
            assert row["Total"] == pytest.approx(supplier.total, abs=1e-9)
            assert row["Rank"] == supplier.rank


def test_control_characters_in_user_text_do_not_break_the_workbooks(runner, sign_in_as, demo, tmp_path):
    """A vertical tab (Word's manual line break, pasted) in a supplier name and an answer: both workbooks still
    open, with the character left out."""
    from workbench.models import BidResponse

    procurement = demo["procurement"]
    supplier = db.session.execute(select(Supplier).where(Supplier.procurement_id == procurement.id)).scalars().first()
    supplier.name = "Ashdown\x0bCase Systems"
    answer = db.session.execute(select(BidResponse).where(BidResponse.supplier_id == supplier.id)).scalars().first()
    answer.response = "First line\x0bsecond line"
    db.session.commit()
    results = load_workbook(_export(runner, demo["reference"], "xlsx", tmp_path / "r.xlsx"))
    assert "AshdownCase Systems" in {row[0] for row in results["Summary"].iter_rows(min_row=2, values_only=True)}
    response = sign_in_as("officer").get(f"/procurements/{demo['reference']}/panel-progress/workbook")
    assert response.status_code == 200
    load_workbook(io.BytesIO(response.data))
