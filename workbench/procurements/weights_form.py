"""The weights page: every section and criterion weight on one form, checked by the same rule as opening scoring
(``scoring.weights.weight_problems``), with the sum of each level worked out on the server."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from workbench import scoring
from workbench.models import Criterion, Procurement, Section


@dataclass
class WeightInput:
    name: str  # the form field name, also its id
    text: str
    value: Decimal | None
    error: str = ""


@dataclass
class SectionEntry:
    section: Section
    weight: WeightInput
    criteria: list[tuple[Criterion, WeightInput | None]]  # None for pass/fail (no weight)
    total: Fraction = Fraction(0)
    problem: str = ""

    @property
    def total_text(self) -> str:
        return fmt(self.total)

    @property
    def scored(self) -> bool:
        return any(box is not None for _, box in self.criteria)


@dataclass
class WeightsEntry:
    sections: list[SectionEntry]
    section_total: Fraction = Fraction(0)
    section_problem: str = ""
    errors: list[dict[str, str]] = field(default_factory=list)  # for the error summary: text + href

    @property
    def section_total_text(self) -> str:
        return fmt(self.section_total)

    @classmethod
    def from_plan(cls, procurement: Procurement) -> WeightsEntry:
        return cls._build(procurement, {})

    @classmethod
    def from_form(cls, procurement: Procurement, form: Mapping[str, str]) -> WeightsEntry:
        return cls._build(procurement, form, typed=True)

    @classmethod
    def _build(cls, procurement: Procurement, form: Mapping[str, str], typed: bool = False) -> WeightsEntry:
        sections = []
        for section in procurement.sections:
            criteria = [(c, None if c.is_pass_fail else _input(f"criterion-{c.id}", c.weight, form, typed, c.code))
                        for c in section.criteria]
            sections.append(SectionEntry(section, _input(f"section-{section.id}", section.weight, form, typed,
                                                         f"section '{section.name}'"), criteria))
        entry = cls(sections)
        entry._check()
        return entry

    def _check(self) -> None:
        inputs = [box for s in self.sections for box in (s.weight, *(b for _, b in s.criteria if b))]
        self.errors = [{"text": box.error, "href": f"#{box.name}"} for box in inputs if box.error]
        weighted = [scoring.weights.WeightedSection(
            str(s.section.id), s.weight.value,
            [scoring.weights.WeightedCriterion(c.code, c.kind.value, box.value if box else Decimal(0))
             for c, box in s.criteria]) for s in self.sections]
        by_id = {str(s.section.id): s for s in self.sections}
        for s in self.sections:
            s.total = sum((scoring.weights.as_fraction(b.value) for _, b in s.criteria if b), Fraction(0))
        self.section_total = sum((scoring.weights.as_fraction(s.weight.value) for s in self.sections if s.scored),
                                 Fraction(0))
        if self.errors:
            return
        for problem in scoring.weights.weight_problems(weighted):
            if problem.level == "sections":
                self.section_problem = problem.message
                first = self.sections[0].weight.name
                self.errors.append({"text": problem.message, "href": f"#{first}"})
                continue
            entry = by_id[problem.level]
            message = problem.message.replace(f"'{problem.level}'", f"'{entry.section.name}'")
            entry.problem = message
            boxes = [b for _, b in entry.criteria if b]
            self.errors.append({"text": message, "href": f"#{boxes[0].name if boxes else entry.weight.name}"})

    def section_weights(self) -> dict[int, Decimal]:
        return {s.section.id: s.weight.value for s in self.sections if s.weight.value is not None}

    def criterion_weights(self) -> dict[int, Decimal]:
        return {c.id: box.value for s in self.sections for c, box in s.criteria if box and box.value is not None}


def _input(name: str, stored: Decimal, form: Mapping[str, str], typed: bool, what: str) -> WeightInput:
    if not typed:
        return WeightInput(name, f"{stored.normalize():f}" if stored is not None else "0", stored)
    text = (form.get(name) or "").strip()
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return WeightInput(name, text, None, f"Enter the weight of {what} as a number, like 25 or 12.5")
    if not value.is_finite() or not 0 <= value <= 100:
        return WeightInput(name, text, None, f"The weight of {what} must be between 0 and 100")
    return WeightInput(name, text, value)


def fmt(total: Fraction) -> str:
    return f"{float(total):g}"
