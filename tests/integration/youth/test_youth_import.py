"""`workbench youth import` + `workbench results --json` against figures worked by hand (design.md,
"Young people's share"): paper answers, "not sure" and blanks, a question mapped to two criteria."""

from __future__ import annotations

import json

import pytest

from tests.helpers import count

PLAN = """\
title: Young people's worked example
reference: WORKED-YOUTH
scale: {min: 0, max: 4}
quality_weight: 100
price_weight: 0
price_method: lowest
young_people_form:
  title: What did you think?
  questions:
    - {id: YP1, text: "Could you see what your worker wrote?", criteria: [C1]}
    - {id: YP2, text: "Would your information be kept safe?", criteria: [C1, C2]}
    - {id: YP3, text: "Was it easy to use?", criteria: [C3]}
sections:
  - name: Everything
    weight: 100
    criteria:
      - {code: C1, title: Seeing my records, weight: 50, youth_share: 50}
      - {code: C2, title: Keeping data safe, weight: 25, youth_share: 20}
      - {code: C3, title: Ease of use, weight: 25}
suppliers:
  - {name: Alpha, price: 100}
  - {name: Beta, price: 100}
evaluators:
  - {email: e1@council.example, name: Evaluator One}
"""

SCORES = """\
evaluator,supplier,criterion,score,comment
e1@council.example,Alpha,C1,2,
e1@council.example,Alpha,C2,4,
e1@council.example,Alpha,C3,3,
e1@council.example,Beta,C1,4,
e1@council.example,Beta,C2,2,
e1@council.example,Beta,C3,4,
"""

ANSWERS = """\
respondent,supplier,question,answer,comment
P01,Alpha,YP1,5,I could see everything
P01,Alpha,YP2,4,
P01,Alpha,YP3,,
P02,Alpha,YP1,3,
P02,Alpha,YP2,not sure,
P02,Alpha,YP3,NOT SURE,=HYPERLINK("x")
P01,Beta,YP1,1,Too many buttons
P01,Beta,YP2,2,
P01,Beta,YP3,5,
P02,Beta,YP1,,
P02,Beta,YP2,3,
"""


def _run(runner, *args):
    result = runner.invoke(args=list(args))
    return result.exit_code, result.output


def _results(runner, reference: str) -> dict:
    code, output = _run(runner, "results", reference, "--json")
    assert code == 0, output
    return {s["name"]: s for s in json.loads(output)["suppliers"]}


