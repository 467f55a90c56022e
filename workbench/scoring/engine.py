"""The scoring rules of design.md ("Scoring rules"), computed exactly with fractions.

Every input number is read with ``weights.as_fraction`` (0.1 is exactly one tenth) and every figure is kept as
a ``Fraction`` until the result objects are built, so ties are exact equality and figures match a hand
computation. ``evaluate`` never refuses bad weights (callers check ``weight_problems_for`` first).

Prices: the importers reject prices <= 0. Should one reach the engine, a lowest price <= 0 gives the bid(s)
at that price a price score of 100 and every other bid 0 (with either method), instead of dividing by zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import NamedTuple

from .model import FAIL, PASS, Criterion, Evaluation, Kind, PriceMethod, Scale, Section, Supplier
from .results import CriterionResult, EvaluationResult, SupplierResult
from .weights import WeightedCriterion, WeightedSection, WeightProblem, as_fraction, weight_problems

_ZERO = Fraction(0)
_HUNDRED = Fraction(100)

Key = tuple[str, str]  # (supplier name, criterion code)


# --- reading values -------------------------------------------------------------------------------------

def _pass_fail(value: object) -> str | None:
    """``PASS`` / ``FAIL`` for a pass/fail value (any case), else None."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in (PASS, FAIL):
            return text
    return None


