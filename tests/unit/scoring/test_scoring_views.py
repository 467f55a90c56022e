"""The helpers around ``evaluate``: weight check, the young people's own ranking, ranking without them."""

from __future__ import annotations

from fractions import Fraction

import pytest

from workbench.scoring import (
    DEFAULT_SCALE,
    FAIL,
    Criterion,
    Evaluation,
    Kind,
    Score,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    evaluate,
    ranking_without_youth,
    weight_problems_for,
    youth_only_ranking,
)


def test_weight_problems_for_names_the_level_and_its_sum() -> None:
    sections = (
        Section("Design", 50, (Criterion("Q1", weight=60), Criterion("Q2", weight=30))),
        Section("Data", 40, (Criterion("Q3", weight=100),)),
        Section("Compliance", 0, (Criterion("PF1", kind=Kind.PASS_FAIL),)),
    )
    ev = Evaluation(DEFAULT_SCALE, sections, (Supplier("A", 1),))
    problems = weight_problems_for(ev)
    assert [(p.level, p.total) for p in problems] == [("Design", 90), ("sections", 90)]
    assert "Design" in problems[0].message and "90" in problems[0].message


def test_good_weights_have_no_problems() -> None:
    sections = (Section("A", 33.3, (Criterion("Q1", weight=0.1), Criterion("Q2", weight=99.9))),
                Section("B", 66.7, (Criterion("Q3", weight=100),)),
                Section("PF", 0, (Criterion("PF1", kind=Kind.PASS_FAIL),)))
    assert weight_problems_for(Evaluation(DEFAULT_SCALE, sections, ())) == []


def youth_evaluation() -> Evaluation:
    sections = (
        Section("S1", 60, (Criterion("Q1", weight=50, youth_share=100), Criterion("Q2", weight=50))),
        Section("S2", 40, (Criterion("Q3", weight=100), Criterion("PF1", kind=Kind.PASS_FAIL))),
    )
    suppliers = tuple(Supplier(n, 100) for n in "ABCD")
    scores = tuple(Score("e1", s, code, 5 if s == "A" else 3) for s in "ABCD" for code in ("Q1", "Q2", "Q3"))
    scores += (Score("e1", "D", "PF1", FAIL),)
    answers = (
        YouthAnswer("P1", "A", "YP1", 1), YouthAnswer("P1", "A", "YP2", 3),
        YouthAnswer("P1", "B", "YP1", 5), YouthAnswer("P1", "B", "YP2", None),
        YouthAnswer("P1", "D", "YP1", 5),
    )
    return Evaluation(DEFAULT_SCALE, sections, suppliers, scores=scores,
                      youth_questions=(YouthQuestion("YP1", ("Q1",)), YouthQuestion("YP2", ("Q3", "PF1"))),
                      youth_answers=answers)


def test_youth_only_ranking() -> None:
    ranking = youth_only_ranking(youth_evaluation())
    assert [r.supplier for r in ranking] == ["A", "B", "C", "D"]   # input order
    a, b, c, d = ranking
    # A: n_youth Q1 = (1-1)/4 = 0 (weight 60*50 = 3000), Q3 = (3-1)/4 = 0.5 (weight 40*100 = 4000);
    #    PF1 carries no weight and is left out: 100 * (3000*0 + 4000*0.5) / 7000 = 200/7
    assert a.score == pytest.approx(float(Fraction(200, 7)), abs=1e-9)
    assert b.score == pytest.approx(100, abs=1e-9)                 # Q1 only: (5-1)/4 = 1; "not sure" on YP2
    assert c.score is None and c.rank is None                      # no answers at all
    assert d.score == pytest.approx(100, abs=1e-9) and d.rank is None   # excluded (PF1 fail): never ranked
    assert (a.rank, b.rank) == (2, 1)


def test_ranking_without_youth_shows_the_young_peoples_effect() -> None:
    ev = youth_evaluation()
    with_youth = evaluate(ev)
    # A: Q1 n = n_youth = 0; quality 100 * (0.6 * (0.5*0 + 0.5*1) + 0.4 * 1) = 70
    # B: Q1 n = n_youth = 1; quality 100 * (0.6 * (0.5*1 + 0.5*0.6) + 0.4 * 0.6) = 48 + 24 = 72
    assert with_youth.supplier("A").quality == pytest.approx(70, abs=1e-9)
    assert with_youth.supplier("B").quality == pytest.approx(72, abs=1e-9)
    # C: no youth answer where Q1 gives 100% to young people: incomplete, unranked; D excluded
    assert with_youth.ranks() == {"A": 2, "B": 1, "C": None, "D": None}
    # without youth: A 100 (all 5s); B and C 60 (all 3s) tie; the young people's share changed the order
    assert ranking_without_youth(ev) == {"A": 1, "B": 2, "C": 2, "D": None}
