"""Load and check the criteria library: ``criteria/*.yaml`` and ``questionnaires/*.yaml``.

Every file is read, every problem in every file is collected (syntax, shape, and the rules that span files:
unique ids and codes, forms and questionnaires that point at criteria that exist, contiguous scale levels,
KPI bands in order), and only then is ``ProblemsError`` raised, so one run shows everything to fix.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from workbench.library import schema
from workbench.library.model import (
    YOUNG_PEOPLE_ANSWERS,
    Answer,
    CriteriaSet,
    Guidance,
    KpiTemplate,
    Level,
    Library,
    LibraryCriterion,
    QuestionnaireItem,
    Scale,
    SlaTemplate,
    SuggestedSection,
    SupplierQuestionnaire,
    YoungPeopleForm,
    YoungPeopleQuestion,
)
from workbench.library.yamlsource import SourcedYaml, load_yaml, validate_model
from workbench.problems import Problem, ProblemsError

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CRITERIA_DIR = REPO_ROOT / "criteria"
DEFAULT_QUESTIONNAIRES_DIR = REPO_ROOT / "questionnaires"
YAML_SUFFIXES = (".yaml", ".yml")

Loc = tuple[str | int, ...]


def display_name(path: Path) -> str:
    """How a file is named in problems: relative to the repository when inside it, else as given."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class _File:
    sourced: SourcedYaml
    kind: str
    model: Any

    def problem(self, message: str, loc: Sequence[str | int] = ()) -> Problem:
        return self.sourced.problem(message, loc)


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


@dataclass
class _Failed:
    """A file that could not be read or validated: what it said it was, as far as can be told."""

    kind: Any = None
    id: Any = None


def _read(path: Path, problems: list[Problem], failed: list[_Failed] | None = None) -> _File | None:
    failures = failed if failed is not None else []
    try:
        sourced = load_yaml(path, display_name=display_name(path))
    except ProblemsError as exc:
        problems.extend(exc.problems)
        failures.append(_Failed())
        return None
    if isinstance(sourced.data, dict):
        failures.append(_Failed(sourced.data.get("kind"), sourced.data.get("id")))
    else:
        failures.append(_Failed())
    kinds = ", ".join(schema.FILE_KINDS)
    if not isinstance(sourced.data, dict):
        problems.append(sourced.problem(
            f"The file should be a mapping that starts with 'kind:' (one of: {kinds})",
            line=sourced.line_of(()) or 1))
        return None
    kind = sourced.data.get("kind")
    if kind is None:
        problems.append(Problem(
            file=sourced.file, line=1, field="kind",
            message=f"Required field is missing: say what the file holds, one of: {kinds}"))
        return None
    if kind not in schema.FILE_MODELS:
        problems.append(sourced.problem(f"Unknown kind {kind!r}; expected one of: {kinds}", ("kind",)))
        return None
    try:
        model = validate_model(schema.FILE_MODELS[kind], sourced)
    except ProblemsError as exc:
        problems.extend(exc.problems)
        return None
    failures.pop()
    return _File(sourced, kind, model)


