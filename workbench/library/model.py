"""The criteria library as plain, immutable data: what callers (views, CLI, demo, plans) work with.

Nothing here needs pydantic: the files are validated in ``workbench.library.schema`` and turned into these
frozen dataclasses by ``workbench.library.loader``. Collections are tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

SCORED = "scored"
PASS_FAIL = "pass_fail"
KINDS = (SCORED, PASS_FAIL)


class Level(NamedTuple):
    """One level of a scale: ``(value, label, descriptor)``; unpacks as a tuple."""

    value: int
    label: str
    descriptor: str = ""


@dataclass(frozen=True)
class Scale:
    id: str
    title: str
    min: int
    max: int
    levels: tuple[Level, ...]
    description: str = ""

    def level(self, value: int) -> Level | None:
        for level in self.levels:
            if level.value == value:
                return level
        return None


@dataclass(frozen=True)
class Guidance:
    """What poor, satisfactory and excellent evidence looks like (any may be empty)."""

    poor: str = ""
    satisfactory: str = ""
    excellent: str = ""


@dataclass(frozen=True)
class LibraryCriterion:
    id: str
    code: str
    title: str
    question: str
    guidance: Guidance
    evidence: tuple[str, ...]
    kind: str  # "scored" | "pass_fail"
    suggested_weight: Decimal | None  # percent of its suggested section; None for pass/fail
    section: str  # the suggested section's name
    young_people: str | None  # plain-language version (reading age 9–11), where it fits
    set_id: str

    @property
    def is_scored(self) -> bool:
        return self.kind == SCORED


@dataclass(frozen=True)
class SuggestedSection:
    name: str
    weight: Decimal  # percent of quality; 0 for a section of pass/fail criteria
    description: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    title: str
    source: str
    description: str
    sections: tuple[SuggestedSection, ...]
    criteria: tuple[LibraryCriterion, ...]

    def in_section(self, name: str) -> tuple[LibraryCriterion, ...]:
        return tuple(c for c in self.criteria if c.section == name)


class Answer(NamedTuple):
    """An answer option of the young people's scale: ``(value, label)``."""

    value: int
    label: str


YOUNG_PEOPLE_ANSWERS: tuple[Answer, ...] = (
    Answer(1, "Really bad"),
    Answer(2, "Bad"),
    Answer(3, "OK"),
    Answer(4, "Good"),
    Answer(5, "Really good"),
)
NOT_SURE = "Not sure"
BETTER_PROMPT = "What would make it better?"


@dataclass(frozen=True)
class YoungPeopleQuestion:
    id: str
    text: str
    hint: str = ""
    criteria: tuple[str, ...] = ()  # criterion codes

    def __post_init__(self) -> None:
        if not isinstance(self.criteria, tuple):
            object.__setattr__(self, "criteria", tuple(self.criteria))