def _number(value: object) -> Fraction | int | None:
    """The exact number a score holds (an ``int`` stays an ``int``), or None if it holds none (e.g. "pass")."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        if isinstance(value, str):
            return None if _pass_fail(value) else Fraction(value.strip())
        return as_fraction(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def _mean(values: Iterable[Fraction | int]) -> Fraction | None:
    """Exact mean; whole numbers are added up as ``int`` and make a single ``Fraction``."""
    items = list(values)
    if not items:
        return None
    total = sum(items)
    return Fraction(total, len(items)) if isinstance(total, int) else Fraction(total) / len(items)


def _fmt(value: Fraction) -> str:
    """A number for a sentence: 2, 1.5, 1.667."""
    return f"{round(float(value), 3):g}"


def _label(criterion: Criterion) -> str:
    return f"{criterion.code} {criterion.title}" if criterion.title else criterion.code


# --- the evaluation's inputs, indexed once ---------------------------------------------------------------

class _Tally:
    """The scores on one (supplier, criterion), added up as they are read: numeric ones (count, exact total,
    lowest, highest) and pass/fail ones. Single scores and ``ScoreTally`` rows add up the same way, so an
    evaluation gives the same figures whichever way its scores arrive."""

    __slots__ = ("count", "fails", "high", "low", "passes", "total")

    def __init__(self) -> None:
        self.count, self.total, self.passes, self.fails = 0, 0, 0, 0
        self.low: Fraction | int | None = None
        self.high: Fraction | int | None = None

    def add(self, value: object) -> None:
        number = _number(value)
        if number is not None:
            self.add_numbers(1, number, number, number)
            return
        verdict = _pass_fail(value)
        if verdict == PASS:
            self.passes += 1
        elif verdict == FAIL:
            self.fails += 1

    def add_numbers(self, count: int, total: Fraction | int, low: Fraction | int, high: Fraction | int) -> None:
        if not count:
            return
        self.count += count
        self.total += total
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)

    def mean(self) -> Fraction | None:
        if not self.count:
            return None
        total = self.total
        return Fraction(total, self.count) if isinstance(total, int) else Fraction(total) / self.count

    def spread(self) -> bool:
        """Two or more numeric scores at least 2 points apart."""
        return self.count > 1 and self.high - self.low >= 2  # type: ignore[operator]


_NO_SCORES = _Tally()


@dataclass(frozen=True)
class _Inputs:
    """Non-conflicted submitted scores (tallied), consensus values (raw) and youth answers (count, total) by (s, c)."""

    scores: dict[Key, _Tally]
    consensus: dict[Key, list[object]]
    youth: dict[Key, list[Fraction | int]]  # [count, total]


def _youth_map(evaluation: Evaluation) -> dict[str, tuple[str, ...]]:
    """Question id → the criterion codes it maps to (each once)."""
    mapping: dict[str, dict[str, None]] = defaultdict(dict)
    for question in evaluation.youth_questions:
        mapping[question.id].update(dict.fromkeys(question.criteria))
    return {qid: tuple(codes) for qid, codes in mapping.items()}


def _exact(value: object) -> Fraction | int:
    number = _number(value)
    if number is None:
        raise ValueError(f"A score tally needs numbers, not {value!r}")
    return number


def _score_index(evaluation: Evaluation) -> dict[Key, _Tally]:
    conflicted = {(c.evaluator, c.supplier) for c in evaluation.conflicts}
    scores: dict[Key, _Tally] = defaultdict(_Tally)
    for score in evaluation.scores:
        if (score.evaluator, score.supplier) not in conflicted:
            scores[(score.supplier, score.criterion)].add(score.value)
    for tally in evaluation.score_tallies:
        into = scores[(tally.supplier, tally.criterion)]
        if tally.count:
            into.add_numbers(tally.count, _exact(tally.total), _exact(tally.low), _exact(tally.high))
        into.passes += tally.passes
        into.fails += tally.fails
    return dict(scores)


def _youth_index(evaluation: Evaluation) -> dict[Key, list[Fraction | int]]:
    mapping = _youth_map(evaluation)
    youth: dict[Key, list[Fraction | int]] = defaultdict(lambda: [0, 0])
    tallies = [(a.supplier, a.question, 1, value) for a in evaluation.youth_answers
               if (value := _number(a.answer)) is not None]  # "Not sure" is not an answer
    tallies += [(t.supplier, t.question, t.count, t.total) for t in evaluation.youth_tallies if t.count]
    for supplier, question, count, total in tallies:
        for code in mapping.get(question, ()):
            entry = youth[(supplier, code)]
            entry[0] += count
            entry[1] += total
    return dict(youth)


def _index(evaluation: Evaluation) -> _Inputs:
    consensus: dict[Key, list[object]] = defaultdict(list)
    for agreed in evaluation.consensus:
        consensus[(agreed.supplier, agreed.criterion)].append(agreed.value)
    return _Inputs(_score_index(evaluation), dict(consensus), _youth_index(evaluation))


# --- one supplier on one criterion -----------------------------------------------------------------------

@dataclass(frozen=True)
class _CriterionCalc:
    criterion: Criterion
    professional: Fraction | str | None
    youth: Fraction | None
    youth_count: int
    n: Fraction | None
    weighted: Fraction | None
    spread: bool
    moderated: bool
    score_count: int
    complete: bool
    exclusion: str | None

    def result(self) -> CriterionResult:
        prof = self.professional
        return CriterionResult(
            code=self.criterion.code,
            kind=str(self.criterion.kind),
            professional=prof if prof is None or isinstance(prof, str) else float(prof),
            youth=_float(self.youth),
            normalised=_float(self.n),
            spread_flag=self.spread,
            weighted=_float(self.weighted),
            moderated=self.moderated,
            score_count=self.score_count,
            youth_count=self.youth_count,
        )


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _youth_mean(inputs: _Inputs, key: Key) -> tuple[Fraction | None, int]:
    count, total = inputs.youth.get(key, (0, 0))
    if not count:
        return None, 0
    return (Fraction(total, count) if isinstance(total, int) else Fraction(total) / count), int(count)


def _normalise(value: Fraction, scale: Scale) -> Fraction:
    """``(value - min) / (max - min)``, built as one fraction (the same exact number, made faster)."""
    return Fraction(value.numerator - scale.min * value.denominator, value.denominator * (scale.max - scale.min))


def _blend(share: Fraction, n_prof: Fraction | None, n_youth: Fraction | None) -> Fraction | None:
    """``(1 - share) * n_prof + share * n_youth``; an input with no part in it may be missing."""
    if share == 0:
        return n_prof
    if share == 1:
        return n_youth
    if n_prof is None or n_youth is None:
        return None
    return (1 - share) * n_prof + share * n_youth


@dataclass(frozen=True)
class _Fixed:
    """A scored criterion's exact constants, read once per evaluation (not once per supplier)."""

    share: Fraction         # the young people's share, 0–1
    threshold: Fraction | None
    part: Fraction          # criterion weight / 100: its part of the section
    coefficient: Fraction   # section weight * criterion weight / 100: points of quality per unit of n


def _fixed(criterion: Criterion, section: Section) -> _Fixed:
    part = as_fraction(criterion.weight) / _HUNDRED
    return _Fixed(share=as_fraction(criterion.youth_share) / _HUNDRED,
                  threshold=None if criterion.min_score is None else as_fraction(criterion.min_score),
                  part=part, coefficient=as_fraction(section.weight) * part)