class _Builder:
    """Turns validated files into a ``Library``, checking the rules that span values and files."""

    def __init__(self, failed: Sequence[_Failed] = ()) -> None:
        self.problems: list[Problem] = []
        # criteria sets whose files are broken: references to them are not checked (no cascade of errors)
        self.broken_sets = {f.id for f in failed if f.kind in ("criteria_set", None)}
        self.scales: list[Scale] = []
        self.sets: list[CriteriaSet] = []
        self.forms: list[YoungPeopleForm] = []
        self.questionnaires: list[SupplierQuestionnaire] = []
        self.kpis: list[KpiTemplate] = []
        self.slas: list[SlaTemplate] = []
        # where each id was first given, per namespace, for "duplicate" messages
        self._seen: dict[str, dict[str, tuple[str, int | None]]] = {}

    def _unique(self, namespace: str, what: str, value: str, file: _File, loc: Loc, *,
                fold: bool = False) -> bool:
        seen = self._seen.setdefault(namespace, {})
        key = value.casefold() if fold else value
        if key in seen:
            first_file, first_line = seen[key]
            same = first_file == file.sourced.file
            where = f"on line {first_line}" if same else f"at {first_file}:{first_line}"
            self.problems.append(file.problem(f"Duplicate {what} '{value}' (first given {where})", loc))
            return False
        seen[key] = (file.sourced.file, file.sourced.line_of(loc))
        return True

    # ---------------------------------------------------------------------------------------------- scales

    def add_scales(self, file: _File) -> None:
        for i, s in enumerate(file.model.scales):
            loc: Loc = ("scales", i)
            ok = self._unique("scale", "scale id", s.id, file, (*loc, "id"))
            if s.max <= s.min:
                self.problems.append(file.problem(
                    f"A scale's max must be greater than its min, not {s.min}..{s.max}", (*loc, "max")))
                continue
            values = [level.value for level in s.levels]
            expected = list(range(s.min, s.max + 1))
            if sorted(values) != expected:
                self.problems.append(file.problem(_levels_message(values, s.min, s.max), (*loc, "levels")))
                ok = False
            elif values != expected:
                self.problems.append(file.problem(
                    f"List the levels in order from {s.min} to {s.max}", (*loc, "levels")))
                ok = False
            if ok:
                self.scales.append(Scale(
                    id=s.id, title=s.title, min=s.min, max=s.max, description=s.description,
                    levels=tuple(Level(lv.value, lv.label, lv.descriptor) for lv in s.levels)))

    # -------------------------------------------------------------------------------------------- criteria

    def add_set(self, file: _File) -> None:
        m = file.model
        self._unique("set", "criteria set id", m.id, file, ("id",))
        section_names: list[str] = []
        for i, section in enumerate(m.sections):
            loc: Loc = ("sections", i)
            if self._unique(f"section:{m.id}", "section name", section.name, file, (*loc, "name"), fold=True):
                section_names.append(section.name)
            if section.weight < 0:
                self.problems.append(file.problem(
                    f"A suggested section weight cannot be negative, not {section.weight}", (*loc, "weight")))
        criteria: list[LibraryCriterion] = []
        for i, c in enumerate(m.criteria):
            loc = ("criteria", i)
            self._unique("criterion", "criterion id", c.id, file, (*loc, "id"))
            self._unique("code", "criterion code", c.code, file, (*loc, "code"), fold=True)
            if c.section not in section_names:
                self.problems.append(file.problem(
                    f"Section '{c.section}' is not one of this set's sections "
                    f"({', '.join(section_names)}){did_you_mean(c.section, section_names)}",
                    (*loc, "section")))
            if c.kind == "scored":
                if c.suggested_weight is None:
                    self.problems.append(file.problem(
                        "A scored criterion needs a suggested_weight (percent of its section)", loc))
                elif not c.suggested_weight > 0:
                    self.problems.append(file.problem(
                        f"A suggested weight must be positive, not {c.suggested_weight}",
                        (*loc, "suggested_weight")))
            elif c.suggested_weight is not None:
                self.problems.append(file.problem(
                    "A pass/fail criterion carries no weight: remove suggested_weight",
                    (*loc, "suggested_weight")))
            criteria.append(LibraryCriterion(
                id=c.id, code=c.code, title=c.title, question=c.question,
                guidance=Guidance(c.guidance.poor, c.guidance.satisfactory, c.guidance.excellent),
                evidence=tuple(c.evidence), kind=c.kind, suggested_weight=c.suggested_weight,
                section=c.section, young_people=c.young_people, set_id=m.id))
        self.sets.append(CriteriaSet(
            id=m.id, title=m.title, source=m.source, description=m.description,
            sections=tuple(SuggestedSection(s.name, s.weight, s.description) for s in m.sections),
            criteria=tuple(criteria)))

    # ---------------------------------------------------------------------------------- contract templates

    def add_templates(self, file: _File) -> None:
        m = file.model
        for i, k in enumerate(m.kpis):
            loc: Loc = ("kpis", i)
            self._unique("kpi", "KPI code", k.code, file, (*loc, "code"), fold=True)
            bands = (k.target, k.approaching, k.requires_improvement)
            if k.direction == "higher" and not bands[0] >= bands[1] >= bands[2]:
                self.problems.append(file.problem(
                    "For direction 'higher' the bands must run target ≥ approaching ≥ requires_improvement, "
                    f"not {bands[0]}, {bands[1]}, {bands[2]}", loc))
            if k.direction == "lower" and not bands[0] <= bands[1] <= bands[2]:
                self.problems.append(file.problem(
                    "For direction 'lower' the bands must run target ≤ approaching ≤ requires_improvement, "
                    f"not {bands[0]}, {bands[1]}, {bands[2]}", loc))
            if k.unit == "percent":
                for name, value in zip(("target", "approaching", "requires_improvement"), bands, strict=True):
                    if not Decimal(0) <= value <= Decimal(100):
                        self.problems.append(file.problem(
                            f"A percentage must be between 0 and 100, not {value}", (*loc, name)))
            self.kpis.append(KpiTemplate(
                code=k.code, title=k.title, unit=k.unit, direction=k.direction, period=k.period,
                target=k.target, approaching=k.approaching, requires_improvement=k.requires_improvement,
                description=k.description))
        for i, s in enumerate(m.slas):
            loc = ("slas", i)
            self._unique("sla", "SLA severity", s.severity, file, (*loc, "severity"))
            minutes = {}
            for name in ("respond_within", "resolve_within"):
                try:
                    minutes[name] = schema.duration_minutes(getattr(s, name))
                except ValueError as exc:
                    self.problems.append(file.problem(str(exc), (*loc, name)))
            if len(minutes) < 2:
                continue
            if minutes["resolve_within"] < minutes["respond_within"]:
                self.problems.append(file.problem(
                    f"resolve_within ({s.resolve_within}) is shorter than "
                    f"respond_within ({s.respond_within})",
                    (*loc, "resolve_within")))
            self.slas.append(SlaTemplate(
                severity=s.severity, title=s.title, respond_within=s.respond_within,
                resolve_within=s.resolve_within, respond_minutes=minutes["respond_within"],
                resolve_minutes=minutes["resolve_within"], clock=s.clock, description=s.description))

    # -------------------------------------------------------------------------------------- questionnaires

    def _criteria_index(self) -> tuple[dict[str, LibraryCriterion], dict[str, LibraryCriterion]]:
        by_code = {c.code.casefold(): c for s in self.sets for c in s.criteria}
        by_id = {c.id: c for s in self.sets for c in s.criteria}
        return by_code, by_id

    def _unchecked(self, set_id: str | None) -> bool:
        """True when references into ``set_id`` cannot be checked because a criteria file is broken."""
        if not self.broken_sets:
            return False
        return set_id is None or set_id in self.broken_sets or None in self.broken_sets

    def _check_set(self, file: _File, set_id: str | None, loc: Loc) -> CriteriaSet | None:
        if set_id is None:
            return None
        found = next((s for s in self.sets if s.id == set_id), None)
        if found is None and not self._unchecked(set_id):
            names = [s.id for s in self.sets]
            self.problems.append(file.problem(
                f"Unknown criteria set '{set_id}'{did_you_mean(set_id, names)}", loc))
        return found

    def add_form(self, file: _File) -> None:
        m = file.model
        self._unique("form", "form id", m.id, file, ("id",))
        criteria_set = self._check_set(file, m.criteria_set, ("criteria_set",))
        by_code, _ = self._criteria_index()
        answers = YOUNG_PEOPLE_ANSWERS
        if m.answers is not None:
            values = [a.value for a in m.answers]
            if values != [1, 2, 3, 4, 5]:
                self.problems.append(file.problem(
                    f"The young people's answers are the values 1, 2, 3, 4, 5 in order, not "
                    f"{', '.join(str(v) for v in values)}", ("answers",)))
            else:
                answers = tuple(Answer(a.value, a.label) for a in m.answers)
        questions: list[YoungPeopleQuestion] = []
        for i, q in enumerate(m.questions):
            loc: Loc = ("questions", i)
            self._unique(f"question:{m.id}", "question id", q.id, file, (*loc, "id"), fold=True)
            codes: list[str] = []
            for j, code in enumerate(q.criteria):
                criterion = by_code.get(code.casefold())
                where = (*loc, "criteria", j)
                if criterion is None and self._unchecked(m.criteria_set):
                    continue
                if criterion is None:
                    self.problems.append(file.problem(
                        f"Unknown criterion code '{code}'"
                        f"{did_you_mean(code, [c.code for c in by_code.values()])}", where))
                elif criteria_set is not None and criterion.set_id != criteria_set.id:
                    self.problems.append(file.problem(
                        f"Criterion {criterion.code} belongs to set '{criterion.set_id}', "
                        f"not to this form's set '{criteria_set.id}'", where))
                elif not criterion.is_scored:
                    self.problems.append(file.problem(
                        f"Criterion {criterion.code} is pass/fail: young people's answers can only "
                        "count towards scored criteria", where))
                elif criterion.code in codes:
                    self.problems.append(file.problem(f"Criterion {criterion.code} is listed twice", where))
                else:
                    codes.append(criterion.code)
            questions.append(YoungPeopleQuestion(id=q.id, text=q.text, hint=q.hint, criteria=tuple(codes)))
        self.forms.append(YoungPeopleForm(
            id=m.id, title=m.title, intro=m.intro, questions=tuple(questions), answers=answers,
            not_sure=m.not_sure, better_prompt=m.better_prompt, criteria_set=m.criteria_set))

    def add_questionnaire(self, file: _File) -> None:
        m = file.model
        self._unique("questionnaire", "questionnaire id", m.id, file, ("id",))
        criteria_set = self._check_set(file, m.criteria_set, ("criteria_set",))
        _, by_id = self._criteria_index()
        items: list[QuestionnaireItem] = []
        for i, item in enumerate(m.items):
            loc: Loc = ("items", i, "criterion")
            self._unique(f"item:{m.id}", "criterion", item.criterion, file, loc)
            criterion = by_id.get(item.criterion)
            if criterion is None and self._unchecked(m.criteria_set):
                pass
            elif criterion is None:
                self.problems.append(file.problem(
                    f"Unknown library criterion '{item.criterion}'"
                    f"{did_you_mean(item.criterion, by_id)}", loc))
            elif criteria_set is not None and criterion.set_id != criteria_set.id:
                self.problems.append(file.problem(
                    f"Criterion '{item.criterion}' belongs to set '{criterion.set_id}', "
                    f"not to this questionnaire's set '{criteria_set.id}'", loc))
            items.append(QuestionnaireItem(
                criterion=item.criterion,
                word_limit=item.word_limit if item.word_limit is not None else m.default_word_limit,
                instructions=item.instructions,
                attachments=tuple(item.attachments)))
        self.questionnaires.append(SupplierQuestionnaire(
            id=m.id, title=m.title, criteria_set=m.criteria_set, intro=m.intro,
            instructions=tuple(m.instructions), default_word_limit=m.default_word_limit, items=tuple(items)))

    # ------------------------------------------------------------------------------------------------- all

    def build(self, files: Sequence[_File]) -> Library:
        order = {kind: n for n, kind in enumerate(schema.FILE_KINDS)}
        add = {
            "scales": self.add_scales,
            "criteria_set": self.add_set,
            "contract_templates": self.add_templates,
            "young_people_form": self.add_form,
            "supplier_questionnaire": self.add_questionnaire,
        }
        for file in sorted(files, key=lambda f: order[f.kind]):  # stable: file order within a kind
            add[file.kind](file)
        return Library(
            sets=tuple(self.sets), scales=tuple(self.scales), forms=tuple(self.forms),
            supplier_questionnaires=tuple(self.questionnaires), kpi_templates=tuple(self.kpis),
            sla_templates=tuple(self.slas))


