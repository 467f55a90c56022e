"""The engine's input: plain frozen dataclasses, built by callers from the database or from files.

Everything is identified by a string: suppliers by name, criteria by code, evaluators by a key (e.g. email).
Collections are tuples so that an ``Evaluation`` is immutable and hashable; lists passed in are turned into
tuples. Numbers may be ``int``, ``float``, ``Decimal`` or ``Fraction``: the engine reads each one exactly as
typed (``0.1`` is one tenth), through ``weights.as_fraction``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from numbers import Real
from typing import Any

PASS = "pass"
FAIL = "fail"


class Kind(StrEnum):
    SCORED = "scored"
    PASS_FAIL = "pass_fail"


class PriceMethod(StrEnum):
    LOWEST = "lowest"
    LINEAR = "linear"


def _freeze(obj: Any, *names: str) -> None:
    """Turn the named sequence fields of a frozen dataclass into tuples."""
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


@dataclass(frozen=True)
class ScaleLevel:
    value: int
    label: str
    descriptor: str = ""


@dataclass(frozen=True)
class Scale:
    """Integer levels ``min..max``; ``max`` must be greater than ``min``."""

    min: int = 0
    max: int = 5
    levels: tuple[ScaleLevel, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "levels")
        if self.max <= self.min:
            raise ValueError(f"A scale needs max > min, not {self.min}..{self.max}")


DEFAULT_SCALE = Scale(0, 5, (
    ScaleLevel(0, "Unacceptable"),
    ScaleLevel(1, "Poor"),
    ScaleLevel(2, "Weak"),
    ScaleLevel(3, "Satisfactory"),
    ScaleLevel(4, "Good"),
    ScaleLevel(5, "Excellent"),
))


@dataclass(frozen=True)
class Criterion:
    """``weight`` is percent of its section (None = 0); ``youth_share`` percent given to young people."""

    code: str
    title: str = ""
    kind: Kind = Kind.SCORED
    weight: Real | None = None
    min_score: Real | None = None
    youth_share: Real = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", Kind(self.kind))


@dataclass(frozen=True)
class Section:
    name: str
    weight: Real
    criteria: tuple[Criterion, ...]

    def __post_init__(self) -> None:
        _freeze(self, "criteria")

    @property
    def weighted(self) -> bool:
        """True when the section has a scored criterion: it counts towards quality (a section of pass/fail
        criteria alone has no weight)."""
        return any(c.kind == Kind.SCORED for c in self.criteria)


@dataclass(frozen=True)
class Supplier:
    name: str
    price: Real | None


@dataclass(frozen=True)
class Score:
    """A submitted score: an integer on the scale, or ``PASS`` / ``FAIL``."""

    evaluator: str
    supplier: str
    criterion: str
    value: int | str


@dataclass(frozen=True)
class ScoreTally:
    """Submitted scores for one (supplier, criterion), already added up: what a database hands over in one
    GROUP BY instead of every score. The engine treats it exactly as the scores it sums, so a tally must leave out
    conflicted evaluators itself (``Evaluation.conflicts`` applies to single scores only).

    ``count``, ``total``, ``low`` and ``high`` cover the numeric scores; ``passes`` and ``fails`` the pass/fail ones.
    """

    supplier: str
    criterion: str
    count: int = 0
    total: Real = 0
    low: Real | None = None
    high: Real | None = None
    passes: int = 0
    fails: int = 0

    def __post_init__(self) -> None:
        if min(self.count, self.passes, self.fails) < 0:
            raise ValueError(f"A score tally cannot count below 0 ({self.supplier}, {self.criterion})")
        if self.count and (self.low is None or self.high is None):
            raise ValueError(f"A score tally of {self.count} scores needs its lowest and highest score "
                             f"({self.supplier}, {self.criterion})")


@dataclass(frozen=True)
class Consensus:
    """The moderated score for (supplier, criterion): an integer on the scale, or ``PASS`` / ``FAIL``."""

    supplier: str
    criterion: str
    value: int | str


@dataclass(frozen=True)
class Conflict:
    evaluator: str
    supplier: str


@dataclass(frozen=True)
class YouthQuestion:
    id: str
    criteria: tuple[str, ...]

    def __post_init__(self) -> None:
        _freeze(self, "criteria")


@dataclass(frozen=True)
class YouthAnswer:
    """``answer`` 1–5, or None for "Not sure" (which is not an answer)."""

    respondent: str
    supplier: str
    question: str
    answer: int | None


@dataclass(frozen=True)
class YouthTally:
    """Young people's answers (1–5, "Not sure" left out) to one question about one supplier, added up."""

    supplier: str
    question: str
    count: int
    total: int


@dataclass(frozen=True)
class Evaluation:
    """Scores may come one by one (``scores``, with ``conflicts`` applied), already added up per (supplier,
    criterion) (``score_tallies``), or both: they add up. Likewise ``youth_answers`` and ``youth_tallies``."""

    scale: Scale
    sections: tuple[Section, ...]
    suppliers: tuple[Supplier, ...]
    quality_weight: Real = 70
    price_weight: Real = 30
    price_method: PriceMethod = PriceMethod.LOWEST
    scores: tuple[Score, ...] = ()
    consensus: tuple[Consensus, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    youth_questions: tuple[YouthQuestion, ...] = ()
    youth_answers: tuple[YouthAnswer, ...] = ()
    score_tallies: tuple[ScoreTally, ...] = ()
    youth_tallies: tuple[YouthTally, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self, "sections", "suppliers", "scores", "consensus", "conflicts",
                "youth_questions", "youth_answers", "score_tallies", "youth_tallies")
        object.__setattr__(self, "price_method", PriceMethod(self.price_method))

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in plan order."""
        return tuple(c for s in self.sections for c in s.criteria)
