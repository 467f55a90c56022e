"""Sensitivity of the top rank to each section weight: a worked example and properties checked with the engine."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.scoring import (
    Criterion,
    Evaluation,
    Scale,
    Score,
    Section,
    Supplier,
    evaluate,
    sensitivity,
)


def _two_sections(x_scores: tuple[int, int], y_scores: tuple[int, int], weights=(50, 50)) -> Evaluation:
    return Evaluation(
        scale=Scale(0, 5),
        sections=(Section("A", weights[0], (Criterion("A1", weight=100),)),
                  Section("B", weights[1], (Criterion("B1", weight=100),))),
        suppliers=(Supplier("X", 100), Supplier("Y", 100)),
        quality_weight=100, price_weight=0,
        scores=(Score("e", "X", "A1", x_scores[0]), Score("e", "X", "B1", x_scores[1]),
                Score("e", "Y", "A1", y_scores[0]), Score("e", "Y", "B1", y_scores[1])))


def test_worked_example():
    # X: A=5 (1.0), B=2 (0.4); Y: A=1 (0.2), B=5 (1.0). At 50/50: X 70, Y 60.
    # With w_A = x: X = 40 + 0.6x, Y = 100 - 0.8x, equal at x = 300/7 (so 50/7 points lower).
    result = sensitivity(_two_sections((5, 2), (1, 5)))
    assert result.leaders == ("X",)
    a, b = result.sections
    assert a.section == "A" and a.up is None
    assert a.down is not None and a.down.weight == Fraction(300, 7) and a.down.movement == Fraction(50, 7)
    assert a.down.leaders == ("X", "Y")
    assert b.down is None
    assert b.up is not None and b.up.weight == Fraction(400, 7) and b.up.leaders == ("X", "Y")
    assert a.nearest == a.down


def test_a_dominant_leader_never_changes():
    result = sensitivity(_two_sections((5, 5), (1, 1)))
    assert all(s.down is None and s.up is None for s in result.sections)
    assert result.leaders == ("X",)


def test_a_tie_at_the_top_breaks_at_once():
    result = sensitivity(_two_sections((5, 1), (1, 5)))  # 60 each at 50/50
    assert result.leaders == ("X", "Y")
    a = result.sections[0]
    assert a.down is not None and a.down.movement == 0 and a.down.leaders == ("Y",)
    assert a.up is not None and a.up.movement == 0 and a.up.leaders == ("X",)


def test_nobody_ranked_and_pass_fail_sections_are_left_out():
    evaluation = Evaluation(scale=Scale(0, 5), sections=(
        Section("A", 100, (Criterion("A1", weight=100),)),
        Section("Checks", 0, (Criterion("P1", kind="pass_fail"),))), suppliers=(Supplier("X", 1),))
    result = sensitivity(evaluation)
    assert result.leaders == ()
    assert [s.section for s in result.sections] == ["A"]


def _moved(evaluation: Evaluation, index: int, x: Fraction) -> Evaluation:
    from dataclasses import replace

    current = Fraction(evaluation.sections[index].weight)
    sections = tuple(replace(s, weight=x if k == index else Fraction(s.weight) * (100 - x) / (100 - current))
                     for k, s in enumerate(evaluation.sections))
    return replace(evaluation, sections=sections)


def _leaders(evaluation: Evaluation) -> tuple[str, ...]:
    return tuple(sorted(s.name for s in evaluate(evaluation).suppliers if s.rank == 1))


section_weights = st.lists(st.integers(5, 60), min_size=2, max_size=4).map(
    lambda ws: [*ws[:-1], 0]).filter(lambda ws: sum(ws[:-1]) < 100).map(lambda ws: [*ws[:-1], 100 - sum(ws[:-1])])


def _drawn_evaluation(weights: list[int], data: st.DataObject, names: list[str]) -> Evaluation:
    """One criterion per section, one evaluator, drawn prices (80–120) and scores (0–5), quality 80 / price 20."""
    sections = tuple(Section(f"Sec{k}", w, (Criterion(f"C{k}", weight=100),)) for k, w in enumerate(weights))
    suppliers = tuple(Supplier(n, data.draw(st.integers(80, 120), label="price")) for n in names)
    scores = tuple(Score("e", n, f"C{k}", data.draw(st.integers(0, 5), label="score"))
                   for n in names for k in range(len(weights)))
    return Evaluation(scale=Scale(0, 5), sections=sections, suppliers=suppliers, quality_weight=80,
                      price_weight=20, scores=scores)


@settings(max_examples=60, deadline=None)
@given(weights=section_weights, data=st.data())
def test_changes_happen_exactly_where_the_engine_says(weights, data):
    evaluation = _drawn_evaluation(weights, data, ["S1", "S2", "S3"])
    result = sensitivity(evaluation)
    today = _leaders(evaluation)
    assert result.leaders == today
    for index, item in enumerate(result.sections):
        current = Fraction(weights[index])
        for change, end in ((item.down, Fraction(0)), (item.up, Fraction(100))):
            if change is None:
                if end != current and current != 100:
                    assert _leaders(_moved(evaluation, index, end)) == today
                    assert _leaders(_moved(evaluation, index, (end + current) / 2)) == today
                continue
            assert change.movement == abs(change.weight - current)
            if change.weight != current:
                assert _leaders(_moved(evaluation, index, change.weight)) == change.leaders != today
                assert _leaders(_moved(evaluation, index, (change.weight + current) / 2)) == today


@settings(max_examples=80, deadline=None)
@given(weights=section_weights, data=st.data())
def test_walking_only_the_leaders_crossings_finds_what_walking_every_crossing_finds(weights, data):
    """With up to eight suppliers (many crossings away from the top), the first change is the one a walk through
    every pairwise crossing finds."""
    from workbench.scoring.engine import calculate
    from workbench.scoring.sensitivity import _first_change, _lines, _ranked

    names = [f"S{k}" for k in range(data.draw(st.integers(2, 8), label="suppliers"))]
    evaluation = _drawn_evaluation(weights, data, names)
    result = sensitivity(evaluation)
    ranked = _ranked(calculate(evaluation))
    for index, item in enumerate(result.sections):
        lines = _lines(evaluation, ranked, index)
        every = {(b.a - a.a) / (a.b - b.b) for a in lines for b in lines if a.b != b.b}
        current = Fraction(weights[index])
        below = sorted((p for p in every if 0 <= p < current), reverse=True)
        above = sorted(p for p in every if current < p <= 100)
        assert item.down == (_first_change(lines, current, below, Fraction(0)) if current > 0 else None)
        assert item.up == (_first_change(lines, current, above, Fraction(100)) if current < 100 else None)