@pytest.fixture
def worked(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    assert _run(runner, "plan", "import", str(plan)) == (0, "WORKED-YOUTH\n")
    scores = tmp_path / "scores.csv"
    scores.write_text(SCORES)
    assert _run(runner, "scores", "import", "WORKED-YOUTH", str(scores))[0] == 0
    return tmp_path


def test_paper_answers_blend_with_youth_share(runner, worked):
    answers = worked / "answers.csv"
    answers.write_text(ANSWERS)
    code, output = _run(runner, "youth", "import", "WORKED-YOUTH", str(answers))
    assert (code, output) == (0, "Imported 11 young people's answers into WORKED-YOUTH.\n")
    results = _results(runner, "WORKED-YOUTH")
    alpha, beta = results["Alpha"]["criteria"], results["Beta"]["criteria"]
    # Alpha C1: YP1 and YP2 both map to C1: answers 5, 4, 3 ("not sure" left out) → youth mean 4;
    # normalised (1 + 0.75 + 0.5) / 3 = 0.75; professional 2 on 0–4 → 0.5; n = 0.5 × 0.5 + 0.5 × 0.75 = 0.625
    assert alpha["C1"]["youth"] == pytest.approx(4, abs=1e-9)
    assert alpha["C1"]["normalised"] == pytest.approx(0.625, abs=1e-9)
    # Alpha C2: only YP2 maps: answer 4 → 0.75; professional 4 → 1.0; n = 0.8 × 1 + 0.2 × 0.75 = 0.95
    assert alpha["C2"]["youth"] == pytest.approx(4, abs=1e-9)
    assert alpha["C2"]["normalised"] == pytest.approx(0.95, abs=1e-9)
    # Alpha C3: a blank and a "not sure" only → no answer maps → youth null; n is the professional 3/4
    assert alpha["C3"]["youth"] is None
    assert alpha["C3"]["normalised"] == pytest.approx(0.75, abs=1e-9)
    # quality 100 × (0.5 × 0.625 + 0.25 × 0.95 + 0.25 × 0.75) = 73.75
    assert results["Alpha"]["quality"] == pytest.approx(73.75, abs=1e-9)
    # Beta C1: 1, 2, 3 → mean 2, normalised 0.25; professional 4 → 1; n = 0.5 + 0.125 = 0.625
    assert beta["C1"]["youth"] == pytest.approx(2, abs=1e-9)
    assert beta["C1"]["normalised"] == pytest.approx(0.625, abs=1e-9)
    # Beta C2: 2, 3 → 2.5, normalised 0.375; professional 2 → 0.5; n = 0.4 + 0.075 = 0.475
    assert beta["C2"]["youth"] == pytest.approx(2.5, abs=1e-9)
    assert beta["C2"]["normalised"] == pytest.approx(0.475, abs=1e-9)
    # Beta C3: share 0, but an answer maps → youth 5 is still reported; n is the professional 1.0
    assert beta["C3"]["youth"] == pytest.approx(5, abs=1e-9)
    assert beta["C3"]["normalised"] == pytest.approx(1.0, abs=1e-9)
    # quality 100 × (0.5 × 0.625 + 0.25 × 0.475 + 0.25 × 1) = 68.125
    assert results["Beta"]["quality"] == pytest.approx(68.125, abs=1e-9)
    assert results["Alpha"]["rank"] == 1 and results["Beta"]["rank"] == 2


def test_without_answers_youth_is_null(runner, worked):
    results = _results(runner, "WORKED-YOUTH")
    assert all(c["youth"] is None for s in results.values() for c in s["criteria"].values())


def test_bad_answers_file_is_rejected_whole_with_row_and_column(runner, worked, app_context):
    from workbench.models import Respondent, YouthAnswer

    bad = worked / "bad.csv"
    bad.write_text("respondent,supplier,question,answer,comment\n"
                   "P01,Alpha,YP1,5,fine\n"          # row 2: good, but not stored
                   "P01,Zeta,YP1,5,\n"               # row 3: unknown supplier
                   "P01,Alpha,YP9,5,\n"              # row 4: unknown question
                   "P01,Alpha,YP2,6,\n"              # row 5: outside 1–5
                   "P01,Alpha,YP3,0,\n"              # row 6: outside 1–5
                   "P01,Alpha,YP1,4,again\n"         # row 7: duplicate of row 2
                   "Sam Smith,Alpha,YP2,3,\n"        # row 8: a name, not a sheet label
                   "P02,Beta,YP1,good,\n")           # row 9: not a number
    code, output = _run(runner, "youth", "import", "WORKED-YOUTH", str(bad))
    assert code == 1
    assert "row 3, column 'supplier'" in output
    assert "row 4, column 'question'" in output
    assert "row 5, column 'answer'" in output and "outside 1 to 5" in output
    assert "row 6, column 'answer'" in output
    assert "row 7" in output and "duplicate" in output
    assert "row 8, column 'respondent'" in output
    assert "row 9, column 'answer'" in output
    assert "row 2," not in output
    assert count(YouthAnswer) == 0 and count(Respondent) == 0


def test_wrong_header_and_reimport_are_refused(runner, worked, app_context):
    from workbench.models import YouthAnswer

    wrong = worked / "wrong.csv"
    wrong.write_text("name,supplier,question,answer,comment\nP01,Alpha,YP1,5,\n")
    code, output = _run(runner, "youth", "import", "WORKED-YOUTH", str(wrong))
    assert code == 1 and "header" in output.lower()
    good = worked / "good.csv"
    good.write_text("respondent,supplier,question,answer,comment\nP01,Alpha,YP1,5,\n")
    assert _run(runner, "youth", "import", "WORKED-YOUTH", str(good))[0] == 0
    code, output = _run(runner, "youth", "import", "WORKED-YOUTH", str(good))
    assert code == 1 and "imported before" in output
    assert count(YouthAnswer) == 1
    assert _run(runner, "youth", "import", "NO-SUCH", str(good))[0] == 1
