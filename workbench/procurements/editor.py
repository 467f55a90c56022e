"""Changing a procurement's plan while it is being set up. One function per operation; each checks the procurement
is still a draft, makes the change, flushes, and writes its audit event (before/after). The caller commits."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.library.model import LibraryCriterion, Scale
from workbench.models import (
    Criterion,
    CriterionKind,
    PriceMethod,
    Procurement,
    ScaleLevel,
    Section,
    Status,
    User,
)

Actor = User | str | None
LOCKED = ("Scoring has opened, so the plan (scale, sections, criteria, weights, suppliers and panel) can no "
          "longer be changed. Weights are fixed once scoring opens so every score is weighed by the same rule.")


class EditorError(ValueError):
    """A change that cannot be made, with the reason and the form field it concerns."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def require_draft(procurement: Procurement) -> None:
    if procurement.status is not Status.DRAFT:
        raise EditorError(LOCKED)


def _audit(procurement: Procurement, actor: Actor, action: str, entity: str, before: dict[str, Any] | None,
           after: dict[str, Any] | None) -> None:
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor, action=action,
                 entity=entity, before=before, after=after)


def _renumber(items: Sequence[Any]) -> None:
    for position, item in enumerate(items):
        item.position = position


def _moved(items: list[Any], item: Any, direction: str) -> list[Any]:
    """``items`` with ``item`` one place up or down (unchanged at either end)."""
    index = items.index(item)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    return items


# --- Scale, quality/price split, price method -------------------------------------------------------------------

def settings_of(procurement: Procurement) -> dict[str, Any]:
    return {"scale_id": procurement.scale_id, "scale": [procurement.scale_min, procurement.scale_max],
            "levels": [[lv.value, lv.label, lv.descriptor] for lv in procurement.scale_levels],
            "quality_weight": procurement.quality_weight, "price_weight": procurement.price_weight,
            "price_method": procurement.price_method.value}


def custom_levels(minimum: int, maximum: int, text: str) -> list[tuple[int, str, str]]:
    """Levels from one line per value, lowest first, as ``Label`` or ``Label: descriptor``."""
    if minimum >= maximum:
        raise EditorError("The highest score must be more than the lowest score", "scale_max")
    if maximum - minimum > 10:
        raise EditorError("A scale can have at most 11 levels", "scale_max")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != maximum - minimum + 1:
        raise EditorError(f"Enter one label for each score from {minimum} to {maximum} "
                          f"({maximum - minimum + 1} lines), not {len(lines)}", "scale_labels")
    levels = []
    for value, line in zip(range(minimum, maximum + 1), lines, strict=True):
        label, _, descriptor = line.partition(":")
        if not label.strip() or len(label.strip()) > 100:
            raise EditorError(f"The label for score {value} must be 1 to 100 characters", "scale_labels")
        levels.append((value, label.strip(), descriptor.strip()))
    return levels


def update_settings(procurement: Procurement, *, actor: Actor, quality_weight: Decimal, price_weight: Decimal,
                    price_method: str, scale: Scale | None = None,
                    levels: Sequence[tuple[int, str, str]] | None = None) -> None:
    """Scale (a library scale, or custom levels), the quality/price split (sums to 100) and the price method."""
    require_draft(procurement)
    if quality_weight + price_weight != 100:
        raise EditorError(f"Quality and price weights add up to {quality_weight + price_weight:f}, not 100",
                          "price_weight")
    if scale is None and not levels:
        raise EditorError("Choose a scale", "scale")
    before = settings_of(procurement)
    if scale is not None:
        procurement.scale_id = scale.id
        levels = [(lv.value, lv.label, lv.descriptor) for lv in scale.levels]
    else:
        procurement.scale_id = None
    assert levels
    procurement.scale_levels.clear()
    db.session.flush()
    for value, label, descriptor in levels:
        procurement.scale_levels.append(ScaleLevel(value=value, label=label, descriptor=descriptor or ""))
    procurement.scale_min, procurement.scale_max = levels[0][0], levels[-1][0]
    procurement.quality_weight, procurement.price_weight = quality_weight, price_weight
    procurement.price_method = PriceMethod(price_method)
    _audit(procurement, actor, "plan.settings_changed", f"procurement:{procurement.reference}", before,
           settings_of(procurement))


# --- Sections --------------------------------------------------------------------------------------------------

def _section_data(section: Section) -> dict[str, Any]:
    return {"name": section.name, "weight": section.weight, "position": section.position,
            "criteria": [c.code for c in section.criteria]}