def _levels_message(values: list[int], minimum: int, maximum: int) -> str:
    expected = range(minimum, maximum + 1)
    missing = [v for v in expected if v not in values]
    outside = sorted({v for v in values if v not in expected})
    twice = sorted({v for v in values if values.count(v) > 1})
    details = []
    if missing:
        details.append("missing " + ", ".join(str(v) for v in missing))
    if twice:
        details.append("given twice: " + ", ".join(str(v) for v in twice))
    if outside:
        details.append("outside the scale: " + ", ".join(str(v) for v in outside))
    return f"Levels must run from {minimum} to {maximum}, one level each ({'; '.join(details)})"


def _load(paths: Sequence[Path], context: Sequence[Path] = ()) -> tuple[Library, list[Problem]]:
    problems: list[Problem] = []
    failed: list[_Failed] = []
    files = [f for f in (_read(p, problems, failed) for p in [*context, *paths]) if f is not None]
    builder = _Builder(failed)
    library = builder.build(files)
    found = sorted(problems + builder.problems, key=lambda p: (p.file, p.line or 0))
    return library, found


def _dir_files(directory: Path, problems: list[Problem]) -> list[Path]:
    if not directory.is_dir():
        problems.append(Problem(file=display_name(directory), message="Directory not found"))
        return []
    return _yaml_files(directory)


