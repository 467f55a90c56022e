"""Evaluation plans: the YAML file a procurement is created from, and the rules every plan must meet.

``load_plan`` reads a plan file (format in ``shared/design.md``), resolves library references and returns a
``Plan``; ``check_plan`` holds the semantic rules and is shared with the UI builder, which constructs a
``Plan`` itself. Every problem names the file, the line and the field (``sections[0].criteria[1].weight``).

Numbers are ``Decimal`` read from the YAML text, so ``33.3`` stays exactly 33.3.

How a file is read:

- ``scale`` is a library scale id (``default-0-5``, ``0-10``, ``1-5``) or bounds ``{min, max}``; bounds take
  their labels and descriptors from the first library scale with the same bounds, else "Level n".
  Left out, it is ``default-0-5``.
- A criterion is ``ref:`` a library id (code, question, guidance, evidence, kind and young people's text
  come from the library; ``title`` and ``question`` may be overridden) or inline ``code`` + ``title``
  (+ ``question``, ``kind``, ``guidance: {poor, satisfactory, excellent}``, ``evidence``, ``young_people``).
  Both take ``weight``, ``min_score`` and ``youth_share``. A missing weight is 0.
- ``young_people_form`` is a library form id — its mappings to criteria this plan leaves out (or makes
  pass/fail) are dropped, and questions left with none are not asked — or inline
  ``{title, intro?, questions: [{id, text, hint?, criteria: [codes]}]}``, whose codes must all be in the plan.
- Problems of shape (syntax, duplicate keys, types, unknown or missing fields) are reported first, all of
  them; once the shape is right, every broken rule is reported, each with its line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, StringConstraints, Tag

from workbench.library.loader import did_you_mean
from workbench.library.model import (
    KINDS,
    PASS_FAIL,
    SCORED,
    Guidance,
    Level,
    Library,
    YoungPeopleForm,
    YoungPeopleQuestion,
)
from workbench.library.schema import GuidanceFile
from workbench.library.yamlsource import SourcedYaml, YamlStr, field_path, load_yaml, validate_model
from workbench.problems import Problem, ProblemsError
from workbench.scoring.weights import WeightedCriterion, WeightedSection, weight_problems

__all__ = [
    "PRICE_METHODS",
    "Plan",
    "PlanCriterion",
    "PlanEvaluator",
    "PlanScale",
    "PlanSection",
    "PlanSupplier",
    "YoungPeopleForm",
    "YoungPeopleQuestion",
    "check_plan",
    "load_plan",
]

PRICE_METHODS = ("lowest", "linear")
ORIGINS = ("library", "inline")
REFERENCE_RE = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
REFERENCE_MAX = 40
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CODE_MAX = 20
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

Loc = tuple[str | int, ...]


# ---------------------------------------------------------------------------------------------- the plan


def _tuple(obj: Any, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


@dataclass(frozen=True)
class PlanScale:
    """Integer levels ``min..max``; ``id`` is the library scale the labels came from, if any."""

    id: str | None
    min: int
    max: int
    levels: tuple[Level, ...] = ()

    def __post_init__(self) -> None:
        _tuple(self, "levels")


@dataclass(frozen=True)
class PlanCriterion:
    code: str
    title: str
    question: str = ""
    guidance: Guidance = field(default_factory=Guidance)
    evidence: tuple[str, ...] = ()
    kind: str = SCORED  # "scored" | "pass_fail"
    weight: Decimal = Decimal(0)  # percent of its section; 0 for pass/fail
    min_score: Decimal | None = None
    youth_share: Decimal = Decimal(0)  # percent given to the young people's panel
    library_id: str | None = None
    young_people_text: str | None = None
    origin: str = "inline"  # "library" | "inline"

    def __post_init__(self) -> None:
        _tuple(self, "evidence")


@dataclass(frozen=True)
class PlanSection:
    name: str
    weight: Decimal  # percent of quality; 0 for a section of pass/fail criteria
    criteria: tuple[PlanCriterion, ...]

    def __post_init__(self) -> None:
        _tuple(self, "criteria")


@dataclass(frozen=True)
class PlanSupplier:
    name: str
    price: Decimal | None = None


@dataclass(frozen=True)
class PlanEvaluator:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Plan:
    title: str
    reference: str
    scale: PlanScale
    quality_weight: Decimal
    price_weight: Decimal
    price_method: str  # "lowest" | "linear"
    young_people_form: YoungPeopleForm | None
    sections: tuple[PlanSection, ...]
    suppliers: tuple[PlanSupplier, ...] = ()
    evaluators: tuple[PlanEvaluator, ...] = ()

    def __post_init__(self) -> None:
        _tuple(self, "sections", "suppliers", "evaluators")

    @property
    def criteria(self) -> tuple[PlanCriterion, ...]:
        """Every criterion, in plan order."""
        return tuple(c for s in self.sections for c in s.criteria)

    def criterion(self, code: str) -> PlanCriterion | None:
        return next((c for c in self.criteria if c.code == code), None)


# ------------------------------------------------------------------------------------------ the rules


def _fmt(value: Decimal | int) -> str:
    """A number as a person would write it: 40, 33.3, 0.5 (no exponent, no trailing zeros)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value.normalize(), "f")
    return str(value)


