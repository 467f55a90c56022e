"""Each scoring rule of design.md against figures worked out by hand (arithmetic beside each number)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.scoring import (
    DEFAULT_SCALE,
    FAIL,
    PASS,
    Conflict,
    Consensus,
    Criterion,
    Evaluation,
    Kind,
    PriceMethod,
    Scale,
    Score,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    evaluate,
)

ABS = 1e-9


def approx(x: float) -> object:
    return pytest.approx(x, abs=ABS)


def crit(code: str, weight: object = 100, **kw: object) -> Criterion:
    return Criterion(code, weight=weight, **kw)  # type: ignore[arg-type]


def pf(code: str, title: str = "") -> Criterion:
    return Criterion(code, title=title, kind=Kind.PASS_FAIL)


def plan(*criteria: Criterion, suppliers: tuple[tuple[str, object], ...] = (("A", 100),),
         **kw: object) -> Evaluation:
    """One section of weight 100 holding ``criteria``."""
    return Evaluation(
        scale=kw.pop("scale", DEFAULT_SCALE),  # type: ignore[arg-type]
        sections=(Section("Quality", 100, criteria),),
        suppliers=tuple(Supplier(n, p) for n, p in suppliers),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )


def scores(evaluator: str, supplier: str, **values: object) -> tuple[Score, ...]:
    return tuple(Score(evaluator, supplier, code, v) for code, v in values.items())  # type: ignore[arg-type]


# --- normalisation --------------------------------------------------------------------------------------

def test_normalisation_on_the_default_0_to_5_scale() -> None:
    result = evaluate(plan(crit("Q1"), scores=scores("e1", "A", Q1=3))).supplier("A")
    q1 = result.criteria["Q1"]
    assert q1.professional == 3
    assert q1.normalised == approx(0.6)         # (3 - 0) / (5 - 0)
    assert result.quality == approx(60)         # 100 * 1 * 1 * 0.6
    assert result.price_score == approx(100)    # the only bid is the lowest
    assert result.total == approx(72)           # 60 * 70/100 + 100 * 30/100 = 42 + 30
    assert result.rank == 1 and not result.tie and result.complete


def test_normalisation_on_a_1_to_10_scale() -> None:
    ev = plan(crit("Q1"), scale=Scale(1, 10), scores=scores("e1", "A", Q1=7))
    result = evaluate(ev).supplier("A")
    assert result.criteria["Q1"].normalised == approx(2 / 3)   # (7 - 1) / (10 - 1) = 6/9
    assert result.quality == approx(200 / 3)                   # 100 * 2/3 = 66.666…
    lowest = evaluate(plan(crit("Q1"), scale=Scale(1, 10), scores=scores("e1", "A", Q1=1))).supplier("A")
    assert lowest.quality == 0                                 # (1 - 1) / 9 = 0: the scale minimum is zero


def test_a_scale_needs_max_above_min() -> None:
    with pytest.raises(ValueError, match="max > min"):
        Scale(3, 3)


# --- weights --------------------------------------------------------------------------------------------

def three_sections() -> tuple[Section, ...]:
    return (
        Section("Working with social workers", 50, (crit("Q1", 60), crit("Q2", 40))),
        Section("Data", 30, (crit("Q3", 100),)),
        Section("Support", 20, (crit("Q4", 25), crit("Q5", 75))),
    )


def test_weights_across_three_sections() -> None:
    ev = Evaluation(DEFAULT_SCALE, three_sections(), (Supplier("A", 100),),
                    scores=scores("e1", "A", Q1=5, Q2=2, Q3=4, Q4=0, Q5=3))
    result = evaluate(ev).supplier("A")
    # n: Q1 1, Q2 0.4, Q3 0.8, Q4 0, Q5 0.6
    assert result.criteria["Q1"].weighted == approx(30)        # 100 * 0.5 * 0.6 * 1
    assert result.criteria["Q2"].weighted == approx(8)         # 100 * 0.5 * 0.4 * 0.4
    assert result.criteria["Q3"].weighted == approx(24)        # 100 * 0.3 * 1 * 0.8
    assert result.criteria["Q4"].weighted == 0                 # 100 * 0.2 * 0.25 * 0
    assert result.criteria["Q5"].weighted == approx(9)         # 100 * 0.2 * 0.75 * 0.6
    assert result.section_scores == {
        "Working with social workers": approx(38),             # 30 + 8
        "Data": approx(24),
        "Support": approx(9),                                  # 0 + 9
    }
    assert result.quality == approx(71)                        # 38 + 24 + 9
    assert list(result.criteria) == ["Q1", "Q2", "Q3", "Q4", "Q5"]   # plan order


def test_weights_as_typed_decimals_are_exact() -> None:
    sections = (Section("A", 33.3, (crit("Q1", 0.1), crit("Q2", 99.9))),
                Section("B", Decimal("33.3"), (crit("Q3"),)),
                Section("C", 33.4, (crit("Q4"),)))
    ev = Evaluation(DEFAULT_SCALE, sections, (Supplier("A", 100),),
                    scores=scores("e1", "A", Q1=5, Q2=5, Q3=5, Q4=5))
    # 33.3 + 33.3 + 33.4 = 100 exactly and 0.1 + 99.9 = 100 exactly, so full marks are exactly 100
    assert evaluate(ev).supplier("A").quality == 100.0


# --- professional score ---------------------------------------------------------------------------------

def test_mean_of_several_evaluators() -> None:
    ev = plan(crit("Q1"), scores=scores("e1", "A", Q1=2) + scores("e2", "A", Q1=3) + scores("e3", "A", Q1=5))
    q1 = evaluate(ev).supplier("A").criteria["Q1"]
    assert q1.professional == approx(10 / 3)   # (2 + 3 + 5) / 3
    assert q1.normalised == approx(2 / 3)      # (10/3) / 5
    assert q1.score_count == 3 and not q1.moderated


def test_conflicted_evaluator_is_left_out_everywhere() -> None:
    ev = plan(crit("Q1"), suppliers=(("A", 100), ("B", 100)),
              scores=scores("e1", "A", Q1=1) + scores("e2", "A", Q1=2) + scores("e3", "A", Q1=5)
              + scores("e1", "B", Q1=1) + scores("e3", "B", Q1=5),
              conflicts=(Conflict("e3", "A"),))
    result = evaluate(ev)
    a = result.supplier("A").criteria["Q1"]
    assert a.professional == approx(1.5)       # (1 + 2) / 2 — e3's 5 ignored
    assert a.score_count == 2
    assert a.spread_flag is False              # 2 - 1 = 1 (would be 4 with e3)
    b = result.supplier("B").criteria["Q1"]
    assert b.professional == approx(3)         # (1 + 5) / 2 — e3 is conflicted with A only
    assert b.spread_flag is True


def test_consensus_overrides_the_mean() -> None:
    ev = plan(crit("Q1"), scores=scores("e1", "A", Q1=1) + scores("e2", "A", Q1=5),
              consensus=(Consensus("A", "Q1", 4),))
    result = evaluate(ev).supplier("A")
    q1 = result.criteria["Q1"]
    assert q1.professional == 4                # consensus, not the mean 3
    assert q1.moderated is True
    assert q1.spread_flag is True              # the submitted scores still differ by 4
    assert result.quality == approx(80)        # 100 * 4/5


def test_consensus_alone_is_enough() -> None:
    ev = plan(crit("Q1"), consensus=(Consensus("A", "Q1", 2),))
    result = evaluate(ev).supplier("A")
    assert result.quality == approx(40) and result.complete   # 100 * 2/5
    assert result.criteria["Q1"].score_count == 0


# --- young people's share -------------------------------------------------------------------------------

def youth_plan(*criteria: Criterion, questions: dict[str, tuple[str, ...]],
               answers: tuple[tuple[str, str, int | None], ...], **kw: object) -> Evaluation:
    return plan(*criteria,
                youth_questions=tuple(YouthQuestion(q, c) for q, c in questions.items()),
                youth_answers=tuple(YouthAnswer(f"P{i:02}", s, q, a) for i, (q, s, a) in enumerate(answers)),
                **kw)


def test_youth_blending_ignores_not_sure() -> None:
    ev = youth_plan(crit("Q1", youth_share=25), questions={"YP1": ("Q1",)},
                    answers=(("YP1", "A", 5), ("YP1", "A", 3), ("YP1", "A", None), ("YP1", "A", 4)),
                    scores=scores("e1", "A", Q1=4))
    result = evaluate(ev).supplier("A")
    q1 = result.criteria["Q1"]
    assert q1.youth == approx(4)               # (5 + 3 + 4) / 3 — "not sure" is not an answer
    assert q1.youth_count == 3
    assert q1.normalised == approx(0.7875)     # 0.75 * 4/5 + 0.25 * (4 - 1)/4 = 0.6 + 0.1875
    assert result.quality == approx(78.75)


def test_question_mapped_to_two_criteria_counts_for_both() -> None:
    ev = youth_plan(crit("Q1", 50, youth_share=50), crit("Q2", 50, youth_share=50),
                    questions={"YP1": ("Q1", "Q2"), "YP2": ("Q2",)},
                    answers=(("YP1", "A", 5), ("YP2", "A", 1), ("UNKNOWN", "A", 1)),
                    scores=scores("e1", "A", Q1=0, Q2=0))
    result = evaluate(ev).supplier("A")
    assert result.criteria["Q1"].youth == approx(5)           # YP1 only; unknown questions ignored
    assert result.criteria["Q1"].normalised == approx(0.5)    # 0.5 * 0 + 0.5 * (5 - 1)/4
    assert result.criteria["Q2"].youth == approx(3)           # (5 + 1) / 2
    assert result.criteria["Q2"].normalised == approx(0.25)   # 0.5 * 0 + 0.5 * ((1 + 0)/2)
    assert result.quality == approx(37.5)                     # 100 * (0.5 * 0.5 + 0.5 * 0.25)


def test_share_zero_reports_youth_but_ignores_it() -> None:
    ev = youth_plan(crit("Q1"), questions={"YP1": ("Q1",)}, answers=(("YP1", "A", 1),),
                    scores=scores("e1", "A", Q1=5))
    q1 = evaluate(ev).supplier("A").criteria["Q1"]
    assert q1.youth == 1 and q1.normalised == 1               # n = n_prof = 5/5


def test_share_hundred_needs_no_professional_score() -> None:
    ev = youth_plan(crit("Q1", youth_share=100), questions={"YP1": ("Q1",)},
                    answers=(("YP1", "A", 4), ("YP1", "A", 5)))
    result = evaluate(ev).supplier("A")
    q1 = result.criteria["Q1"]
    assert q1.professional is None
    assert q1.normalised == approx(0.875)                     # ((4-1)/4 + (5-1)/4) / 2 = (0.75 + 1) / 2
    assert result.quality == approx(87.5) and result.complete


def test_missing_youth_where_share_is_positive_is_incomplete() -> None:
    ev = youth_plan(crit("Q1", youth_share=10), questions={"YP1": ("Q1",)},
                    answers=(("YP1", "A", None),), scores=scores("e1", "A", Q1=5))
    result = evaluate(ev)
    a = result.supplier("A")
    assert a.criteria["Q1"].youth is None and a.criteria["Q1"].normalised is None
    assert a.quality is None and a.total is None and a.rank is None   # never silently zero
    assert a.complete is False and result.complete is False


# --- price ----------------------------------------------------------------------------------------------

def priced(method: PriceMethod, *prices: object) -> Evaluation:
    names = "ABCD"
    return plan(crit("Q1"), suppliers=tuple(zip(names, prices, strict=False)), price_method=method,
                scores=tuple(s for n in names[:len(prices)] for s in scores("e1", n, Q1=5)))


def test_price_lowest_method() -> None:
    result = evaluate(priced(PriceMethod.LOWEST, 100, 125, 200))
    assert [s.price_score for s in result.suppliers] == [
        approx(100),    # 100 * 100/100
        approx(80),     # 100 * 100/125
        approx(50),     # 100 * 100/200
    ]
    assert result.lowest_price == 100


def test_price_linear_method_with_floor_at_zero() -> None:
    result = evaluate(priced(PriceMethod.LINEAR, 100, 125, 200, 250))
    assert [s.price_score for s in result.suppliers] == [
        approx(100),    # 100 * (1 - 0/100)
        approx(75),     # 100 * (1 - 25/100)
        0,              # 100 * (1 - 100/100) = 0
        0,              # max(0, 100 * (1 - 150/100)) = max(0, -50): more than double the lowest
    ]


def test_price_of_zero_does_not_divide_by_zero() -> None:
    for method in PriceMethod:
        result = evaluate(priced(method, 0, 100))
        assert [s.price_score for s in result.suppliers] == [100, 0]


def test_quality_price_split() -> None:
    ev = plan(crit("Q1"), suppliers=(("A", 100), ("B", 125)), quality_weight=60, price_weight=40,
              scores=scores("e1", "A", Q1=5) + scores("e1", "B", Q1=5) + scores("e2", "B", Q1=0))
    result = evaluate(ev)
    assert result.supplier("A").total == approx(100)   # 100 * 0.6 + 100 * 0.4
    b = result.supplier("B")
    assert b.quality == approx(50)                     # 100 * (2.5 / 5)
    assert b.price_score == approx(80)                 # 100 * 100/125
    assert b.total == approx(62)                       # 50 * 0.6 + 80 * 0.4 = 30 + 32


def test_missing_price_is_incomplete_only_when_price_counts() -> None:
    ev = plan(crit("Q1"), suppliers=(("A", None), ("B", 100)),
              scores=scores("e1", "A", Q1=5) + scores("e1", "B", Q1=5))
    a = evaluate(ev).supplier("A")
    assert a.price_score is None and a.total is None and a.complete is False
    free = evaluate(plan(crit("Q1"), suppliers=(("A", None),), quality_weight=100, price_weight=0,
                         scores=scores("e1", "A", Q1=4)))
    a = free.supplier("A")
    assert a.price_score is None and a.complete is True
    assert a.total == approx(80)                       # 80 * 100/100 + nothing for price


# --- exclusion ------------------------------------------------------------------------------------------

def test_any_fail_on_pass_fail_excludes() -> None:
    ev = plan(crit("Q1"), pf("PF1", "Cyber Essentials Plus certificate"),
              suppliers=(("A", 100), ("B", 200)),
              scores=scores("e1", "A", Q1=4, PF1=PASS) + scores("e2", "A", Q1=4, PF1=FAIL)
              + scores("e1", "B", Q1=2, PF1=PASS))
    result = evaluate(ev)
    a = result.supplier("A")
    assert a.excluded is True
    assert a.exclusion_reasons == ("PF1 Cyber Essentials Plus certificate: failed pass/fail criterion",)
    assert a.criteria["PF1"].professional == FAIL
    assert a.criteria["PF1"].spread_flag is True           # pass and fail disagree
    assert a.criteria["PF1"].normalised is None and a.criteria["PF1"].weighted is None
    assert a.quality == approx(80)                         # kept: 100 * 4/5
    assert (a.price_score, a.total, a.rank, a.tie) == (None, None, None, False)
    b = result.supplier("B")
    assert b.criteria["PF1"].professional == PASS and not b.excluded
    assert b.rank == 1
    assert b.price_score == approx(100)                    # A (100) was excluded: B's 200 is the lowest
    assert result.lowest_price == 200


def test_consensus_pass_overrides_an_evaluators_fail() -> None:
    ev = plan(crit("Q1"), pf("PF1"),
              scores=scores("e1", "A", Q1=4, PF1=FAIL) + scores("e2", "A", Q1=4, PF1=PASS),
              consensus=(Consensus("A", "PF1", PASS),))
    a = evaluate(ev).supplier("A")
    assert a.excluded is False and a.rank == 1
    assert a.criteria["PF1"].professional == PASS and a.criteria["PF1"].moderated


def test_pass_fail_without_a_result_is_incomplete() -> None:
    ev = plan(crit("Q1"), pf("PF1"), scores=scores("e1", "A", Q1=4))
    a = evaluate(ev).supplier("A")
    assert a.criteria["PF1"].professional is None
    assert a.complete is False and a.excluded is False
    assert a.quality == approx(80)          # pass/fail carries no weight, so quality can still be computed


def test_min_score_exclusion_uses_the_professional_score() -> None:
    criterion = crit("Q1", 50, title="Social workers in design", min_score=2, youth_share=50)
    ev = youth_plan(criterion, crit("Q2", 50), questions={"YP1": ("Q1",)}, answers=(("YP1", "A", 5),),
                    scores=scores("e1", "A", Q1=1, Q2=5) + scores("e2", "A", Q1=2, Q2=5))
    a = evaluate(ev).supplier("A")
    # professional (1 + 2)/2 = 1.5 < 2, although the blended n = 0.5*0.3 + 0.5*1 = 0.65 is high
    assert a.criteria["Q1"].normalised == approx(0.65)
    assert a.excluded
    assert a.exclusion_reasons == (
        "Q1 Social workers in design: professional score 1.5 is below the minimum 2",)
    assert a.quality == approx(82.5)        # 100 * (0.5 * 0.65 + 0.5 * 1)
    assert a.total is None and a.rank is None


def test_min_score_met_exactly_does_not_exclude() -> None:
    ev = plan(crit("Q1", min_score=2), scores=scores("e1", "A", Q1=1) + scores("e2", "A", Q1=3))
    assert evaluate(ev).supplier("A").excluded is False    # (1 + 3)/2 = 2, not below 2


def test_all_reasons_listed_in_plan_order() -> None:
    ev = plan(crit("Q1", 50, min_score=3), pf("PF1"), crit("Q2", 50, min_score=1.5),
              scores=scores("e1", "A", Q1=2, PF1=FAIL, Q2=1))
    assert evaluate(ev).supplier("A").exclusion_reasons == (
        "Q1: professional score 2 is below the minimum 3",
        "PF1: failed pass/fail criterion",
        "Q2: professional score 1 is below the minimum 1.5",
    )


# --- rank, spread, completeness -------------------------------------------------------------------------

def test_ranking_with_a_tie_shares_the_rank() -> None:
    ev = plan(crit("Q1"), suppliers=(("A", 100), ("B", 125), ("C", 100)),
              quality_weight=50, price_weight=50,
              scores=scores("e1", "A", Q1=4) + scores("e1", "B", Q1=5) + scores("e1", "C", Q1=3))
    result = evaluate(ev)
    a, b, c = result.suppliers
    assert a.total == approx(90)     # 80 * 0.5 + 100 * 0.5
    assert b.total == approx(90)     # 100 * 0.5 + 80 * 0.5  (100 * 100/125 = 80)
    assert c.total == approx(80)     # 60 * 0.5 + 100 * 0.5
    assert [(s.rank, s.tie) for s in result.suppliers] == [(1, True), (1, True), (3, False)]
    assert [s.name for s in result.ranked()] == ["A", "B", "C"]


def test_spread_flag_at_two_levels_but_not_one() -> None:
    ev = plan(crit("Q1", 50), crit("Q2", 50),
              scores=scores("e1", "A", Q1=2, Q2=3) + scores("e2", "A", Q1=4, Q2=4))
    criteria = evaluate(ev).supplier("A").criteria
    assert criteria["Q1"].spread_flag is True     # 4 - 2 = 2
    assert criteria["Q2"].spread_flag is False    # 4 - 3 = 1
    single = evaluate(plan(crit("Q1"), scores=scores("e1", "A", Q1=5))).supplier("A")
    assert single.criteria["Q1"].spread_flag is False


def test_missing_score_makes_quality_none_and_incomplete() -> None:
    sections = (Section("One", 50, (crit("Q1"),)), Section("Two", 50, (crit("Q2"),)))
    ev = Evaluation(DEFAULT_SCALE, sections, (Supplier("A", 100), Supplier("B", 100)),
                    scores=scores("e1", "A", Q1=5, Q2=5) + scores("e1", "B", Q1=5))
    result = evaluate(ev)
    b = result.supplier("B")
    assert b.criteria["Q2"].professional is None and b.criteria["Q2"].normalised is None
    assert b.quality is None and b.total is None and b.rank is None
    assert b.section_scores == {"One": approx(50), "Two": None}   # 100 * 0.5 * 1 * 1
    assert b.complete is False and result.complete is False
    assert result.supplier("A").rank == 1 and result.supplier("A").complete


def test_bad_weights_do_not_crash() -> None:
    sections = (Section("One", 70, (crit("Q1", 30), crit("Q2", None))), Section("PF", 10, (pf("PF1"),)))
    ev = Evaluation(DEFAULT_SCALE, sections, (Supplier("A", 100),),
                    scores=scores("e1", "A", Q1=5, Q2=5, PF1=PASS))
    assert evaluate(ev).supplier("A").quality == approx(21)   # 100 * 0.7 * 0.3 * 1


def test_output_follows_input_order() -> None:
    ev = plan(crit("Q1"), suppliers=(("Z", 100), ("A", 100)),
              scores=scores("e1", "Z", Q1=1) + scores("e1", "A", Q1=5))
    result = evaluate(ev)
    assert [s.name for s in result.suppliers] == ["Z", "A"]
    assert [s.name for s in result.ranked()] == ["A", "Z"]
    assert result.ranks() == {"Z": 2, "A": 1}