def load_library(criteria_dir: Path = DEFAULT_CRITERIA_DIR,
                 questionnaires_dir: Path = DEFAULT_QUESTIONNAIRES_DIR) -> Library:
    """The whole library; raises ``ProblemsError`` with every problem in every file.

    A library whose files have not changed (same names, sizes and modification times) is parsed once per process:
    the library is read-only once built.
    """
    problems: list[Problem] = []
    paths = _dir_files(Path(criteria_dir), problems) + _dir_files(Path(questionnaires_dir), problems)
    if problems:
        raise ProblemsError(problems + _load(paths)[1])
    return _load_unchanged(tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths))


@functools.lru_cache(maxsize=8)
def _load_unchanged(signature: tuple[tuple[str, int, int], ...]) -> Library:
    library, problems = _load([Path(name) for name, _, _ in signature])
    if problems:
        raise ProblemsError(problems)
    return library


_DEPENDS_ON_CRITERIA = ("young_people_form", "supplier_questionnaire")


def _kind_of(path: Path) -> str | None:
    try:
        data = load_yaml(path).data
    except ProblemsError:
        return None
    return data.get("kind") if isinstance(data, dict) else None


def validate_path(path: Path) -> list[Problem]:
    """Every problem in a library file or directory (``workbench criteria validate [PATH]``).

    A directory holding ``criteria/`` or ``questionnaires/`` is checked as a whole library. Forms and
    questionnaires refer to criteria: checked on their own, they are read against the ``criteria/`` folder
    next to them (or, failing that, the shipped one), whose own problems are reported too.
    """
    path = Path(path)
    if not path.exists():
        return [Problem(file=display_name(path), message="No such file or directory")]
    if path.is_dir() and ((path / "criteria").is_dir() or (path / "questionnaires").is_dir()):
        problems: list[Problem] = []
        paths = [*(_yaml_files(path / "criteria") if (path / "criteria").is_dir() else []),
                 *(_yaml_files(path / "questionnaires") if (path / "questionnaires").is_dir() else [])]
        _, found = _load(paths)
        return problems + found
    if path.is_dir():
        paths = _yaml_files(path)
        if not paths:
            return [Problem(file=display_name(path), message="No .yaml files here")]
    else:
        paths = [path]
    context: list[Path] = []
    if any(_kind_of(p) in _DEPENDS_ON_CRITERIA for p in paths) and not any(
            _kind_of(p) == "criteria_set" for p in paths):
        folder = path if path.is_dir() else path.parent
        sibling = folder.parent / "criteria"
        criteria_dir = sibling if sibling.is_dir() else DEFAULT_CRITERIA_DIR
        context = [p for p in _yaml_files(criteria_dir) if p.resolve() not in {q.resolve() for q in paths}] \
            if criteria_dir.is_dir() else []
    _, problems = _load(paths, context)
    return problems
