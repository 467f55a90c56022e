"""The weight rule: section weights sum to 100, criterion weights inside a section sum to 100.

Pass/fail criteria carry no weight, and a section holding only pass/fail criteria has weight 0 and is left
out of the section sum. Scoring cannot open while any level is off by more than the tolerance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real

WEIGHT_TOLERANCE = Fraction(1, 1000)


@dataclass(frozen=True)
class WeightedCriterion:
    code: str
    kind: str  # "scored" | "pass_fail"
    weight: Real | None


@dataclass(frozen=True)
class WeightedSection:
    name: str
    weight: Real | None
    criteria: Sequence[WeightedCriterion]


@dataclass(frozen=True)
class WeightProblem:
    """``level`` is ``"sections"`` for the section sum, else the section's name."""

    level: str
    total: Fraction
    message: str


def as_fraction(value: Real | str | None) -> Fraction:
    """Exact value of a weight/score as typed (0.1 stays one tenth, not the nearest float)."""
    if value is None:
        return Fraction(0)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(str(value))


def _fmt(total: Fraction) -> str:
    return f"{float(total):g}"


def _scored(section: WeightedSection) -> list[WeightedCriterion]:
    return [c for c in section.criteria if c.kind == "scored"]


def weight_problems(sections: Sequence[WeightedSection]) -> list[WeightProblem]:
    """Every level whose weights do not sum to 100 (±0.001), named, with its sum."""
    problems: list[WeightProblem] = []
    weighted_sections = [s for s in sections if _scored(s)]
    for section in sections:
        if not _scored(section) and as_fraction(section.weight) != 0:
            problems.append(WeightProblem(
                section.name, as_fraction(section.weight),
                f"Section '{section.name}' has only pass/fail criteria, so its weight must be 0, "
                f"not {_fmt(as_fraction(section.weight))}"))
        for criterion in section.criteria:
            if criterion.kind == "pass_fail" and as_fraction(criterion.weight) != 0:
                problems.append(WeightProblem(
                    section.name, as_fraction(criterion.weight),
                    f"Pass/fail criterion {criterion.code} in section '{section.name}' carries no weight"))
    for section in weighted_sections:
        total = sum((as_fraction(c.weight) for c in _scored(section)), Fraction(0))
        if abs(total - 100) > WEIGHT_TOLERANCE:
            problems.append(WeightProblem(
                section.name, total,
                f"Criterion weights in section '{section.name}' add up to {_fmt(total)}, not 100"))
    if weighted_sections:
        total = sum((as_fraction(s.weight) for s in weighted_sections), Fraction(0))
        if abs(total - 100) > WEIGHT_TOLERANCE:
            problems.append(WeightProblem(
                "sections", total, f"Section weights add up to {_fmt(total)}, not 100"))
    return problems