def _plan_problems(plan: Plan, library: Library) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []

    def add(loc: Loc, message: str) -> None:
        out.append((loc, message))

    # --- the plan as a whole
    if not plan.title.strip():
        add(("title",), "Give the plan a title")
    if not plan.reference.strip():
        add(("reference",), "Give the plan a reference, e.g. CSC-2026-01")
    elif not REFERENCE_RE.match(plan.reference) or len(plan.reference) > REFERENCE_MAX:
        add(("reference",), f"A reference uses letters, digits and single hyphens (at most {REFERENCE_MAX} "
                            f"characters, e.g. CSC-2026-01), not {plan.reference!r}")

    scale = plan.scale
    scale_ok = scale.max > scale.min
    if not scale_ok:
        add(("scale",), f"The scale's max must be greater than its min, not {scale.min} to {scale.max}")
    elif scale.levels and [lv.value for lv in scale.levels] != list(range(scale.min, scale.max + 1)):
        add(("scale",), f"The scale's levels must run from {scale.min} to {scale.max}, one level each")
    if scale.id is not None and library.scale(scale.id) is None:
        known = ", ".join(s.id for s in library.scales)
        add(("scale",), f"Unknown scale '{scale.id}'; the library has: {known}")

    for name in ("quality_weight", "price_weight"):
        value = getattr(plan, name)
        if not Decimal(0) <= value <= Decimal(100):
            add((name,), f"{name} must be between 0 and 100, not {_fmt(value)}")
    total = plan.quality_weight + plan.price_weight
    if total != 100:
        add(("quality_weight",), f"quality_weight and price_weight add up to {_fmt(total)}, not 100")
    if plan.price_method not in PRICE_METHODS:
        add(("price_method",), f"price_method must be 'lowest' or 'linear', not {plan.price_method!r}")

    # --- sections and criteria
    if not plan.sections:
        add(("sections",), "The plan has no sections")
    section_names: dict[str, int] = {}
    codes: dict[str, Loc] = {}
    for i, section in enumerate(plan.sections):
        sloc: Loc = ("sections", i)
        if not section.name.strip():
            add((*sloc, "name"), "Give the section a name")
        elif (key := section.name.strip().casefold()) in section_names:
            add((*sloc, "name"), f"Duplicate section name '{section.name}' "
                                 f"(first used at sections[{section_names[key]}])")
        else:
            section_names[key] = i
        if not section.criteria:
            add((*sloc, "criteria"), f"Section '{section.name}' has no criteria")
        scored = [c for c in section.criteria if c.kind == SCORED]
        if scored and not section.weight > 0:
            add((*sloc, "weight"), f"Section '{section.name}' has scored criteria, so it needs a weight "
                                   f"greater than 0, not {_fmt(section.weight)}")
        for j, c in enumerate(section.criteria):
            cloc: Loc = (*sloc, "criteria", j)
            if not c.code.strip():
                add((*cloc, "code"), "Give the criterion a code, e.g. Q1")
            elif not CODE_RE.match(c.code) or len(c.code) > CODE_MAX:
                add((*cloc, "code"), f"A criterion code uses letters, digits, dots, hyphens and underscores "
                                     f"(at most {CODE_MAX} characters), not {c.code!r}")
            elif c.code.casefold() in codes:
                add((*cloc, "code"), f"Duplicate criterion code '{c.code}' "
                                     f"(first used at {field_path(codes[c.code.casefold()])})")
            else:
                codes[c.code.casefold()] = cloc
            if not c.title.strip():
                add((*cloc, "title"), f"Give criterion {c.code} a title")
            if c.kind not in KINDS:
                add((*cloc, "kind"), f"kind must be 'scored' or 'pass_fail', not {c.kind!r}")
                continue
            if c.origin not in ORIGINS:
                add(cloc, f"origin must be 'library' or 'inline', not {c.origin!r}")
            elif c.origin == "library" and (c.library_id is None or library.criterion(c.library_id) is None):
                add((*cloc, "ref"), f"Unknown library criterion '{c.library_id}'")
            if c.kind == SCORED and not c.weight > 0:
                add((*cloc, "weight"), f"Scored criterion {c.code} needs a weight greater than 0, "
                                       f"not {_fmt(c.weight)}")
            if c.min_score is not None:
                if c.kind == PASS_FAIL:
                    add((*cloc, "min_score"),
                        f"min_score applies to scored criteria only; {c.code} is pass/fail")
                elif scale_ok and not scale.min <= c.min_score <= scale.max:
                    add((*cloc, "min_score"), f"min_score {_fmt(c.min_score)} is outside the scale "
                                              f"({scale.min} to {scale.max})")
            if not Decimal(0) <= c.youth_share <= Decimal(100):
                add((*cloc, "youth_share"),
                    f"youth_share must be between 0 and 100, not {_fmt(c.youth_share)}")
            elif c.kind == PASS_FAIL and c.youth_share != 0:
                add((*cloc, "youth_share"),
                    f"youth_share applies to scored criteria only; {c.code} is pass/fail")

        # the weight rule, per section, then across sections
        weighted = WeightedSection(section.name, section.weight, [
            WeightedCriterion(c.code, c.kind, c.weight) for c in section.criteria if c.kind in KINDS])
        for problem in weight_problems([weighted]):
            if problem.level == "sections" and problem.message.startswith("Section weights"):
                continue  # the sum across sections is checked below, once
            if problem.message.startswith("Pass/fail criterion "):
                j = next((j for j, c in enumerate(section.criteria)
                          if problem.message.startswith(f"Pass/fail criterion {c.code} ")), None)
                add((*sloc, "criteria", j, "weight") if j is not None else sloc, problem.message)
            elif problem.message.startswith("Section "):
                add((*sloc, "weight"), problem.message)
            else:
                add(sloc, problem.message)
    sections = [WeightedSection(s.name, s.weight, [WeightedCriterion(c.code, c.kind, c.weight)
                                                   for c in s.criteria if c.kind in KINDS])
                for s in plan.sections]
    for problem in weight_problems(sections):
        if problem.level == "sections" and problem.message.startswith("Section weights"):
            add(("sections",), problem.message)

    # --- suppliers and evaluators
    names: dict[str, int] = {}
    for i, supplier in enumerate(plan.suppliers):
        key = " ".join(supplier.name.split()).casefold()
        if not key:
            add(("suppliers", i, "name"), "Give the supplier a name")
        elif key in names:
            add(("suppliers", i, "name"),
                f"Duplicate supplier '{supplier.name}' (first at suppliers[{names[key]}])")
        else:
            names[key] = i
        if supplier.price is not None and not supplier.price > 0:
            add(("suppliers", i, "price"), f"A price must be greater than 0, not {_fmt(supplier.price)}")
    emails: dict[str, int] = {}
    for i, evaluator in enumerate(plan.evaluators):
        email = evaluator.email.strip()
        if not EMAIL_RE.match(email):
            add(("evaluators", i, "email"), f"Not a valid email address: {evaluator.email!r}")
        elif email.casefold() in emails:
            add(("evaluators", i, "email"),
                f"Duplicate evaluator '{evaluator.email}' (first at evaluators[{emails[email.casefold()]}])")
        else:
            emails[email.casefold()] = i

    # --- the young people's form
    form = plan.young_people_form
    if form is not None:
        floc: Loc = ("young_people_form",)
        if not form.title.strip():
            add((*floc, "title"), "Give the young people's form a title")
        if not form.questions:
            add((*floc, "questions"),
                "The young people's form has no questions that map to criteria in this plan")
        by_code = {c.code: c for c in plan.criteria}
        ids: dict[str, int] = {}
        for k, q in enumerate(form.questions):
            qloc: Loc = (*floc, "questions", k)
            if not q.id.strip():
                add((*qloc, "id"), "Give the question an id, e.g. YP1")
            elif q.id.casefold() in ids:
                add((*qloc, "id"),
                    f"Duplicate question id '{q.id}' (first at questions[{ids[q.id.casefold()]}])")
            else:
                ids[q.id.casefold()] = k
            if not q.text.strip():
                add((*qloc, "text"), f"Give question {q.id} its text")
            if not q.criteria:
                add((*qloc, "criteria"), f"Question {q.id} must map to at least one criterion code")
            for m, code in enumerate(q.criteria):
                criterion = by_code.get(code)
                if criterion is None:
                    add((*qloc, "criteria", m),
                        f"Question {q.id} maps to criterion '{code}', which is not in this plan"
                        f"{did_you_mean(code, by_code)}")
                elif criterion.kind != SCORED:
                    add((*qloc, "criteria", m), f"Question {q.id} maps to {code}, which is pass/fail: young "
                                                "people's answers can only count towards scored criteria")
                elif code in q.criteria[:m]:
                    add((*qloc, "criteria", m), f"Question {q.id} lists {code} twice")
    return out