def _scored(criterion: Criterion, fixed: _Fixed, supplier: str, inputs: _Inputs, scale: Scale) -> _CriterionCalc:
    key = (supplier, criterion.code)
    tally = inputs.scores.get(key, _NO_SCORES)
    agreed = [v for v in map(_number, inputs.consensus.get(key, ())) if v is not None]
    professional = _mean(agreed) if agreed else tally.mean()
    youth, youth_count = _youth_mean(inputs, key)
    share, threshold = fixed.share, fixed.threshold
    n_prof = None if professional is None else _normalise(professional, scale)
    n_youth = None if youth is None else (youth - 1) / 4  # mean of (a-1)/4 == (mean a - 1)/4
    n = _blend(share, n_prof, n_youth)
    complete = ((share == 1 or professional is not None) and (share == 0 or youth is not None)
                and (threshold is None or professional is not None))
    exclusion = None
    if threshold is not None and professional is not None and professional < threshold:
        exclusion = (f"{_label(criterion)}: professional score {_fmt(professional)} "
                     f"is below the minimum {_fmt(threshold)}")
    weighted = None if n is None else fixed.coefficient * n
    return _CriterionCalc(
        criterion, professional, youth, youth_count, n, weighted,
        spread=tally.spread(), moderated=bool(agreed), score_count=tally.count, complete=complete,
        exclusion=exclusion)


def _pass_fail_result(criterion: Criterion, supplier: str, inputs: _Inputs) -> _CriterionCalc:
    key = (supplier, criterion.code)
    tally = inputs.scores.get(key, _NO_SCORES)
    agreed = [v for v in map(_pass_fail, inputs.consensus.get(key, [])) if v is not None]
    fails, passes = (FAIL in agreed, PASS in agreed) if agreed else (tally.fails > 0, tally.passes > 0)
    result = FAIL if fails else PASS if passes else None
    youth, youth_count = _youth_mean(inputs, key)
    exclusion = f"{_label(criterion)}: failed pass/fail criterion" if result == FAIL else None
    return _CriterionCalc(
        criterion, result, youth, youth_count, n=None, weighted=None,
        spread=bool(tally.passes and tally.fails), moderated=bool(agreed), score_count=tally.passes + tally.fails,
        complete=result is not None, exclusion=exclusion)


# --- one supplier -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _SupplierCalc:
    """``attainment``: per section (plan order), Σ criterion weight/100 * n over its scored criteria (0–1), None
    if any n is missing; the section's score is its weight times that."""

    supplier: Supplier
    criteria: tuple[_CriterionCalc, ...]
    section_scores: dict[str, Fraction | None]
    quality: Fraction | None
    reasons: tuple[str, ...]
    inputs_complete: bool
    attainment: tuple[Fraction | None, ...]


class _Plan(NamedTuple):
    """The plan's sections with each scored criterion's constants (None for pass/fail)."""

    sections: tuple[tuple[Section, Fraction, tuple[tuple[Criterion, _Fixed | None], ...]], ...]


def _plan(evaluation: Evaluation) -> _Plan:
    return _Plan(tuple(
        (section, as_fraction(section.weight),
         tuple((c, None if c.kind == Kind.PASS_FAIL else _fixed(c, section)) for c in section.criteria))
        for section in evaluation.sections))


def _section(criteria: tuple[tuple[Criterion, _Fixed | None], ...], supplier: str, inputs: _Inputs,
             scale: Scale) -> tuple[list[_CriterionCalc], Fraction | None]:
    """One section's calculations, and its attainment (None if a scored criterion has no n)."""
    calcs: list[_CriterionCalc] = []
    attainment: Fraction | None = _ZERO
    for criterion, fixed in criteria:
        if fixed is None:
            calcs.append(_pass_fail_result(criterion, supplier, inputs))
            continue
        calc = _scored(criterion, fixed, supplier, inputs, scale)
        calcs.append(calc)
        if attainment is not None:
            attainment = None if calc.n is None else attainment + fixed.part * calc.n
    return calcs, attainment


