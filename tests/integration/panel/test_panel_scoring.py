"""Conflict declarations, scoring by supplier and by criterion, drafts, submission locks, and independence."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.panel.conftest import OFFICER, declare, score_form
from workbench.extensions import db
from workbench.models import BidResponse, ConflictDeclaration, Score, ScoreStatus, Status

BASE = "/procurements/PANEL-1/scoring"


def _scores(evaluator):
    db.session.expire_all()
    return {(s.supplier.name, s.criterion.code): s for s in db.session.execute(
        select(Score).where(Score.evaluator_id == evaluator.id)).scalars()}


def _add_response(panel, supplier, code, text):
    db.session.add(BidResponse(procurement_id=panel["procurement"].id, supplier_id=supplier.id,
                               criterion_id=panel["criteria"][code].id, response=text))
    db.session.commit()


def test_an_evaluator_declares_before_seeing_a_bid(panel, login):
    alpha = panel["suppliers"]["Alpha"]
    _add_response(panel, alpha, "Q1", "ALPHA-RESPONSE we record once")
    client = login("e1@council.example")
    index = client.get(BASE).get_data(as_text=True)
    assert "Declare conflicts" in index and "ALPHA-RESPONSE" not in index
    response = client.get(f"{BASE}/suppliers/{alpha.id}")
    assert response.status_code == 302 and f"/conflicts/{alpha.id}" in response.location
    assert "ALPHA-RESPONSE" not in client.get(f"{BASE}/criteria/{panel['criteria']['Q1'].id}").get_data(as_text=True)

    assert declare(client, alpha).status_code == 302
    page = client.get(f"{BASE}/suppliers/{alpha.id}").get_data(as_text=True)
    assert "ALPHA-RESPONSE we record once" in page
    assert "GUIDE-SATISFACTORY a working example" in page          # evaluator guidance
    assert "3 – Satisfactory" in page                               # scale labels on the radios
    assert 'name="score-c' in page and 'name="justification-c' in page


def test_a_conflict_needs_details_and_hides_the_supplier(panel, login):
    beta = panel["suppliers"]["Beta"]
    _add_response(panel, beta, "Q1", "BETA-RESPONSE hidden")
    client = login("e1@council.example")
    response = declare(client, beta, conflict=True, details="")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "govuk-error-summary" in page and "Describe the conflict of interest" in page
    assert db.session.execute(select(ConflictDeclaration)).first() is None

    assert declare(client, beta, conflict=True, details="My sister works for Beta").status_code == 302
    assert client.get(f"{BASE}/suppliers/{beta.id}").status_code == 404
    assert "BETA-RESPONSE" not in client.get(f"{BASE}/criteria/{panel['criteria']['Q1'].id}").get_data(as_text=True)
    assert "Conflict declared" in client.get(BASE).get_data(as_text=True)
    # a declaration is final: a second one is refused
    assert declare(client, beta).status_code == 302
    assert db.session.execute(select(ConflictDeclaration.has_conflict)).scalar_one() is True

    from workbench.panel.services import ScoringError, save_score

    with pytest.raises(ScoringError, match="conflict"):
        save_score(panel["procurement"], panel["e1"], beta, panel["criteria"]["Q1"], value=3, justification="x")

    officer = login(OFFICER).get("/procurements/PANEL-1/panel-progress").get_data(as_text=True)
    assert "My sister works for Beta" in officer and "Evaluator One" in officer


def test_drafts_save_then_submission_locks(panel, login):
    alpha, criteria = panel["suppliers"]["Alpha"], panel["criteria"]
    client = login("e1@council.example")
    declare(client, alpha)
    url = f"{BASE}/suppliers/{alpha.id}"

    response = client.post(url, data=score_form(criteria, {"Q1": ("4", "Clear demo"), "Q2": ("2", "")}))
    assert response.status_code == 302
    saved = _scores(panel["e1"])
    assert saved[("Alpha Ltd", "Q1")].points == 4 and saved[("Alpha Ltd", "Q1")].status is ScoreStatus.DRAFT
    assert saved[("Alpha Ltd", "Q2")].points == 2 and saved[("Alpha Ltd", "Q2")].justification == ""

    # submitting without every justification: errors link to the fields; the draft is kept; nothing submitted
    response = client.post(url, data=score_form(criteria, {"Q1": ("4", "Clear demo"), "Q2": ("3", ""),
                                                           "PF1": ("pass", "Certificate seen")}, "submit"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert f'href="#justification-c{criteria["Q2"].id}"' in page and "<title>Error:" in page
    saved = _scores(panel["e1"])
    assert saved[("Alpha Ltd", "Q2")].points == 3
    assert all(s.status is ScoreStatus.DRAFT for s in saved.values())

    response = client.post(url, data=score_form(criteria, {"Q1": ("4", "Clear demo"), "Q2": ("3", "Adequate"),
                                                           "PF1": ("pass", "Certificate seen")}, "submit"))
    assert response.status_code == 302
    saved = _scores(panel["e1"])
    assert {k[1]: (s.value, s.status) for k, s in saved.items()} == {
        "Q1": (4, ScoreStatus.SUBMITTED), "Q2": (3, ScoreStatus.SUBMITTED), "PF1": ("pass", ScoreStatus.SUBMITTED)}

    # the evaluator cannot change a submitted score: not through the page, nor the service, nor an upload
    client.post(url, data=score_form(criteria, {"Q1": ("0", "Changed my mind"), "Q2": ("0", "x"),
                                                "PF1": ("fail", "x")}, "submit"))
    client.post(f"{BASE}/criteria/{criteria['Q1'].id}",
                data={"save": "save", f"score-s{alpha.id}": "1", f"justification-s{alpha.id}": "Changed"})
    saved = _scores(panel["e1"])
    assert saved[("Alpha Ltd", "Q1")].points == 4 and saved[("Alpha Ltd", "Q1")].justification == "Clear demo"
    from workbench.panel.services import ScoringError, save_score

    with pytest.raises(ScoringError, match="locked"):
        save_score(panel["procurement"], panel["e1"], alpha, criteria["Q1"], value=0, justification="x")
    page = client.get(url).get_data(as_text=True)
    assert "Submitted" in page and 'name="score-c' not in page


def test_a_score_outside_the_scale_is_refused(panel, login):
    alpha, criteria = panel["suppliers"]["Alpha"], panel["criteria"]
    client = login("e1@council.example")
    declare(client, alpha)
    response = client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {"Q1": ("9", "x")}))
    assert response.status_code == 200 and "Choose a score for Q1 from the list" in response.get_data(as_text=True)
    assert _scores(panel["e1"]) == {}


def test_scoring_criterion_by_criterion(panel, login):
    alpha, beta, gamma = (panel["suppliers"][n] for n in ("Alpha", "Beta", "Gamma"))
    q2 = panel["criteria"]["Q2"]
    client = login("e1@council.example")
    declare(client, alpha)
    declare(client, beta)
    declare(client, gamma, conflict=True, details="Former employer")
    page = client.get(f"{BASE}/criteria/{q2.id}").get_data(as_text=True)
    assert f'id="supplier-{alpha.id}"' in page and f'id="supplier-{beta.id}"' in page
    assert f'id="supplier-{gamma.id}"' not in page and f"score-s{gamma.id}" not in page
    response = client.post(f"{BASE}/criteria/{q2.id}", data={
        "save": "save", f"score-s{alpha.id}": "5", f"justification-s{alpha.id}": "Best reports",
        f"score-s{beta.id}": "1", f"justification-s{beta.id}": "Few reports",
        f"score-s{gamma.id}": "5", f"justification-s{gamma.id}": "Not allowed"})
    assert response.status_code == 302
    saved = _scores(panel["e1"])
    assert {k: s.points for k, s in saved.items()} == {("Alpha Ltd", "Q2"): 5, ("Beta Ltd", "Q2"): 1}
    assert all(s.status is ScoreStatus.DRAFT for s in saved.values())


def test_scores_only_change_while_scoring_is_open(panel, login):
    alpha, criteria = panel["suppliers"]["Alpha"], panel["criteria"]
    client = login("e1@council.example")
    declare(client, alpha)
    panel["procurement"].status = Status.MODERATION
    db.session.commit()
    response = client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {"Q1": ("4", "x")}))
    assert response.status_code == 302
    assert _scores(panel["e1"]) == {}


def test_progress_for_the_evaluator_and_the_officer(panel, login):
    alpha, beta, gamma = (panel["suppliers"][n] for n in ("Alpha", "Beta", "Gamma"))
    criteria = panel["criteria"]
    client = login("e1@council.example")
    declare(client, alpha)
    declare(client, beta)
    declare(client, gamma, conflict=True, details="Former employer")
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {
        "Q1": ("4", "JUSTIFY-ONE"), "Q2": ("3", "b"), "PF1": ("pass", "c")}, "submit"))
    client.post(f"{BASE}/suppliers/{beta.id}", data=score_form(criteria, {"Q1": ("2", "a")}))

    from workbench.panel.progress import Stage, evaluator_progress, panel_progress

    mine = {p.supplier.name: (p.stage, p.scored, p.submitted) for p in
            evaluator_progress(panel["procurement"], panel["e1"]).suppliers}
    assert mine == {"Alpha Ltd": (Stage.SUBMITTED, 3, 3), "Beta Ltd": (Stage.IN_PROGRESS, 1, 0),
                    "Gamma Ltd": (Stage.CONFLICT, 0, 0)}
    page = client.get(BASE).get_data(as_text=True)
    assert "You have submitted scores for 1 of the 2 supplier(s)" in page and "1 of 3" in page

    everyone = {p.evaluator.email: [s.stage for s in p.suppliers] for p in panel_progress(panel["procurement"])}
    assert everyone["e2@council.example"] == [Stage.UNDECLARED] * 3
    officer = login(OFFICER).get("/procurements/PANEL-1/panel-progress").get_data(as_text=True)
    assert "Evaluator One" in officer and "Evaluator Two" in officer and "Declare conflicts first" in officer
    assert "3 of 3" in officer
    assert "Former employer" in officer
    # the officer sees progress, never the evaluators' scores or justifications
    assert "JUSTIFY-ONE" not in officer
    assert login("e2@council.example").get("/procurements/PANEL-1/panel-progress").status_code == 403


def test_evaluator_b_never_sees_evaluator_a_scores(panel, login):
    alpha, criteria = panel["suppliers"]["Alpha"], panel["criteria"]
    secret_submitted, secret_draft = "A-SUBMITTED-SECRET-7731", "A-DRAFT-SECRET-4410"
    client = login("e1@council.example")
    declare(client, alpha)
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {
        "Q1": ("5", secret_submitted), "Q2": ("5", secret_submitted), "PF1": ("fail", secret_submitted)}, "submit"))
    beta = panel["suppliers"]["Beta"]
    declare(client, beta)
    client.post(f"{BASE}/suppliers/{beta.id}", data=score_form(criteria, {"Q1": ("0", secret_draft)}))
    assert len(_scores(panel["e1"])) == 4

    client = login("e2@council.example")
    for supplier in panel["procurement"].suppliers:
        declare(client, supplier)
    urls = [BASE, f"{BASE}/upload", "/procurements/PANEL-1"]
    urls += [f"{BASE}/suppliers/{s.id}" for s in panel["procurement"].suppliers]
    urls += [f"{BASE}/criteria/{c.id}" for c in panel["procurement"].criteria]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert secret_submitted not in page and secret_draft not in page, url
    workbook = client.get(f"{BASE}/workbook")
    assert workbook.status_code == 200
    from tests.integration.panel.test_panel_workbook import all_text

    text = all_text(workbook.data)
    assert secret_submitted not in text and secret_draft not in text and "e1@council.example" not in text


def test_the_overview_links_to_the_panel_pages_by_right(panel, login):
    evaluator = login("e1@council.example").get("/procurements/PANEL-1").get_data(as_text=True)
    assert 'href="/procurements/PANEL-1/scoring"' in evaluator and "panel-progress" not in evaluator
    officer = login(OFFICER).get("/procurements/PANEL-1").get_data(as_text=True)
    assert 'href="/procurements/PANEL-1/panel-progress"' in officer and 'href="/procurements/PANEL-1/scoring"' \
        not in officer


def test_every_scoring_action_is_in_the_audit_trail(panel, login):
    from workbench.models import AuditEvent

    alpha, criteria = panel["suppliers"]["Alpha"], panel["criteria"]
    client = login("e1@council.example")
    declare(client, alpha)
    client.post(f"{BASE}/suppliers/{alpha.id}", data=score_form(criteria, {
        "Q1": ("4", "a"), "Q2": ("3", "b"), "PF1": ("pass", "c")}, "submit"))
    actions = db.session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    assert actions[-5:] == ["conflict.declared", "score.saved", "score.saved", "score.saved", "scores.submitted"]


def test_a_typed_answer_shows_as_paragraphs_on_the_scoring_pages(panel, login):
    alpha = panel["suppliers"]["Alpha"]
    # a browser sends a textarea's line breaks as CRLF, and the answer is stored as sent
    _add_response(panel, alpha, "Q1", "First paragraph <b>here</b>.\r\n\r\nSecond paragraph,\r\nsecond line.")
    client = login("e1@council.example")
    declare(client, alpha)
    expected = ('<div class="app-evidence"><p class="govuk-body">First paragraph &lt;b&gt;here&lt;/b&gt;.</p>'
                '<p class="govuk-body">Second paragraph,<br>second line.</p></div>')
    assert expected in client.get(f"{BASE}/suppliers/{alpha.id}").get_data(as_text=True)
    assert expected in client.get(f"{BASE}/criteria/{panel['criteria']['Q1'].id}").get_data(as_text=True)


def test_a_declaration_is_final_in_the_service_too(panel):
    from workbench.panel.services import ScoringError, declaration_of, declare_conflict

    alpha, e1 = panel["suppliers"]["Alpha"], panel["e1"]
    assert declaration_of(e1, alpha) is None
    declare_conflict(panel["procurement"], e1, alpha, has_conflict=False, details="")
    with pytest.raises(ScoringError, match=r"^You have already made a declaration for Alpha Ltd$"):
        declare_conflict(panel["procurement"], e1, alpha, has_conflict=True, details="Changed my mind")
    assert declaration_of(e1, alpha).has_conflict is False