def check_plan(plan: Plan, library: Library, *, file: str = "evaluation plan") -> list[Problem]:
    """Every rule a plan breaks, as problems with a field path (no line: a built plan has no file)."""
    return [Problem(file=file, message=message, field=field_path(loc) or None)
            for loc, message in _plan_problems(plan, library)]


# ----------------------------------------------------------------------------------------- the file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Text = Annotated[YamlStr, StringConstraints(strip_whitespace=True)]


class _ScaleBounds(_Strict):
    min: int
    max: int


class _Criterion(_Strict):
    ref: Text | None = None
    code: Text | None = None
    title: Text | None = None
    question: Text | None = None
    kind: Text | None = None
    guidance: GuidanceFile | None = None
    evidence: list[Text] | None = None
    young_people: Text | None = None
    weight: Decimal | None = None
    min_score: Decimal | None = None
    youth_share: Decimal | None = None


class _Section(_Strict):
    name: Text
    weight: Decimal | None = None
    criteria: list[_Criterion]


class _Supplier(_Strict):
    name: Text
    price: Decimal | None = None


class _Evaluator(_Strict):
    email: Text
    name: Text = ""


class _Question(_Strict):
    id: Text
    text: Text
    hint: Text = ""
    criteria: list[Text]


class _InlineForm(_Strict):
    title: Text
    intro: Text = ""
    better_prompt: Text | None = None
    questions: list[_Question]