def _check_section_name(procurement: Procurement, name: str, section: Section | None = None) -> None:
    if not name:
        raise EditorError("Enter a name for the section", "name")
    if any(s.name.casefold() == name.casefold() and s is not section for s in procurement.sections):
        raise EditorError(f"There is already a section called '{name}'", "name")


def add_section(procurement: Procurement, *, actor: Actor, name: str, weight: Decimal = Decimal(0)) -> Section:
    require_draft(procurement)
    _check_section_name(procurement, name)
    section = Section(procurement=procurement, name=name, weight=weight, position=len(procurement.sections))
    procurement.sections.append(section)
    _audit(procurement, actor, "plan.section_added", f"section:{name}", None, _section_data(section))
    return section


def update_section(section: Section, *, actor: Actor, name: str, weight: Decimal) -> None:
    procurement = section.procurement
    require_draft(procurement)
    _check_section_name(procurement, name, section)
    before = _section_data(section)
    section.name, section.weight = name, weight
    _audit(procurement, actor, "plan.section_changed", f"section:{before['name']}", before, _section_data(section))


def move_section(section: Section, *, actor: Actor, direction: str) -> None:
    procurement = section.procurement
    require_draft(procurement)
    before = [s.name for s in procurement.sections]
    _renumber(_moved(list(procurement.sections), section, direction))
    procurement.sections.sort(key=lambda s: s.position)
    _audit(procurement, actor, "plan.sections_reordered", f"section:{section.name}", {"order": before},
           {"order": [s.name for s in procurement.sections]})


def remove_section(section: Section, *, actor: Actor, confirmed: bool) -> None:
    """An empty section goes at once; one holding criteria only when the officer has confirmed."""
    procurement = section.procurement
    require_draft(procurement)
    if section.criteria and not confirmed:
        raise EditorError(f"Section '{section.name}' holds {len(section.criteria)} criteria: confirm that they "
                          "are removed with it", "confirm")
    before = _section_data(section)
    procurement.sections.remove(section)
    db.session.delete(section)
    _renumber(procurement.sections)
    _audit(procurement, actor, "plan.section_removed", f"section:{before['name']}", before, None)


# --- Criteria --------------------------------------------------------------------------------------------------

def criterion_data(criterion: Criterion) -> dict[str, Any]:
    return {"code": criterion.code, "title": criterion.title, "section": criterion.section.name,
            "kind": criterion.kind.value, "weight": criterion.weight, "min_score": criterion.min_score,
            "youth_share": criterion.youth_share, "library_id": criterion.library_id, "origin": criterion.origin,
            "position": criterion.position}


def _next_position(procurement: Procurement) -> int:
    return max((c.position for c in procurement.criteria), default=-1) + 1


def _check_code(procurement: Procurement, code: str, criterion: Criterion | None = None) -> None:
    if not code:
        raise EditorError("Enter a code", "code")
    if any(c.code.casefold() == code.casefold() and c is not criterion for c in procurement.criteria):
        raise EditorError(f"Criterion {code} is already in this procurement", "code")


def _check_numbers(procurement: Procurement, kind: str, weight: Decimal, min_score: Decimal | None,
                   youth_share: Decimal) -> None:
    if kind == CriterionKind.PASS_FAIL and weight != 0:
        raise EditorError("A pass/fail criterion carries no weight: enter 0", "weight")
    if not 0 <= weight <= 100:
        raise EditorError("Weight must be between 0 and 100", "weight")
    if min_score is not None and kind == CriterionKind.PASS_FAIL:
        raise EditorError("A pass/fail criterion has no minimum score", "min_score")
    if min_score is not None and not procurement.scale_min <= min_score <= procurement.scale_max:
        raise EditorError(f"Minimum score must be on the scale, from {procurement.scale_min} to "
                          f"{procurement.scale_max}", "min_score")
    if not 0 <= youth_share <= 100:
        raise EditorError("Young people's share must be between 0 and 100", "youth_share")
    if youth_share and kind == CriterionKind.PASS_FAIL:
        raise EditorError("A pass/fail criterion gives no share to young people: enter 0", "youth_share")