@dataclass(frozen=True)
class YoungPeopleForm:
    """A young people's form. ``id`` is None for a form written inline in a plan."""

    id: str | None
    title: str
    intro: str = ""
    questions: tuple[YoungPeopleQuestion, ...] = ()
    answers: tuple[Answer, ...] = YOUNG_PEOPLE_ANSWERS
    not_sure: str = NOT_SURE
    better_prompt: str = BETTER_PROMPT
    criteria_set: str | None = None

    def __post_init__(self) -> None:
        for name in ("questions", "answers"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def question(self, question_id: str) -> YoungPeopleQuestion | None:
        for question in self.questions:
            if question.id == question_id:
                return question
        return None


@dataclass(frozen=True)
class QuestionnaireItem:
    """Instructions for answering one criterion; the question itself comes from the criterion."""

    criterion: str  # library criterion id
    word_limit: int | None
    instructions: str = ""
    attachments: tuple[str, ...] = ()  # documents to attach (e.g. a certificate)


@dataclass(frozen=True)
class SupplierQuestionnaire:
    id: str
    title: str
    criteria_set: str
    intro: str
    instructions: tuple[str, ...]
    default_word_limit: int | None
    items: tuple[QuestionnaireItem, ...]

    def item(self, criterion_id: str) -> QuestionnaireItem:
        """The item for a criterion; a criterion not listed gets the default word limit."""
        for item in self.items:
            if item.criterion == criterion_id:
                return item
        return QuestionnaireItem(criterion=criterion_id, word_limit=self.default_word_limit)


@dataclass(frozen=True)
class KpiTemplate:
    code: str
    title: str
    unit: str  # "percent" | "minutes" | "hours" | "count" | ...
    direction: str  # "higher" | "lower" (which way is better)
    period: str  # "month" | "quarter"
    target: Decimal
    approaching: Decimal
    requires_improvement: Decimal
    description: str = ""

    def rating(self, value: Decimal) -> str:
        """The Procurement Act 2023 rating of a period value against this KPI's bands."""
        if self.direction == "higher":
            bands = (value >= self.target, value >= self.approaching, value >= self.requires_improvement)
        else:
            bands = (value <= self.target, value <= self.approaching, value <= self.requires_improvement)
        for met, label in zip(bands, ("Good", "Approaching target", "Requires improvement"), strict=True):
            if met:
                return label
        return "Inadequate"


@dataclass(frozen=True)
class SlaTemplate:
    severity: str  # "P1".."P4"
    title: str
    respond_within: str  # as written, e.g. "30m", "4h", "2d"
    resolve_within: str
    respond_minutes: int
    resolve_minutes: int
    clock: str  # "24x7" | "service_hours"
    description: str = ""


@dataclass(frozen=True)
class Library:
    """Everything in ``criteria/`` and ``questionnaires/``, validated."""

    sets: tuple[CriteriaSet, ...] = ()
    scales: tuple[Scale, ...] = ()
    forms: tuple[YoungPeopleForm, ...] = ()  # young people's forms
    supplier_questionnaires: tuple[SupplierQuestionnaire, ...] = ()
    kpi_templates: tuple[KpiTemplate, ...] = ()
    sla_templates: tuple[SlaTemplate, ...] = ()

    @property
    def criteria(self) -> tuple[LibraryCriterion, ...]:
        """Every criterion of every set, in file order."""
        return tuple(c for s in self.sets for c in s.criteria)

    def criteria_set(self, set_id: str) -> CriteriaSet | None:
        return next((s for s in self.sets if s.id == set_id), None)

    def criterion(self, criterion_id: str) -> LibraryCriterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def by_code(self, code: str) -> LibraryCriterion | None:
        """The criterion with this code (codes are unique across the library; compared case-insensitively)."""
        wanted = code.strip().casefold()
        return next((c for c in self.criteria if c.code.casefold() == wanted), None)

    def scale(self, scale_id: str) -> Scale | None:
        return next((s for s in self.scales if s.id == scale_id), None)

    def scale_with_bounds(self, minimum: int, maximum: int) -> Scale | None:
        """The first library scale with these bounds (the file order decides: the default comes first)."""
        return next((s for s in self.scales if s.min == minimum and s.max == maximum), None)

    def form(self, form_id: str) -> YoungPeopleForm | None:
        return next((f for f in self.forms if f.id == form_id), None)

    def supplier_questionnaire(self, questionnaire_id: str) -> SupplierQuestionnaire | None:
        return next((q for q in self.supplier_questionnaires if q.id == questionnaire_id), None)

    def questionnaire_for_set(self, set_id: str) -> SupplierQuestionnaire | None:
        return next((q for q in self.supplier_questionnaires if q.criteria_set == set_id), None)

    def kpi_template(self, code: str) -> KpiTemplate | None:
        return next((k for k in self.kpi_templates if k.code == code), None)

    def sla_template(self, severity: str) -> SlaTemplate | None:
        return next((s for s in self.sla_templates if s.severity == severity), None)

    def search(self, text: str) -> list[LibraryCriterion]:
        """Criteria whose code, title, question or guidance contain every word of ``text`` (any case).

        Matches on the code or title come first. An empty search returns every criterion.
        """
        words = text.casefold().split()
        found: list[tuple[int, int, LibraryCriterion]] = []
        for index, criterion in enumerate(self.criteria):
            head = f"{criterion.code} {criterion.title}".casefold()
            body = " ".join((
                criterion.question, criterion.guidance.poor, criterion.guidance.satisfactory,
                criterion.guidance.excellent)).casefold()
            if all(word in head or word in body for word in words):
                rank = 0 if words and all(word in head for word in words) else 1
                found.append((rank, index, criterion))
        return [criterion for _, _, criterion in sorted(found, key=lambda item: (item[0], item[1]))]
