"""Properties of the engine over generated, valid, complete evaluations (hypothesis)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.scoring import (
    FAIL,
    PASS,
    Conflict,
    Consensus,
    Criterion,
    Evaluation,
    EvaluationResult,
    Kind,
    PriceMethod,
    Scale,
    Score,
    Section,
    Supplier,
    YouthAnswer,
    YouthQuestion,
    evaluate,
    weight_problems_for,
)

FAST = settings(max_examples=60, deadline=None)
EPS = 1e-9


@st.composite
def weights(draw: st.DrawFn, count: int) -> list[float]:
    """``count`` weights with one decimal place that add up to exactly 100 (as typed)."""
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=count - 1, max_size=count - 1)))
    return [(b - a) / 10 for a, b in zip([0, *cuts], [*cuts, 1000], strict=True)]


@st.composite
def sections(draw: st.DrawFn, scale: Scale) -> tuple[Section, ...]:
    count = draw(st.integers(1, 3))
    result = []
    for i, section_weight in enumerate(draw(weights(count))):
        n = draw(st.integers(1, 3))
        criteria = [
            Criterion(f"Q{i}{j}", weight=w, youth_share=draw(st.sampled_from([0, 0, 10, 25, 50, 100])),
                      min_score=draw(st.none() | st.none() | st.integers(scale.min, scale.max)))
            for j, w in enumerate(draw(weights(n)))
        ]
        if draw(st.booleans()):
            criteria.append(Criterion(f"PF{i}", kind=Kind.PASS_FAIL))
        result.append(Section(f"Section {i}", section_weight, tuple(criteria)))
    return tuple(result)


def _score_values(criterion: Criterion, scale: Scale) -> st.SearchStrategy[object]:
    if criterion.kind == Kind.PASS_FAIL:
        return st.sampled_from([PASS, PASS, PASS, FAIL])
    return st.integers(scale.min, scale.max)


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    """A valid evaluation in which every supplier is complete (e0 scores everything, P0 answers all)."""
    scale = draw(st.sampled_from([Scale(0, 5), Scale(1, 10), Scale(0, 3)]))
    plan = draw(sections(scale))
    criteria = [c for s in plan for c in s.criteria]
    names = [f"Supplier {k}" for k in range(draw(st.integers(1, 4)))]
    prices = [draw(st.integers(1, 10**6) | st.decimals(1, 10**6, places=2)) for _ in names]
    evaluators = [f"e{k}" for k in range(draw(st.integers(1, 3)))]
    conflicts = [Conflict(e, s) for e in evaluators[1:] for s in names if draw(st.booleans())]
    scores, consensus = [], []
    for supplier in names:
        for criterion in criteria:
            values = _score_values(criterion, scale)
            for evaluator in evaluators:
                if evaluator == "e0" or draw(st.booleans()):
                    scores.append(Score(evaluator, supplier, criterion.code, draw(values)))
            if draw(st.integers(0, 4)) == 0:
                consensus.append(Consensus(supplier, criterion.code, draw(values)))
    scored = [c.code for c in criteria if c.kind == Kind.SCORED]
    questions = [YouthQuestion(f"YP-{c.code}", (c.code,)) for c in criteria]
    if len(scored) > 1:
        questions.append(YouthQuestion("YP-both", (scored[0], scored[1])))
    answers = [YouthAnswer(f"P{r}", supplier, q.id, draw(st.integers(1, 5)) if r == 0 else
                           draw(st.none() | st.integers(1, 5)))
               for supplier in names for q in questions for r in range(draw(st.integers(1, 3)))]
    quality_weight = draw(st.integers(0, 100))
    return Evaluation(
        scale, plan, tuple(Supplier(n, p) for n, p in zip(names, prices, strict=True)),
        quality_weight=quality_weight, price_weight=100 - quality_weight,
        price_method=draw(st.sampled_from(list(PriceMethod))),
        scores=tuple(scores), consensus=tuple(consensus), conflicts=tuple(conflicts),
        youth_questions=tuple(questions), youth_answers=tuple(answers))


def _within(value: float | None) -> bool:
    return value is None or -EPS <= value <= 100 + EPS


@FAST
@given(evaluations())
def test_generated_evaluations_are_valid_and_complete(ev: Evaluation) -> None:
    assert weight_problems_for(ev) == []
    result = evaluate(ev)
    assert result.complete
    assert all(s.quality is not None for s in result.suppliers)


@FAST
@given(evaluations())
def test_scores_stay_within_0_and_100(ev: Evaluation) -> None:
    for supplier in evaluate(ev).suppliers:
        assert _within(supplier.quality) and _within(supplier.price_score) and _within(supplier.total)
        for criterion in supplier.criteria.values():
            assert criterion.normalised is None or -EPS <= criterion.normalised <= 1 + EPS


@FAST
@given(evaluations(), st.data())
def test_raising_a_score_never_lowers_quality(ev: Evaluation, data: st.DataObject) -> None:
    raisable = [i for i, s in enumerate(ev.scores) if isinstance(s.value, int) and s.value < ev.scale.max]
    if not raisable:
        return
    i = data.draw(st.sampled_from(raisable))
    raised = list(ev.scores)
    raised[i] = replace(raised[i], value=raised[i].value + 1)  # type: ignore[operator]
    before = evaluate(ev).supplier(ev.scores[i].supplier).quality
    after = evaluate(replace(ev, scores=tuple(raised))).supplier(ev.scores[i].supplier).quality
    assert before is not None and after is not None
    assert after >= before


@FAST
@given(evaluations())
def test_excluded_suppliers_are_never_ranked(ev: Evaluation) -> None:
    for supplier in evaluate(ev).suppliers:
        assert supplier.excluded == bool(supplier.exclusion_reasons)
        if supplier.excluded:
            assert (supplier.rank, supplier.total, supplier.price_score) == (None, None, None)
            assert supplier.tie is False


@FAST
@given(evaluations(), st.data())
def test_permuting_inputs_changes_no_figure(ev: Evaluation, data: st.DataObject) -> None:
    def shuffled(items: tuple[object, ...]) -> tuple[object, ...]:
        return tuple(data.draw(st.permutations(items)))

    permuted = replace(ev, suppliers=shuffled(ev.suppliers), scores=shuffled(ev.scores),
                       consensus=shuffled(ev.consensus), conflicts=shuffled(ev.conflicts),
                       youth_answers=shuffled(ev.youth_answers))
    before, after = evaluate(ev), evaluate(permuted)
    assert {s.name: s for s in before.suppliers} == {s.name: s for s in after.suppliers}
    assert (before.complete, before.lowest_price) == (after.complete, after.lowest_price)
    assert [s.name for s in after.suppliers] == [s.name for s in permuted.suppliers]   # input order


def _check_ranks(result: EvaluationResult) -> None:
    ranked = [s for s in result.suppliers if s.rank is not None]
    assert {s.name for s in ranked} == {s.name for s in result.suppliers
                                        if not s.excluded and s.total is not None}
    if ranked:
        assert min(s.rank for s in ranked) == 1  # type: ignore[type-var]
    for s in ranked:
        assert s.total is not None
        assert s.rank == 1 + sum(1 for o in ranked if o.total > s.total)  # type: ignore[operator]
        assert s.tie == any(o is not s and o.total == s.total for o in ranked)


@FAST
@given(evaluations())
def test_ranks_are_one_based_and_follow_totals(ev: Evaluation) -> None:
    _check_ranks(evaluate(ev))


@FAST
@given(evaluations())
def test_equal_bids_tie(ev: Evaluation) -> None:
    """A copy of the first supplier, with the same price, scores and answers, ties with it."""
    first = ev.suppliers[0].name

    def copied(items: tuple) -> tuple:
        return items + tuple(replace(x, supplier="Twin") for x in items if x.supplier == first)

    doubled = replace(ev, suppliers=(*ev.suppliers, replace(ev.suppliers[0], name="Twin")),
                      scores=copied(ev.scores), youth_answers=copied(ev.youth_answers),
                      consensus=copied(ev.consensus), conflicts=copied(ev.conflicts))
    result = evaluate(doubled)
    original, copy = result.suppliers[0], result.supplier("Twin")
    assert (original.rank, original.tie) == (copy.rank, copy.tie)
    assert original.rank is None or original.tie
    _check_ranks(result)
