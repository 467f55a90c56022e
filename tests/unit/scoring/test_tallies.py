"""Scores added up per (supplier, criterion) — as the database hands them over — give exactly the figures of the
single scores they sum (a worked example, bad tallies, and a property over generated evaluations)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given

from tests.unit.scoring.test_scoring_properties import FAST, evaluations
from workbench.scoring import (
    FAIL,
    PASS,
    Criterion,
    Evaluation,
    Scale,
    Score,
    ScoreTally,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    YouthTally,
    evaluate,
)


def tallied(evaluation: Evaluation) -> Evaluation:
    """The same evaluation with its single scores and answers replaced by per-key sums (written independently of
    the engine: conflicts left out here, "Not sure" skipped)."""
    conflicted = {(c.evaluator, c.supplier) for c in evaluation.conflicts}
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    verdicts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for score in evaluation.scores:
        if (score.evaluator, score.supplier) in conflicted:
            continue
        key = (score.supplier, score.criterion)
        (verdicts if score.value in (PASS, FAIL) else numbers)[key].append(score.value)  # type: ignore[arg-type]
    keys = sorted(numbers.keys() | verdicts.keys())
    tallies = tuple(ScoreTally(s, c, len(numbers[(s, c)]), sum(numbers[(s, c)]), min(numbers[(s, c)], default=None),
                               max(numbers[(s, c)], default=None), verdicts[(s, c)].count(PASS),
                               verdicts[(s, c)].count(FAIL)) for s, c in keys)
    answers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for answer in evaluation.youth_answers:
        if answer.answer is not None:
            answers[(answer.supplier, answer.question)].append(answer.answer)
    youth = tuple(YouthTally(s, q, len(values), sum(values)) for (s, q), values in answers.items())
    return replace(evaluation, scores=(), conflicts=(), youth_answers=(), score_tallies=tallies, youth_tallies=youth)


@FAST
@given(evaluations())
def test_tallies_give_the_figures_of_the_scores_they_sum(ev: Evaluation) -> None:
    assert evaluate(tallied(ev)) == evaluate(ev)


def _plan() -> Evaluation:
    return Evaluation(Scale(0, 5), (Section("Quality", 100, (Criterion("Q1", weight=60, youth_share=25),
                                                              Criterion("Q2", weight=40))),),
                      (Supplier("A", 100),), quality_weight=100, price_weight=0,
                      youth_questions=(YouthQuestion("YP1", ("Q1",)),))


def test_worked_example_tallies_and_single_scores_add_up() -> None:
    """Q1: scores 4 and 1 as singles plus a tally of three scores (total 9, 2..5): mean (4+1+9)/5 = 14/5, spread
    (5 - 1 >= 2); youth answers 3 (single) + tally of two answering 5 and 4: mean 12/3 = 4.
    n = 0.75 * (14/5)/5 + 0.25 * (4-1)/4 = 0.42 + 0.1875 = 0.6075. Q2: tally of two 5s: n = 1.
    Quality = 100 * (0.6 * 0.6075 + 0.4 * 1) = 76.45."""
    ev = replace(_plan(), scores=(Score("e1", "A", "Q1", 4), Score("e2", "A", "Q1", 1)),
                 score_tallies=(ScoreTally("A", "Q1", 3, 9, 2, 5), ScoreTally("A", "Q2", 2, 10, 5, 5)),
                 youth_answers=(YouthAnswer("P1", "A", "YP1", 3), YouthAnswer("P2", "A", "YP1", None)),
                 youth_tallies=(YouthTally("A", "YP1", 2, 9),))
    supplier = evaluate(ev).suppliers[0]
    q1 = supplier.criteria["Q1"]
    assert (q1.professional, q1.youth, q1.score_count, q1.youth_count, q1.spread_flag) == (2.8, 4.0, 5, 3, True)
    assert q1.normalised == float(Fraction(6075, 10000))
    assert supplier.criteria["Q2"].spread_flag is False
    assert supplier.quality == float(Fraction(7645, 100))


def test_pass_fail_tallies() -> None:
    plan = replace(_plan(), sections=(Section("Quality", 100, (Criterion("Q1", weight=100),
                                                               Criterion("PF", kind="pass_fail"))),))
    passed = evaluate(replace(plan, score_tallies=(ScoreTally("A", "Q1", 1, 5, 5, 5),
                                                   ScoreTally("A", "PF", passes=3)))).suppliers[0]
    assert (passed.excluded, passed.criteria["PF"].professional, passed.criteria["PF"].score_count) == (False, PASS, 3)
    split = evaluate(replace(plan, score_tallies=(ScoreTally("A", "Q1", 1, 5, 5, 5),
                                                  ScoreTally("A", "PF", passes=2, fails=1)))).suppliers[0]
    assert split.excluded and split.criteria["PF"].professional == FAIL and split.criteria["PF"].spread_flag


@pytest.mark.parametrize(("fields", "message"), [
    ({"count": 2, "total": 6}, "needs its lowest and highest"),
    ({"count": -1}, "cannot count below 0"),
    ({"passes": -2}, "cannot count below 0"),
])
def test_a_tally_that_cannot_be_right_is_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ScoreTally("A", "Q1", **fields)