def add_library_criterion(section: Section, item: LibraryCriterion, *, actor: Actor) -> Criterion:
    """Copy a library criterion (code, title, question, guidance, evidence, kind, suggested weight) into a section."""
    procurement = section.procurement
    require_draft(procurement)
    _check_code(procurement, item.code)
    criterion = Criterion(
        procurement=procurement, section=section, code=item.code, title=item.title, question=item.question,
        guidance={"poor": item.guidance.poor, "satisfactory": item.guidance.satisfactory,
                  "excellent": item.guidance.excellent},
        evidence=list(item.evidence), kind=CriterionKind(item.kind),
        weight=item.suggested_weight if item.is_scored and item.suggested_weight is not None else Decimal(0),
        min_score=None, youth_share=Decimal(0), library_id=item.id, young_people_text=item.young_people,
        origin="library", position=_next_position(procurement))
    section.criteria.append(criterion)
    _audit(procurement, actor, "plan.criterion_added", f"criterion:{item.code}", None, criterion_data(criterion))
    return criterion


def add_inline_criterion(section: Section, *, actor: Actor, code: str, title: str, question: str, kind: str,
                         weight: Decimal, min_score: Decimal | None, youth_share: Decimal,
                         origin: str = "inline") -> Criterion:
    """A criterion written for this procurement only (not in the library); ``origin`` says who proposed it."""
    procurement = section.procurement
    require_draft(procurement)
    _check_code(procurement, code)
    if not title:
        raise EditorError("Enter a title", "title")
    _check_numbers(procurement, kind, weight, min_score, youth_share)
    criterion = Criterion(
        procurement=procurement, section=section, code=code, title=title, question=question, guidance={},
        evidence=[], kind=CriterionKind(kind), weight=weight, min_score=min_score, youth_share=youth_share,
        library_id=None, young_people_text=None, origin=origin, position=_next_position(procurement))
    section.criteria.append(criterion)
    _audit(procurement, actor, "plan.criterion_added", f"criterion:{code}", None, criterion_data(criterion))
    return criterion


def update_criterion(criterion: Criterion, *, actor: Actor, title: str, question: str, kind: str, weight: Decimal,
                     min_score: Decimal | None, youth_share: Decimal, section: Section) -> None:
    procurement = criterion.procurement
    require_draft(procurement)
    if section.procurement_id != procurement.id:
        raise EditorError("Choose a section of this procurement", "section")
    if not title:
        raise EditorError("Enter a title", "title")
    _check_numbers(procurement, kind, weight, min_score, youth_share)
    before = criterion_data(criterion)
    criterion.title, criterion.question, criterion.kind = title, question, CriterionKind(kind)
    criterion.weight, criterion.min_score, criterion.youth_share = weight, min_score, youth_share
    if section is not criterion.section:
        criterion.section.criteria.remove(criterion)
        criterion.position = _next_position(procurement)
        section.criteria.append(criterion)
    _audit(procurement, actor, "plan.criterion_changed", f"criterion:{criterion.code}", before,
           criterion_data(criterion))


def move_criterion(criterion: Criterion, *, actor: Actor, direction: str) -> None:
    """One place up or down within its section."""
    procurement = criterion.procurement
    require_draft(procurement)
    section = criterion.section
    before = [c.code for c in section.criteria]
    positions = sorted(c.position for c in section.criteria)
    for position, item in zip(positions, _moved(list(section.criteria), criterion, direction), strict=True):
        item.position = position
    section.criteria.sort(key=lambda c: c.position)
    _audit(procurement, actor, "plan.criteria_reordered", f"criterion:{criterion.code}", {"order": before},
           {"order": [c.code for c in section.criteria]})


def remove_criterion(criterion: Criterion, *, actor: Actor) -> None:
    procurement = criterion.procurement
    require_draft(procurement)
    before = criterion_data(criterion)
    criterion.section.criteria.remove(criterion)
    db.session.delete(criterion)
    _audit(procurement, actor, "plan.criterion_removed", f"criterion:{before['code']}", before, None)


def set_weights(procurement: Procurement, *, actor: Actor, section_weights: dict[int, Decimal],
                criterion_weights: dict[int, Decimal]) -> None:
    """Every section and criterion weight at once (ids → weights). The caller has checked the sums."""
    require_draft(procurement)
    before = {"sections": {s.name: s.weight for s in procurement.sections},
              "criteria": {c.code: c.weight for c in procurement.criteria}}
    for section in procurement.sections:
        if section.id in section_weights:
            section.weight = section_weights[section.id]
        for criterion in section.criteria:
            if criterion.id in criterion_weights:
                weight = criterion_weights[criterion.id]
                if not 0 <= weight <= 100:
                    raise EditorError(f"The weight of {criterion.code} must be between 0 and 100")
                criterion.weight = weight
    _audit(procurement, actor, "plan.weights_changed", f"procurement:{procurement.reference}", before,
           {"sections": {s.name: s.weight for s in procurement.sections},
            "criteria": {c.code: c.weight for c in procurement.criteria}})