def _supplier(evaluation: Evaluation, supplier: Supplier, inputs: _Inputs, plan: _Plan | None = None) -> _SupplierCalc:
    plan = plan or _plan(evaluation)
    calcs: list[_CriterionCalc] = []
    attainments: list[Fraction | None] = []
    section_scores: dict[str, Fraction | None] = {}
    quality: Fraction | None = _ZERO
    for section, weight, criteria in plan.sections:
        section_calcs, attainment = _section(criteria, supplier.name, inputs, evaluation.scale)
        calcs.extend(section_calcs)
        attainments.append(attainment)
        score = None if attainment is None else weight * attainment
        if section.name in section_scores:  # two sections of one name: add them up
            previous = section_scores[section.name]
            score = None if previous is None or score is None else previous + score
        section_scores[section.name] = score
        if quality is not None:
            quality = None if attainment is None else quality + weight * attainment
    return _SupplierCalc(
        supplier, tuple(calcs), section_scores, quality=quality,
        reasons=tuple(c.exclusion for c in calcs if c.exclusion is not None),
        inputs_complete=all(c.complete for c in calcs), attainment=tuple(attainments))


# --- price, total, rank --------------------------------------------------------------------------------

def price_score(price: Fraction, lowest: Fraction, method: PriceMethod) -> Fraction:
    """Price score 0–100 of a bid, given the lowest non-excluded price (see the module note on <= 0)."""
    if lowest <= 0:
        return _HUNDRED if price <= lowest else _ZERO
    if method == PriceMethod.LINEAR:
        return max(_ZERO, _HUNDRED * (1 - (price - lowest) / lowest))
    return _HUNDRED * lowest / price


def _lowest_price(calcs: Iterable[_SupplierCalc]) -> Fraction | None:
    prices = [as_fraction(c.supplier.price) for c in calcs
              if not c.reasons and c.supplier.price is not None]
    return min(prices) if prices else None


def rank_values(values: dict[str, Fraction]) -> dict[str, tuple[int, bool]]:
    """Name → (rank, tie), highest value first; equal values share a rank (1, 1, 3)."""
    ordered = sorted(values.values(), reverse=True)
    ranks: dict[str, tuple[int, bool]] = {}
    for name, value in values.items():
        ranks[name] = (1 + sum(1 for v in ordered if v > value), ordered.count(value) > 1)
    return ranks


class _Priced(NamedTuple):
    price_score: Fraction | None
    total: Fraction | None
    complete: bool


def _priced(evaluation: Evaluation, calc: _SupplierCalc, lowest: Fraction | None) -> _Priced:
    """Price score, total and completeness of one supplier."""
    pw = as_fraction(evaluation.price_weight)
    qw = as_fraction(evaluation.quality_weight)
    excluded = bool(calc.reasons)
    score = None
    if not excluded and calc.supplier.price is not None and lowest is not None:
        score = price_score(as_fraction(calc.supplier.price), lowest, evaluation.price_method)
    price_missing = pw != 0 and not excluded and score is None
    total = None
    if not excluded and calc.quality is not None and not price_missing:
        total = calc.quality * qw / _HUNDRED + (score or _ZERO) * pw / _HUNDRED
    return _Priced(score, total, calc.inputs_complete and not price_missing)


def _supplier_result(calc: _SupplierCalc, priced: _Priced, rank: tuple[int, bool] | None) -> SupplierResult:
    return SupplierResult(
        name=calc.supplier.name,
        quality=_float(calc.quality),
        price_score=_float(priced.price_score),
        total=_float(priced.total),
        rank=rank[0] if rank else None,
        excluded=bool(calc.reasons),
        exclusion_reasons=calc.reasons,
        tie=rank[1] if rank else False,
        complete=priced.complete,
        criteria={c.criterion.code: c.result() for c in calc.criteria},
        section_scores={name: _float(v) for name, v in calc.section_scores.items()},
    )


@dataclass(frozen=True)
class Calculation:
    """One run of the exact calculations: what ``evaluate`` reports and ``sensitivity`` reuses."""

    evaluation: Evaluation
    inputs: _Inputs
    suppliers: tuple[_SupplierCalc, ...]
    lowest: Fraction | None
    priced: tuple[_Priced, ...]

    def result(self) -> EvaluationResult:
        totals = {c.supplier.name: p.total for c, p in zip(self.suppliers, self.priced, strict=True)
                  if p.total is not None}
        ranks = rank_values(totals)
        suppliers = tuple(_supplier_result(c, p, ranks.get(c.supplier.name))
                          for c, p in zip(self.suppliers, self.priced, strict=True))
        return EvaluationResult(suppliers, all(s.complete for s in suppliers), _float(self.lowest))


