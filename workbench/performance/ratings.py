"""KPI ratings: the Procurement Act 2023 labels (regulation 39 of the Procurement Regulations 2024).

The regulations set the labels, not the bands: each KPI sets its own. For ``direction: higher``: value ≥
target → Good; ≥ approaching → Approaching target; ≥ requires_improvement → Requires improvement; else
Inadequate. For ``direction: lower`` the mirror image, with ≤. No value (or the KPI did not apply) → Other.

Comparisons are exact: every number is read as the text it was written as (``99.5`` is ninety-nine and a
half, not the nearest binary float), through :func:`exact`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from numbers import Rational
from typing import Literal

__all__ = ["RAG", "Bands", "Direction", "Number", "Rating", "band_order_problem", "exact", "rag", "rate"]

Direction = Literal["higher", "lower"]
Number = int | float | Decimal | Fraction | str


class Rating(StrEnum):
    GOOD = "Good"
    APPROACHING = "Approaching target"
    REQUIRES_IMPROVEMENT = "Requires improvement"
    INADEQUATE = "Inadequate"
    OTHER = "Other"


RAG: dict[Rating, str] = {
    Rating.GOOD: "green",
    Rating.APPROACHING: "amber",
    Rating.REQUIRES_IMPROVEMENT: "orange",  # amber-red
    Rating.INADEQUATE: "red",
    Rating.OTHER: "grey",
}
"""A colour name per rating — a second cue only; the rating is always shown in words."""


def rag(rating: Rating | str) -> str:
    """The colour name of a rating (``"green"``, ``"amber"``, ``"orange"``, ``"red"``, ``"grey"``)."""
    return RAG[Rating(rating)]


def exact(value: Number) -> Fraction:
    """The exact value of a number as written: ``0.1`` (float or text) is one tenth.

    Raises ``ValueError`` for text that is not a number and for NaN or infinity.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | Rational):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a finite number")
        return Fraction(value)
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as this float: 99.5, 0.1
    text = str(value).strip()
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ValueError(f"{text!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return Fraction(number)


@dataclass(frozen=True)
class Bands:
    """A KPI's bands; the thresholds are kept exactly (as ``Fraction``) whatever they were given as.

    For ``higher`` they must satisfy target ≥ approaching ≥ requires_improvement; for ``lower``,
    target ≤ approaching ≤ requires_improvement. Equal thresholds are allowed (that band is then empty).
    """

    direction: Direction
    target: Fraction
    approaching: Fraction
    requires_improvement: Fraction

    def __init__(self, direction: Direction, target: Number, approaching: Number,
                 requires_improvement: Number) -> None:
        if direction not in ("higher", "lower"):
            raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")
        object.__setattr__(self, "direction", direction)
        object.__setattr__(self, "target", exact(target))
        object.__setattr__(self, "approaching", exact(approaching))
        object.__setattr__(self, "requires_improvement", exact(requires_improvement))
        problem = self.order_problem()
        if problem:
            raise ValueError(problem)

    def order_problem(self) -> str | None:
        """Why the thresholds are out of order for the direction, or ``None`` when they are in order."""
        return band_order_problem(self.direction, self.target, self.approaching, self.requires_improvement)


def band_order_problem(direction: Direction, target: Number, approaching: Number,
                       requires_improvement: Number) -> str | None:
    """Why bands are out of order for their direction (a message for a person), or ``None``."""
    t, a, r = exact(target), exact(approaching), exact(requires_improvement)
    if direction == "higher" and not t >= a >= r:
        return (f"For a KPI where higher is better the bands must be target ≥ approaching ≥ "
                f"requires_improvement, not {_show(t)}, {_show(a)}, {_show(r)}")
    if direction == "lower" and not t <= a <= r:
        return (f"For a KPI where lower is better the bands must be target ≤ approaching ≤ "
                f"requires_improvement, not {_show(t)}, {_show(a)}, {_show(r)}")
    return None


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}"


def rate(value: Number | None, bands: Bands) -> Rating:
    """The rating of one value (a period's value or a yearly mean) against a KPI's bands; ``None`` → Other."""
    if value is None:
        return Rating.OTHER
    v = exact(value)
    if bands.direction == "higher":
        if v >= bands.target:
            return Rating.GOOD
        if v >= bands.approaching:
            return Rating.APPROACHING
        if v >= bands.requires_improvement:
            return Rating.REQUIRES_IMPROVEMENT
        return Rating.INADEQUATE
    if v <= bands.target:
        return Rating.GOOD
    if v <= bands.approaching:
        return Rating.APPROACHING
    if v <= bands.requires_improvement:
        return Rating.REQUIRES_IMPROVEMENT
    return Rating.INADEQUATE
