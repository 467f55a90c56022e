"""Sessions, access codes and the young person's journey through the Flask test client, on the real database."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from tests.helpers import make_user, sign_in
from tests.integration.youth.test_youth_import import ANSWERS, PLAN, SCORES

CODE_RE = re.compile(r'app-code-card__code">([0-9A-Z]{5}-[0-9A-Z]{5})<')


@pytest.fixture(autouse=True)
def _fresh_limits(app):
    from workbench.extensions import limiter

    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def worked(runner, tmp_path, app_context):
    from workbench.models import Role

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    officer = make_user("officer@council.example", Role.OFFICER, "Olu Officer")
    assert runner.invoke(args=["plan", "import", str(plan), "--officer", officer.email]).exit_code == 0
    scores = tmp_path / "scores.csv"
    scores.write_text(SCORES)
    assert runner.invoke(args=["scores", "import", "WORKED-YOUTH", str(scores)]).exit_code == 0
    return officer


def _create_session(client, codes: int = 3) -> list[str]:
    from workbench.models.base import utcnow
    from workbench.templating import LONDON

    tomorrow = (utcnow() + timedelta(days=1)).astimezone(LONDON)
    response = client.post("/procurements/WORKED-YOUTH/young-people/sessions/new", data={
        "title": "Youth council", "closes_on": [tomorrow.day, tomorrow.month, tomorrow.year], "closes_at": "17:00",
        "codes": codes})
    assert response.status_code == 200, response.text
    found = CODE_RE.findall(response.text)
    assert len(found) == codes and len(set(found)) == codes
    return found


def _answer_all(client, answers: dict[tuple[str, str], tuple[str, str]]) -> None:
    """answers: (supplier, question) → (answer value or "not-sure", comment); walks every screen in order."""
    number = 1
    while True:
        page = client.get(f"/young-people/question/{number}")
        if page.status_code == 404:
            break
        assert page.status_code == 200
        supplier = "Alpha" if "Alpha" in page.text.split("<h1", 1)[1][:400] else "Beta"
        question = re.search(r"(Could you see|Would your information|Was it easy)", page.text).group(1)
        code = {"Could you see": "YP1", "Would your information": "YP2", "Was it easy": "YP3"}[question]
        value, comment = answers[(supplier, code)]
        response = client.post(f"/young-people/question/{number}", data={"answer": value, "comment": comment})
        assert response.status_code == 302
        number += 1


def _online_answers() -> dict[tuple[str, str], tuple[str, str]]:
    """The P01 and P02 answers of the paper worked example, as two online respondents."""
    by_label: dict[str, dict[tuple[str, str], tuple[str, str]]] = {"P01": {}, "P02": {}}
    for line in ANSWERS.strip().splitlines()[1:]:
        label, supplier, question, answer, comment = line.split(",", 4)
        value = "not-sure" if answer.lower() in ("", "not sure") else answer
        by_label[label][(supplier, question)] = (value, comment)
    by_label["P02"][("Beta", "YP3")] = ("not-sure", "")  # P02 left Beta YP3 off the paper sheet: not an answer
    return by_label


def test_online_answers_count_exactly_like_paper_answers(client, runner, worked, tmp_path):
    sign_in(client, worked.email)
    codes = _create_session(client, codes=2)
    client.post("/sign-out")
    for code, answers in zip(codes, _online_answers().values(), strict=True):
        assert client.post("/young-people", data={"code": code.lower().replace("-", " ")}).status_code == 302
        assert "What you will do" in client.get("/young-people/start").text
        asked = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"',
                               client.get("/young-people/question/1").text))
        assert asked - {"csrf_token"} == {"answer", "comment"}  # no name, email, age, school or contact field
        _answer_all(client, answers)
        check = client.get("/young-people/check")
        assert "Send my answers" in check.text
        assert client.post("/young-people/submit").headers["Location"].endswith("/young-people/thank-you")
        assert "What happens next" in client.get("/young-people/thank-you").text
        assert client.get("/young-people/check").status_code == 302  # the code is spent
    online = json.loads(runner.invoke(args=["results", "WORKED-YOUTH", "--json"]).output)
    # same figures as the paper worked example (test_youth_import)
    alpha = next(s for s in online["suppliers"] if s["name"] == "Alpha")
    beta = next(s for s in online["suppliers"] if s["name"] == "Beta")
    assert alpha["criteria"]["C1"]["normalised"] == pytest.approx(0.625, abs=1e-9)
    assert alpha["criteria"]["C3"]["youth"] is None
    assert alpha["quality"] == pytest.approx(73.75, abs=1e-9)
    assert beta["criteria"]["C2"]["youth"] == pytest.approx(2.5, abs=1e-9)
    assert beta["quality"] == pytest.approx(68.125, abs=1e-9)


def test_a_spent_revoked_or_unknown_code_is_refused(client, worked):
    from workbench.extensions import db
    from workbench.models import Respondent, RespondentStatus, YouthAnswer

    sign_in(client, worked.email)
    codes = _create_session(client, codes=2)
    client.post("/sign-out")
    assert client.post("/young-people", data={"code": codes[0]}).status_code == 302
    client.post("/young-people/question/1", data={"answer": "4", "comment": ""})
    assert db.session.query(YouthAnswer).count() == 1
    sign_in(client, worked.email)
    respondent = db.session.query(Respondent).filter_by(label="Code 1").one()
    session_page = client.get(f"/procurements/WORKED-YOUTH/young-people/sessions/{respondent.session_id}")
    assert "In use" in session_page.text and "4" not in session_page.text.split("<table", 1)[1].split("Code 1")[0]
    response = client.post(f"/procurements/WORKED-YOUTH/young-people/sessions/{respondent.session_id}/codes/"
                           f"{respondent.id}/revoke")
    assert response.status_code == 302
    db.session.expire_all()
    assert respondent.status is RespondentStatus.REVOKED
    assert db.session.query(YouthAnswer).count() == 0  # a revoked code's answers no longer count
    client.post("/sign-out")
    refused = client.post("/young-people", data={"code": codes[0]})
    assert refused.status_code == 200 and "has been stopped" in refused.text
    unknown = client.post("/young-people", data={"code": "AAAAA-AAAAA"})
    assert "could not find that code" in unknown.text


def test_a_code_opens_its_own_form_and_nothing_else(client, worked):
    sign_in(client, worked.email)
    codes = _create_session(client, codes=1)
    client.post("/sign-out")
    client.post("/young-people", data={"code": codes[0]})
    assert client.get("/young-people/question/1").status_code == 200
    assert client.get("/young-people/question/99").status_code == 404
    for path in ("/", "/procurements/WORKED-YOUTH", "/procurements/WORKED-YOUTH/young-people",
                 "/procurements/WORKED-YOUTH/young-people/results", "/library/"):
        assert client.get(path).status_code == 302, path


def test_a_closed_session_refuses_its_codes_but_keeps_saved_answers(client, worked):
    from workbench.extensions import db
    from workbench.models import YouthAnswer, YouthSession
    from workbench.models.base import utcnow

    sign_in(client, worked.email)
    codes = _create_session(client, codes=1)
    client.post("/sign-out")
    client.post("/young-people", data={"code": codes[0]})
    client.post("/young-people/question/1", data={"answer": "not-sure", "comment": "<b>more pictures</b>"})
    session = db.session.query(YouthSession).one()
    session.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get("/young-people/question/2").status_code == 302
    assert "has closed" in client.post("/young-people", data={"code": codes[0]}).text
    assert db.session.query(YouthAnswer).one().answer is None
    sign_in(client, worked.email)
    view = client.get("/procurements/WORKED-YOUTH/young-people/results").text
    assert "&lt;b&gt;more pictures&lt;/b&gt;" in view and "<b>more pictures" not in view


def test_code_entry_is_rate_limited_on_refused_codes(app, client, worked):
    sign_in(client, worked.email)
    codes = _create_session(client, codes=4)
    client.post("/sign-out")
    app.config["ACCESS_CODE_RATE_LIMIT"] = "3 per minute"
    try:
        # a room of young people shares one address: codes that work do not use up the limit
        entered = [client.post("/young-people", data={"code": code}).status_code for code in codes]
        statuses = [client.post("/young-people", data={"code": "AAAAA-AAAAA"}).status_code for _ in range(4)]
    finally:
        app.config["ACCESS_CODE_RATE_LIMIT"] = "10 per minute"
    assert entered == [302, 302, 302, 302]
    assert statuses == [200, 200, 200, 429]


def test_session_form_rejects_a_past_closing_time_and_asks_nothing_personal(client, worked):
    sign_in(client, worked.email)
    form = client.get("/procurements/WORKED-YOUTH/young-people/sessions/new").text
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', form))
    assert fields - {"csrf_token"} == {"title", "closes_on", "closes_at", "codes"}  # nothing about a person
    response = client.post("/procurements/WORKED-YOUTH/young-people/sessions/new", data={
        "title": "Too late", "closes_on": [1, 1, 2020], "closes_at": "17:00",
        "codes": 3})
    assert response.status_code == 200 and "must be in the future" in response.text


def test_paper_upload_in_the_ui_is_all_or_nothing(client, worked):
    from io import BytesIO

    from workbench.extensions import db
    from workbench.models import YouthAnswer

    sign_in(client, worked.email)
    bad = ANSWERS + "P03,Zeta,YP1,4,\n"
    response = client.post("/procurements/WORKED-YOUTH/young-people/import",
                           data={"answers_file": (BytesIO(bad.encode()), "paper.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "row 13, column &#39;supplier&#39;" in response.text
    assert db.session.query(YouthAnswer).count() == 0
    response = client.post("/procurements/WORKED-YOUTH/young-people/import",
                           data={"answers_file": (BytesIO(ANSWERS.encode()), "paper.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.query(YouthAnswer).count() == 11
    paper = client.get("/procurements/WORKED-YOUTH/young-people/paper-form").text
    assert "Sheet label" in paper and "Do not write your name" in paper
    assert paper.count("Really good") == 6  # 2 suppliers × 3 questions


def test_i_statement_is_adopted_as_a_criterion_from_the_panel(client, runner, tmp_path, app_context):
    from workbench.extensions import db
    from workbench.models import AuditEvent, Criterion, Role, YouthStatement

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.replace("WORKED-YOUTH", "DRAFT-YOUTH"))
    officer = make_user("officer@council.example", Role.OFFICER)
    assert runner.invoke(args=["plan", "import", str(plan), "--officer", officer.email]).exit_code == 0
    sign_in(client, officer.email)
    base = "/procurements/DRAFT-YOUTH/young-people/statements"
    assert client.post(base, data={"text": "I can understand my plan"}).status_code == 302
    statement = db.session.query(YouthStatement).one()
    section = db.session.query(Criterion).filter_by(code="C1").one().section_id
    response = client.post(f"{base}/{statement.id}/adopt", data={"section": section, "code": "C1",
                                                                  "youth_share": 60})
    assert "already a criterion C1" in response.text
    response = client.post(f"{base}/{statement.id}/adopt", data={"section": section, "code": "c1",
                                                                  "youth_share": 60})
    assert "already a criterion c1" in response.text  # codes are unique whatever their case, as in the editor
    response = client.post(f"{base}/{statement.id}/adopt", data={"section": section, "code": "YP-I1",
                                                                  "youth_share": 60})
    assert response.status_code == 302
    adopted = db.session.query(Criterion).filter_by(code="YP-I1").one()
    assert (adopted.title, adopted.origin, adopted.youth_share) == ("I can understand my plan", "young_people", 60)
    others = db.session.query(Criterion).filter(Criterion.procurement_id == adopted.procurement_id,
                                                Criterion.id != adopted.id).all()
    assert adopted.position > max(c.position for c in others)  # positions run across the whole plan
    assert db.session.query(AuditEvent).filter_by(action="plan.criterion_added", entity="criterion:YP-I1").count() == 1
    assert db.session.query(AuditEvent).filter_by(action="youth.statement_adopted").count() == 1
    assert "from the young people’s panel" in client.get(base).text