def calculate(evaluation: Evaluation) -> Calculation:
    """The exact figures of every supplier (``evaluate`` = ``calculate(...).result()``)."""
    inputs = _index(evaluation)
    plan = _plan(evaluation)
    calcs = tuple(_supplier(evaluation, s, inputs, plan) for s in evaluation.suppliers)
    lowest = _lowest_price(calcs)
    return Calculation(evaluation, inputs, calcs, lowest, tuple(_priced(evaluation, c, lowest) for c in calcs))


def evaluate(evaluation: Evaluation) -> EvaluationResult:
    """Every supplier's figures, in the input order of ``evaluation.suppliers``."""
    return calculate(evaluation).result()


# --- helpers for callers -------------------------------------------------------------------------------

def weight_problems_for(evaluation: Evaluation) -> list[WeightProblem]:
    """The weight rule (``weights.weight_problems``) applied to the evaluation's sections."""
    return weight_problems([
        WeightedSection(s.name, s.weight,
                        [WeightedCriterion(c.code, str(c.kind), c.weight) for c in s.criteria])
        for s in evaluation.sections
    ])


class ScoreRange(NamedTuple):
    """The numeric scores given on one criterion across all suppliers (conflicted evaluators left out)."""

    low: Fraction | int
    mean: Fraction
    high: Fraction | int


def score_ranges(evaluation: Evaluation) -> dict[str, ScoreRange]:
    """Criterion code → lowest, mean and highest numeric score over every supplier; criteria without one are left
    out. (What the evaluator-spread chart shows.)"""
    by_criterion: dict[str, _Tally] = defaultdict(_Tally)
    for (_, code), tally in _score_index(evaluation).items():
        if tally.count:
            by_criterion[code].add_numbers(tally.count, tally.total, tally.low, tally.high)  # type: ignore[arg-type]
    return {code: ScoreRange(t.low, t.mean(), t.high)  # type: ignore[arg-type]
            for code, t in by_criterion.items()}


class YouthRank(NamedTuple):
    supplier: str
    score: float | None  # 0–100
    rank: int | None


def _youth_score(evaluation: Evaluation, supplier: str, inputs: _Inputs) -> Fraction | None:
    """Weighted mean (0–100) of n_youth over the scored criteria with an answer for this supplier."""
    parts: list[tuple[Fraction, Fraction]] = []
    for section in evaluation.sections:
        for criterion in section.criteria:
            youth, _ = _youth_mean(inputs, (supplier, criterion.code))
            if criterion.kind == Kind.SCORED and youth is not None:
                weight = as_fraction(section.weight) * as_fraction(criterion.weight)
                parts.append((weight, (youth - 1) / 4))
    if not parts:
        return None
    total_weight = sum((w for w, _ in parts), _ZERO)
    if total_weight == 0:  # all-zero weights: a plain mean rather than 0/0
        return _HUNDRED * sum((n for _, n in parts), _ZERO) / len(parts)
    return _HUNDRED * sum((w * n for w, n in parts), _ZERO) / total_weight


def youth_only_ranking(evaluation: Evaluation, result: EvaluationResult | None = None) -> list[YouthRank]:
    """The young people's view alone, in input order; excluded suppliers get a score but no rank.

    ``result``: ``evaluate(evaluation)`` when the caller already has it (saves running the engine again)."""
    inputs = _index(evaluation)
    excluded = {s.name for s in (result or evaluate(evaluation)).suppliers if s.excluded}
    scores = {s.name: _youth_score(evaluation, s.name, inputs) for s in evaluation.suppliers}
    ranks = rank_values({n: v for n, v in scores.items() if v is not None and n not in excluded})
    return [YouthRank(s.name, _float(scores[s.name]), ranks[s.name][0] if s.name in ranks else None)
            for s in evaluation.suppliers]


def without_youth(evaluation: Evaluation) -> Evaluation:
    """The same evaluation with every criterion's youth_share set to 0."""
    sections = tuple(replace(s, criteria=tuple(replace(c, youth_share=0) for c in s.criteria))
                     for s in evaluation.sections)
    return replace(evaluation, sections=sections)


def ranking_without_youth(evaluation: Evaluation) -> dict[str, int | None]:
    """Supplier → rank had the young people been given no share (compare with ``evaluate(...).ranks()``)."""
    return evaluate(without_youth(evaluation)).ranks()
