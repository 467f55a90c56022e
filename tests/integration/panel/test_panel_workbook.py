"""The offline scoring workbook: what it holds, its validation, formula injection, and the upload round trip
through the same import path as `workbench scores import` (all or nothing, errors by row and column)."""

from __future__ import annotations

import io
import warnings

from openpyxl import load_workbook
from sqlalchemy import select

from tests.integration.panel.conftest import OFFICER, declare, score_form
from workbench.extensions import db
from workbench.models import BidResponse, Score, ScoreStatus

BASE = "/procurements/PANEL-1/scoring"
HEADER = ["evaluator", "supplier", "criterion", "score", "comment"]


def _open(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_workbook(io.BytesIO(data))


def all_text(data: bytes) -> str:
    """Every cell value of every sheet, as one string."""
    book = _open(data)
    return "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                     if c.value is not None)


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


def _upload(client, url: str, data: bytes, name: str = "scores.xlsx"):
    return client.post(url, data={"scores_file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _saved(evaluator=None):
    db.session.expire_all()
    query = select(Score)
    if evaluator is not None:
        query = query.where(Score.evaluator_id == evaluator.id)
    return {(s.evaluator.email, s.supplier.name, s.criterion.code): s for s in db.session.execute(query).scalars()}


def test_the_workbook_is_the_scores_file_with_validation_and_evidence(panel, login):
    alpha, gamma = panel["suppliers"]["Alpha"], panel["suppliers"]["Gamma"]
    criteria = panel["criteria"]
    db.session.add_all([
        BidResponse(procurement_id=panel["procurement"].id, supplier_id=alpha.id, criterion_id=criteria["Q1"].id,
                    response='=HYPERLINK("http://evil.example","click")'),
        BidResponse(procurement_id=panel["procurement"].id, supplier_id=gamma.id, criterion_id=criteria["Q1"].id,
                    response="GAMMA-HIDDEN")])
    db.session.commit()
    client = login("e1@council.example")
    declare(client, alpha)
    declare(client, panel["suppliers"]["Beta"])
    declare(client, gamma, conflict=True, details="Former employer")
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {"Q1": ("4", "-ve: one gap")}))

    response = client.get(f"{BASE}/workbook")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response.headers["Content-Disposition"]
    book = _open(response.data)
    assert book.sheetnames == ["Scores", "Evidence", "Guidance", "Scale"]
    scores = book["Scores"]
    assert [c.value for c in scores[1]] == HEADER
    rows = _rows(scores)
    # own rows only, the conflicted supplier left out, the draft filled in
    assert {(r[1], r[2]) for r in rows} == {(s, c) for s in ("Alpha Ltd", "Beta Ltd") for c in ("Q1", "Q2", "PF1")}
    assert all(r[0] == "e1@council.example" for r in rows)
    assert ["e1@council.example", "Alpha Ltd", "Q1", 4, "-ve: one gap"] in rows
    # data validation on the score column: the scale's levels, or pass/fail
    formulas = {v.formula1: str(v.sqref) for v in scores.data_validations.dataValidation}
    assert set(formulas) == {'"0,1,2,3,4,5"', '"pass,fail"'}
    pf_rows = [i for i, r in enumerate(rows, start=2) if r[2] == "PF1"]
    assert all(f"D{i}" in formulas['"pass,fail"'].split() for i in pf_rows)
    # evidence and guidance are on later sheets; the conflicted supplier's bid is not in the workbook
    text = all_text(response.data)
    assert "GUIDE-EXCELLENT shown end to end" in text and "Satisfactory" in text and "GAMMA-HIDDEN" not in text
    # formula injection: text that looks like a formula is stored as text with the quote prefix
    evidence = book["Evidence"]
    cell = next(c for row in evidence.iter_rows() for c in row if c.value and str(c.value).startswith("=HYPER"))
    assert cell.data_type == "s" and cell.quotePrefix
    assert not any(c.data_type == "f" for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    draft_comment = next(c for row in scores.iter_rows() for c in row if c.value == "-ve: one gap")
    assert draft_comment.data_type == "s" and draft_comment.quotePrefix


def test_round_trip_download_fill_in_upload(panel, login):
    alpha, beta = panel["suppliers"]["Alpha"], panel["suppliers"]["Beta"]
    client = login("e1@council.example")
    declare(client, alpha)
    declare(client, beta)
    book = _open(client.get(f"{BASE}/workbook").data)
    sheet = book["Scores"]
    filled = {("Alpha Ltd", "Q1"): (5, "=not a formula"), ("Alpha Ltd", "Q2"): (2, "Thin"),
              ("Alpha Ltd", "PF1"): ("pass", "Seen"), ("Beta Ltd", "Q1"): (3, "OK")}
    for row in sheet.iter_rows(min_row=2):
        key = (row[1].value, row[2].value)
        if key in filled:
            row[3].value = filled[key][0]
            row[4].value = filled[key][1]
            row[4].data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)

    response = _upload(client, f"{BASE}/upload", buffer.getvalue())
    assert response.status_code == 302
    saved = _saved(panel["e1"])
    assert {(k[1], k[2]): (s.value, s.justification) for k, s in saved.items()} == filled
    assert all(s.status is ScoreStatus.SUBMITTED for s in saved.values())   # imported scores count as submitted
    # the next workbook leaves out what is submitted (it can only change in moderation)
    rows = _rows(_open(client.get(f"{BASE}/workbook").data)["Scores"])
    assert {(r[1], r[2]) for r in rows} == {("Beta Ltd", "Q2"), ("Beta Ltd", "PF1")}


def _csv(*rows: str) -> bytes:
    return ("evaluator,supplier,criterion,score,comment\n" + "\n".join(rows) + "\n").encode()


def test_an_evaluator_can_upload_only_their_own_rows(panel, login):
    client = login("e1@council.example")
    for supplier in panel["procurement"].suppliers:
        declare(client, supplier)
    response = _upload(client, f"{BASE}/upload", _csv(
        "e1@council.example,Alpha Ltd,Q1,4,Mine",
        "e2@council.example,Alpha Ltd,Q2,1,Someone else's"), "scores.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "no scores were saved" in page
    assert "you can only upload your own scores, not e2@council.example" in page
    assert '<td class="govuk-table__cell app-numeric">3</td>' in page   # the row number
    assert _saved() == {}                                                  # all or nothing


def test_upload_problems_are_listed_by_row_and_column_and_nothing_is_saved(panel, login):
    client = login("e1@council.example")
    declare(client, panel["suppliers"]["Alpha"])
    declare(client, panel["suppliers"]["Beta"], conflict=True, details="Former employer")
    response = _upload(client, f"{BASE}/upload", _csv(
        "e1@council.example,Alpha Ltd,Q1,4,Fine",
        "e1@council.example,Alpha Ltd,Q2,7,Too high",
        "e1@council.example,Alpha Ltd,PF1,pass,",
        "e1@council.example,Beta Ltd,Q1,3,Conflicted",
        "e1@council.example,Gamma Ltd,Q1,3,Not declared",
        "e1@council.example,Alpha Ltd,Q9,3,No such criterion",
        "e1@council.example,Alpha Ltd,Q2,,"), "scores.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error:" in page
    for expected in ("7 is outside the scale 0 to 5", "enter a justification for the score",
                     "declared a conflict of interest with Beta Ltd",
                     "declare whether you have a conflict of interest with Gamma Ltd first",
                     "Q9 is not a criterion code"):
        assert expected in page
    assert _saved() == {}


def test_upload_refuses_other_files(panel, login):
    client = login("e1@council.example")
    response = _upload(client, f"{BASE}/upload", b"%PDF-1.4 not a table", "scores.pdf")
    assert "The file must be an .xlsx workbook or a .csv file" in response.get_data(as_text=True)
    response = _upload(client, f"{BASE}/upload", b"PK\x03\x04 broken zip", "scores.xlsx")
    assert "cannot be read as one" in response.get_data(as_text=True)
    response = _upload(client, f"{BASE}/upload", b"a,b\n1,2\n", "scores.csv")
    assert "The header row must be exactly: evaluator,supplier,criterion,score,comment" in response.get_data(
        as_text=True)
    assert _saved() == {}


def test_the_officer_workbook_covers_the_panel_or_one_evaluator(panel, login):
    alpha, beta = panel["suppliers"]["Alpha"], panel["suppliers"]["Beta"]
    client = login("e1@council.example")
    declare(client, alpha)
    declare(client, beta, conflict=True, details="Former employer")
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(panel["criteria"], {"Q1": ("4", "E1-DRAFT")}))

    client = login(OFFICER)
    everyone = client.get("/procurements/PANEL-1/panel-progress/workbook")
    assert everyone.status_code == 200
    rows = _rows(_open(everyone.data)["Scores"])
    assert {r[0] for r in rows} == {"e1@council.example", "e2@council.example"}
    assert not any(r[0] == "e1@council.example" and r[1] == "Beta Ltd" for r in rows)   # declared conflict
    assert len(rows) == 2 * 3 + 3 * 3
    assert "E1-DRAFT" not in all_text(everyone.data) and all(r[3] is None for r in rows)  # drafts stay private
    one = client.get(f"/procurements/PANEL-1/panel-progress/workbook?evaluator={panel['e2'].id}")
    assert {r[0] for r in _rows(_open(one.data)["Scores"])} == {"e2@council.example"}
    assert client.get("/procurements/PANEL-1/panel-progress/workbook?evaluator=999999").status_code == 404

    # the officer uploads scores for several evaluators (for example transcribed from paper)
    response = _upload(client, "/procurements/PANEL-1/panel-progress/upload", _csv(
        "e2@council.example,Gamma Ltd,Q1,2,Paper sheet",
        "e1@council.example,Gamma Ltd,Q1,3,Paper sheet"), "paper.csv")
    assert response.status_code == 302
    saved = _saved()
    assert saved[("e2@council.example", "Gamma Ltd", "Q1")].status is ScoreStatus.SUBMITTED
    assert saved[("e1@council.example", "Gamma Ltd", "Q1")].points == 3


def test_the_cli_contract_is_unchanged(panel, runner, tmp_path):
    """`workbench scores import` still takes rows without comments and for any panel member."""
    path = tmp_path / "scores.csv"
    path.write_bytes(_csv("e1@council.example,Alpha Ltd,Q1,4,", "e2@council.example,Alpha Ltd,Q1,2,"))
    result = runner.invoke(args=["scores", "import", "PANEL-1", str(path)])
    assert result.exit_code == 0, result.output
    assert {k[0]: s.points for k, s in _saved().items()} == {"e1@council.example": 4, "e2@council.example": 2}


def test_an_upload_cannot_change_a_submitted_score(panel, login):
    alpha = panel["suppliers"]["Alpha"]
    client = login("e1@council.example")
    declare(client, alpha)
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(panel["criteria"], {
        "Q1": ("4", "Kept"), "Q2": ("3", "Kept"), "PF1": ("pass", "Kept")}, "submit"))
    response = _upload(client, f"{BASE}/upload", _csv("e1@council.example,Alpha Ltd,Q1,0,Changed"), "scores.csv")
    assert "a submitted score can only be changed in moderation" in response.get_data(as_text=True)
    assert _saved()[("e1@council.example", "Alpha Ltd", "Q1")].justification == "Kept"