def _mapping_or_text(value: Any) -> str:
    return "mapping" if isinstance(value, dict) else "text"


class _PlanFile(_Strict):
    title: Text
    reference: Text
    scale: Annotated[
        Annotated[_ScaleBounds, Tag("mapping")] | Annotated[Text, Tag("text")],
        Discriminator(_mapping_or_text)] = "default-0-5"
    quality_weight: Decimal
    price_weight: Decimal
    price_method: Text
    young_people_form: Annotated[
        Annotated[_InlineForm, Tag("mapping")] | Annotated[Text, Tag("text")],
        Discriminator(_mapping_or_text)] | None = None
    sections: list[_Section]
    suppliers: list[_Supplier] = []
    evaluators: list[_Evaluator] = []


_NOT_WITH_REF = ("code", "kind", "guidance", "evidence", "young_people")


class _Resolver:
    def __init__(self, sourced: SourcedYaml, library: Library) -> None:
        self.sourced = sourced
        self.library = library
        self.problems: list[Problem] = []
        self.unresolved: list[str] = []  # field paths of criteria that could not be built

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(self.sourced.problem(message, loc))

    def scale(self, value: _ScaleBounds | str) -> PlanScale:
        if isinstance(value, _ScaleBounds):
            found = self.library.scale_with_bounds(value.min, value.max)
            if found is not None:
                return PlanScale(found.id, found.min, found.max, found.levels)
            levels = tuple(Level(n, f"Level {n}", "") for n in range(value.min, value.max + 1))
            return PlanScale(None, value.min, value.max, levels)
        found = self.library.scale(value)
        if found is None:
            known = [s.id for s in self.library.scales]
            self.add(("scale",), f"Unknown scale '{value}'{did_you_mean(value, known)}; give a scale id "
                                 f"({', '.join(known)}) or bounds such as {{min: 0, max: 5}}")
            return PlanScale(None, 0, 5, ())
        return PlanScale(found.id, found.min, found.max, found.levels)

    def criterion(self, c: _Criterion, loc: Loc) -> PlanCriterion:
        common = {
            "weight": c.weight if c.weight is not None else Decimal(0),
            "min_score": c.min_score,
            "youth_share": c.youth_share if c.youth_share is not None else Decimal(0),
        }
        if c.ref is not None:
            for name in _NOT_WITH_REF:
                if getattr(c, name) is not None:
                    self.add((*loc, name),
                             f"'{name}' cannot be given with 'ref': a library criterion's {name} comes from "
                             "the library (write the criterion inline to set your own)")
            found = self.library.criterion(c.ref)
            if found is None:
                known = [x.id for x in self.library.criteria]
                self.add((*loc, "ref"), f"Unknown library criterion '{c.ref}'{did_you_mean(c.ref, known)}")
                self.unresolved.append(field_path(loc))
                return PlanCriterion(code="", title=c.ref, kind=SCORED, library_id=c.ref, origin="library",
                                     **common)
            return PlanCriterion(
                code=found.code, title=c.title or found.title, question=c.question or found.question,
                guidance=found.guidance, evidence=found.evidence, kind=found.kind, library_id=found.id,
                young_people_text=found.young_people, origin="library", **common)
        missing = [name for name in ("code", "title") if not getattr(c, name)]
        for name in missing:
            self.add((*loc, name), "Required field is missing: an inline criterion needs 'code' and 'title' "
                                   "(or give 'ref' to a library criterion)")
        if missing:
            self.unresolved.append(field_path(loc))
        guidance = c.guidance or GuidanceFile()
        return PlanCriterion(
            code=c.code or "", title=c.title or "", question=c.question or "",
            guidance=Guidance(guidance.poor, guidance.satisfactory, guidance.excellent),
            evidence=tuple(c.evidence or ()), kind=c.kind or SCORED, library_id=None,
            young_people_text=c.young_people, origin="inline", **common)

    def form(self, value: _InlineForm | str | None,
             criteria: Sequence[PlanCriterion]) -> YoungPeopleForm | None:
        if value is None:
            return None
        if isinstance(value, _InlineForm):
            extra = {"better_prompt": value.better_prompt} if value.better_prompt else {}
            return YoungPeopleForm(
                id=None, title=value.title, intro=value.intro,
                questions=tuple(YoungPeopleQuestion(q.id, q.text, q.hint, tuple(q.criteria))
                                for q in value.questions), **extra)
        found = self.library.form(value)
        if found is None:
            known = [f.id for f in self.library.forms]
            self.add(("young_people_form",),
                     f"Unknown young people's form '{value}'{did_you_mean(value, known)}")
            return None
        # a library form may cover criteria this plan leaves out: keep only what maps to the plan
        scored = {c.code for c in criteria if c.kind == SCORED}
        questions = []
        for q in found.questions:
            codes = tuple(code for code in q.criteria if code in scored)
            if codes:
                questions.append(YoungPeopleQuestion(q.id, q.text, q.hint, codes))
        return YoungPeopleForm(
            id=found.id, title=found.title, intro=found.intro, questions=tuple(questions),
            answers=found.answers, not_sure=found.not_sure, better_prompt=found.better_prompt,
            criteria_set=found.criteria_set)


