"""`plan import` + `scores import` + `results --json` against figures worked by hand (design.md scoring rules)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import count

PLAN_LOWEST = """\
title: Worked example, lowest price
reference: WORKED-LOWEST
scale: {min: 0, max: 5}
quality_weight: 60
price_weight: 40
price_method: lowest
sections:
  - name: Practice
    weight: 60
    criteria:
      - {code: C1, title: Social workers in design, weight: 50}
      - {code: C2, title: Minimal data entry, weight: 50, min_score: 2}
  - name: Data
    weight: 40
    criteria:
      - {code: C3, title: Reporting, weight: 100}
  - name: Compliance
    weight: 0
    criteria:
      - {code: PF1, title: Cyber Essentials Plus, kind: pass_fail}
suppliers:
  - {name: Alpha, price: 100000}
  - {name: Beta, price: 125000}
  - {name: Gamma, price: 80000}
  - {name: Delta, price: 200000}
evaluators:
  - {email: e1@council.example, name: Evaluator One}
  - {email: e2@council.example, name: Evaluator Two}
"""

# (supplier, criterion): (e1, e2)
SCORES_LOWEST = {
    ("Alpha", "C1"): (4, 5), ("Alpha", "C2"): (3, 3), ("Alpha", "C3"): (2, 4), ("Alpha", "PF1"): ("pass", "pass"),
    ("Beta", "C1"): (5, 5), ("Beta", "C2"): (4, 4), ("Beta", "C3"): (3, 2), ("Beta", "PF1"): ("pass", "pass"),
    ("Gamma", "C1"): (5, 5), ("Gamma", "C2"): (5, 5), ("Gamma", "C3"): (5, 5), ("Gamma", "PF1"): ("pass", "fail"),
    ("Delta", "C1"): (3, 3), ("Delta", "C2"): (1, 2), ("Delta", "C3"): (3, 3), ("Delta", "PF1"): ("pass", "pass"),
}

PLAN_LINEAR = """\
title: Worked example, linear price with a tie
reference: WORKED-LINEAR
scale: {min: 0, max: 5}
quality_weight: 50
price_weight: 50
price_method: linear
sections:
  - name: Everything
    weight: 100
    criteria:
      - {code: C1, title: Outcomes from the child's perspective, weight: 100}
suppliers:
  - {name: A, price: 100}
  - {name: B, price: 150}
  - {name: C, price: 100}
  - {name: D, price: 250}
evaluators:
  - {email: solo@council.example, name: Solo Evaluator}
"""


def _scores_csv(scores: dict) -> str:
    lines = ["evaluator,supplier,criterion,score,comment"]
    for (supplier, code), values in scores.items():
        for evaluator, value in zip(("e1", "e2"), values, strict=True):
            lines.append(f"{evaluator}@council.example,{supplier},{code},{value},Seen in the demonstration")
    return "\n".join(lines) + "\n"


def _run(runner, *args):
    result = runner.invoke(args=list(args))
    return result.exit_code, result.output


def _results(runner, reference: str) -> dict:
    code, output = _run(runner, "results", reference, "--json")
    assert code == 0, output
    return {s["name"]: s for s in json.loads(output)["suppliers"]} | {"_doc": json.loads(output)}


def test_lowest_price_method_with_both_exclusions(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LOWEST)
    scores = tmp_path / "scores.csv"
    scores.write_text(_scores_csv(SCORES_LOWEST))
    assert _run(runner, "plan", "import", str(plan)) == (0, "WORKED-LOWEST\n")
    code, output = _run(runner, "scores", "import", "WORKED-LOWEST", str(scores))
    assert code == 0, output
    results = _results(runner, "WORKED-LOWEST")
    alpha, beta, gamma, delta = (results[n] for n in ("Alpha", "Beta", "Gamma", "Delta"))
    # Alpha: C1 mean 4.5 → 0.9, C2 3 → 0.6, C3 mean 3 → 0.6
    # quality = 100 × (0.6 × (0.5×0.9 + 0.5×0.6) + 0.4 × 0.6) = 100 × (0.45 + 0.24) = 69
    assert alpha["quality"] == pytest.approx(69, abs=1e-9)
    # Beta: C1 1.0, C2 0.8, C3 mean 2.5 → 0.5: 100 × (0.6 × 0.9 + 0.4 × 0.5) = 74
    assert beta["quality"] == pytest.approx(74, abs=1e-9)
    # lowest non-excluded price is Alpha's 100000 (Gamma's 80000 is excluded): Beta 100 × 100000/125000 = 80
    assert alpha["price_score"] == pytest.approx(100, abs=1e-9)
    assert beta["price_score"] == pytest.approx(80, abs=1e-9)
    # totals: Alpha 69×0.6 + 100×0.4 = 81.4; Beta 74×0.6 + 80×0.4 = 76.4
    assert alpha["total"] == pytest.approx(81.4, abs=1e-9) and alpha["rank"] == 1
    assert beta["total"] == pytest.approx(76.4, abs=1e-9) and beta["rank"] == 2
    # Gamma: one evaluator failed PF1 → excluded, still shows quality 100, never ranked
    assert gamma["excluded"] and gamma["quality"] == pytest.approx(100, abs=1e-9)
    assert (gamma["price_score"], gamma["total"], gamma["rank"]) == (None, None, None)
    assert any("PF1" in reason for reason in gamma["exclusion_reasons"])
    # Delta: C2 mean 1.5 is below min_score 2 → excluded; quality 100 × (0.6 × (0.3 + 0.15) + 0.24) = 51
    assert delta["excluded"] and delta["rank"] is None
    assert delta["quality"] == pytest.approx(51, abs=1e-9)
    assert any("C2" in reason for reason in delta["exclusion_reasons"])
    # per criterion: professional on the scale, normalised 0–1, spread flag at a 2-level difference
    assert alpha["criteria"]["C1"]["professional"] == pytest.approx(4.5)
    assert alpha["criteria"]["C1"]["normalised"] == pytest.approx(0.9)
    assert alpha["criteria"]["C3"]["spread_flag"] is True and beta["criteria"]["C3"]["spread_flag"] is False
    assert gamma["criteria"]["PF1"]["professional"] == "fail"
    assert results["_doc"]["complete"] is True


def test_linear_price_method_with_a_tie_and_the_floor(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LINEAR)
    scores = tmp_path / "scores.csv"
    scores.write_text("evaluator,supplier,criterion,score,comment\n"
                      "solo@council.example,A,C1,4,\nsolo@council.example,B,C1,5,\n"
                      "solo@council.example,C,C1,4,\nsolo@council.example,D,C1,5,\n")
    assert _run(runner, "plan", "import", str(plan))[0] == 0
    assert _run(runner, "scores", "import", "WORKED-LINEAR", str(scores))[0] == 0
    results = _results(runner, "WORKED-LINEAR")
    # price: lowest 100; B 100 × (1 − 50/100) = 50; D 100 × (1 − 150/100) = −50 → floored at 0
    assert [results[n]["price_score"] for n in "ABCD"] == pytest.approx([100, 50, 100, 0], abs=1e-9)
    # totals: A 80×0.5 + 100×0.5 = 90; B 100×0.5 + 50×0.5 = 75; C 90; D 50 + 0 = 50
    assert [results[n]["total"] for n in "ABCD"] == pytest.approx([90, 75, 90, 50], abs=1e-9)
    assert [results[n]["rank"] for n in "ABCD"] == [1, 3, 1, 4]
    assert [results[n]["tie"] for n in "ABCD"] == [True, False, True, False]
    # the JSON lists suppliers in rank order
    assert [s["name"] for s in results["_doc"]["suppliers"]][2:] == ["B", "D"]


def test_bad_scores_file_is_rejected_whole_with_row_and_column(runner, tmp_path, app_context):
    from workbench.models import Score

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LINEAR)
    assert _run(runner, "plan", "import", str(plan))[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("evaluator,supplier,criterion,score,comment\n"
                   "solo@council.example,A,C1,4,fine\n"
                   "nobody@council.example,A,C1,4,\n"
                   "solo@council.example,Zeta,C1,4,\n"
                   "solo@council.example,B,C9,4,\n"
                   "solo@council.example,B,C1,6,\n"
                   "solo@council.example,A,C1,3,again\n")
    code, output = _run(runner, "scores", "import", "WORKED-LINEAR", str(bad))
    assert code == 1
    assert "row 3, column 'evaluator'" in output
    assert "row 4, column 'supplier'" in output
    assert "row 5, column 'criterion'" in output
    assert "row 6, column 'score'" in output and "outside the scale" in output
    assert "row 7" in output and "duplicate" in output
    assert count(Score) == 0  # nothing written, not even the good row


def test_plan_import_refuses_a_duplicate_reference_and_bad_weights(runner, tmp_path, app_context):
    from workbench.models import Procurement

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LINEAR)
    assert _run(runner, "plan", "import", str(plan))[0] == 0
    code, output = _run(runner, "plan", "import", str(plan))
    assert code == 1 and "already exists" in output
    broken = tmp_path / "broken.yaml"
    broken.write_text(PLAN_LOWEST.replace("weight: 40\n    criteria:\n      - {code: C3",
                                          "weight: 30\n    criteria:\n      - {code: C3"))
    code, output = _run(runner, "plan", "import", str(broken))
    assert code == 1 and "90" in output and "not 100" in output
    assert count(Procurement) == 1


def test_audit_verify_detects_a_changed_and_a_deleted_event(runner, tmp_path, app_context):
    from workbench.extensions import db
    from workbench.models import AuditEvent

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LINEAR)
    assert _run(runner, "plan", "import", str(plan))[0] == 0
    scores = tmp_path / "scores.csv"
    scores.write_text("evaluator,supplier,criterion,score,comment\nsolo@council.example,A,C1,4,\n")
    assert _run(runner, "scores", "import", "WORKED-LINEAR", str(scores))[0] == 0
    assert _run(runner, "audit", "verify", "WORKED-LINEAR")[0] == 0
    from sqlalchemy import select

    events = db.session.execute(select(AuditEvent).where(AuditEvent.scope == "procurement:WORKED-LINEAR")
                                .order_by(AuditEvent.sequence)).scalars().all()
    assert len(events) >= 3
    events[1].reason = "quietly edited"
    db.session.commit()
    code, output = _run(runner, "audit", "verify", "WORKED-LINEAR")
    assert code == 1 and "event 2" in output and "changed" in output
    events[1].reason = ""
    db.session.delete(events[-1])
    db.session.commit()
    code, output = _run(runner, "audit", "verify", "WORKED-LINEAR")
    assert code == 1 and "missing" in output


def test_plan_import_audit_event_records_each_section_and_criterion_once(runner, tmp_path, app_context):
    """The creation event is what an auditor reads: weights in it must add up as they do in the plan."""
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import AuditEvent

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_LOWEST)
    assert _run(runner, "plan", "import", str(plan))[0] == 0
    created = db.session.execute(select(AuditEvent).where(AuditEvent.action == "procurement.created")).scalar_one()
    sections = created.after["sections"]
    assert [s["name"] for s in sections] == ["Practice", "Data", "Compliance"]
    assert sum(float(s["weight"]) for s in sections) == 100
    assert [[c["code"] for c in s["criteria"]] for s in sections] == [["C1", "C2"], ["C3"], ["PF1"]]
