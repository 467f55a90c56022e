"""How robust is the award? For each section weight, how far it must move before the top-ranked supplier changes.

When section ``j``'s weight moves from ``w_j`` to ``x`` (0–100), the other weighted sections are rescaled in
proportion so that the section weights still sum to 100: ``w_k' = w_k * (100 - x) / (100 - w_j)``. (If ``w_j`` is
100 the others all weigh 0 and cannot be rescaled in proportion; they then share ``100 - x`` equally.) Criterion
weights, scores, prices and exclusions do not change, so every ranked supplier's total is a straight line in
``x``, and the top of the ranking can only change where two lines cross. Everything is computed exactly with
the engine's fractions, so a tie is exact equality.

The answer per section is the nearest weight below and above the current one at which the set of top-ranked
suppliers differs from today's (another supplier draws level or overtakes), with the new leaders there; None in a
direction means the leader never changes that way (within 0–100). Only ranked suppliers take part: excluded or
incomplete suppliers have no total. Pure: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .engine import Calculation, calculate
from .model import Evaluation
from .weights import as_fraction

_HUNDRED = Fraction(100)


@dataclass(frozen=True)
class Change:
    """The top changes at section weight ``weight`` (percent); ``leaders`` are the top-ranked suppliers there."""

    weight: Fraction
    movement: Fraction  # |weight - current weight|, in percentage points
    leaders: tuple[str, ...]


@dataclass(frozen=True)
class SectionSensitivity:
    section: str
    weight: Fraction
    down: Change | None  # lowering the weight: None = the leader never changes
    up: Change | None    # raising the weight: None = the leader never changes

    @property
    def nearest(self) -> Change | None:
        changes = [c for c in (self.down, self.up) if c is not None]
        return min(changes, key=lambda c: c.movement) if changes else None


@dataclass(frozen=True)
class Sensitivity:
    leaders: tuple[str, ...]  # today's top-ranked supplier(s); empty when nobody is ranked
    sections: tuple[SectionSensitivity, ...]


@dataclass(frozen=True)
class _Line:
    """Total = ``a + b * x`` for section weight ``x``."""

    name: str
    a: Fraction
    b: Fraction

    def at(self, x: Fraction) -> Fraction:
        return self.a + self.b * x


@dataclass(frozen=True)
class _Ranked:
    """A ranked supplier's fixed part: price points, and its attainment (0–1) in each section."""

    name: str
    price_points: Fraction
    attainment: tuple[Fraction | None, ...]


def _ranked(calculation: Calculation) -> list[_Ranked]:
    """The ranked suppliers, from the engine's exact calculations (each section's attainment is kept there)."""
    pw = as_fraction(calculation.evaluation.price_weight) / _HUNDRED
    return [_Ranked(calc.supplier.name, (priced.price_score or Fraction(0)) * pw, calc.attainment)
            for calc, priced in zip(calculation.suppliers, calculation.priced, strict=True)
            if priced.total is not None]


def _lines(evaluation: Evaluation, ranked: list[_Ranked], index: int) -> list[_Line]:
    """One line per ranked supplier: its total as a function of section ``index``'s weight."""
    qw = as_fraction(evaluation.quality_weight) / _HUNDRED
    sections = evaluation.sections
    weights = [as_fraction(s.weight) for s in sections]
    others = [k for k, s in enumerate(sections) if k != index and s.weighted]
    other_total = sum((weights[k] for k in others), Fraction(0))
    lines = []
    for supplier in ranked:
        attain = supplier.attainment
        if attain[index] is None or any(attain[k] is None for k in others):
            continue
        if other_total:
            rest = sum((weights[k] * attain[k] for k in others), Fraction(0)) / other_total  # type: ignore[operator]
        else:
            rest = sum((attain[k] for k in others), Fraction(0)) / len(others) if others else Fraction(0)  # type: ignore[misc]
        # quality(x) = x * A_j + (100 - x) * rest; total = qw * quality + price points
        lines.append(_Line(supplier.name, qw * _HUNDRED * rest + supplier.price_points,
                           qw * (attain[index] - rest)))  # type: ignore[operator]
    return lines


def _leaders(lines: list[_Line], x: Fraction) -> tuple[str, ...]:
    best = max(line.at(x) for line in lines)
    return tuple(sorted(line.name for line in lines if line.at(x) == best))


def _crossings(lines: list[_Line], leaders: tuple[str, ...]) -> set[Fraction]:
    """Where a line of today's leaders crosses another line. Only these can end the leaders' lead: until one of
    their lines is crossed, no other line can reach the top (a split among the leaders themselves happens at
    the current weight, which ``_first_change`` checks first)."""
    top = [line for line in lines if line.name in leaders]
    points: set[Fraction] = set()
    for first in top:
        for second in lines:
            if first.b != second.b:
                points.add((second.a - first.a) / (first.b - second.b))
    return points


def _first_change(lines: list[_Line], current: Fraction, points: list[Fraction], end: Fraction) -> Change | None:
    """Walk from ``current`` towards ``end`` through the crossing ``points`` (in walking order)."""
    today = _leaders(lines, current)
    stops = [*points, end]
    previous = current
    for stop in stops:
        between = (previous + stop) / 2
        if previous != stop and _leaders(lines, between) != today:
            # the leaders differ straight after ``previous``: the change happens at ``previous`` itself
            return Change(previous, abs(previous - current), _leaders(lines, between))
        if _leaders(lines, stop) != today:
            return Change(stop, abs(stop - current), _leaders(lines, stop))
        previous = stop
    return None


def sensitivity(evaluation: Evaluation, calculation: Calculation | None = None) -> Sensitivity:
    """For each weighted section: how far its weight must move before the top-ranked supplier changes.

    ``calculation``: ``engine.calculate(evaluation)`` when the caller already has it (the engine then runs once)."""
    results = []
    leaders: tuple[str, ...] = ()
    ranked = _ranked(calculation if calculation is not None else calculate(evaluation))
    for index, section in enumerate(evaluation.sections):
        if not section.weighted:
            continue
        lines = _lines(evaluation, ranked, index)
        current = as_fraction(section.weight)
        if len(lines) < 2:
            leaders = _leaders(lines, current) if lines else ()
            results.append(SectionSensitivity(section.name, current, None, None))
            continue
        leaders = _leaders(lines, current)
        points = _crossings(lines, leaders)
        below = sorted((p for p in points if 0 <= p < current), reverse=True)
        above = sorted(p for p in points if current < p <= 100)
        down = _first_change(lines, current, below, Fraction(0)) if current > 0 else None
        up = _first_change(lines, current, above, _HUNDRED) if current < 100 else None
        results.append(SectionSensitivity(section.name, current, down, up))
    return Sensitivity(leaders, tuple(results))