def load_plan(path: Path, library: Library, *, text: str | None = None) -> Plan:
    """Read, resolve and check a plan file; raise ``ProblemsError`` with every problem (file, line, field).

    ``text`` is used instead of reading ``path`` (which still names the file in problems).
    """
    sourced = load_yaml(path, text)
    if not isinstance(sourced.data, dict):
        raise ProblemsError([sourced.problem(
            "A plan file is a mapping of fields (title, reference, scale, quality_weight, price_weight, "
            "price_method, sections, suppliers, evaluators)", line=sourced.line_of(()) or 1)])
    raw = validate_model(_PlanFile, sourced)
    resolver = _Resolver(sourced, library)
    scale = resolver.scale(raw.scale)
    sections = tuple(
        PlanSection(
            name=s.name, weight=s.weight if s.weight is not None else Decimal(0),
            criteria=tuple(resolver.criterion(c, ("sections", i, "criteria", j))
                           for j, c in enumerate(s.criteria)))
        for i, s in enumerate(raw.sections))
    criteria = [c for s in sections for c in s.criteria]
    plan = Plan(
        title=raw.title, reference=raw.reference, scale=scale, quality_weight=raw.quality_weight,
        price_weight=raw.price_weight, price_method=raw.price_method,
        young_people_form=resolver.form(raw.young_people_form, criteria), sections=sections,
        suppliers=tuple(PlanSupplier(s.name, s.price) for s in raw.suppliers),
        evaluators=tuple(PlanEvaluator(e.email, e.name) for e in raw.evaluators))
    problems = list(resolver.problems)
    for loc, message in _plan_problems(plan, library):
        path_text = field_path(loc)
        if any(path_text == u or path_text.startswith(u + ".") for u in resolver.unresolved):
            continue  # already reported: the criterion could not be resolved
        problems.append(sourced.problem(message, loc))
    if problems:
        problems.sort(key=lambda p: (p.line or 0))
        raise ProblemsError(problems)
    return plan
