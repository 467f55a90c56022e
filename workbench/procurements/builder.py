"""Building a plan in the browser: a starting plan from a library set, checked by the same rules as plan files."""

from __future__ import annotations

from decimal import Decimal

from workbench.library.model import Library
from workbench.library.plans import Plan, PlanCriterion, PlanScale, PlanSection, check_plan
from workbench.problems import ProblemsError

EMPTY_SET = "empty"  # start with no sections: the officer builds the plan in the editor


def plan_from_library_set(library: Library, *, set_id: str, title: str, reference: str, quality_weight: Decimal,
                          price_method: str, scale_id: str) -> Plan:
    """A plan with the set's suggested sections, criteria and weights (or none, for ``EMPTY_SET``); raises
    ProblemsError if it breaks a rule. An empty plan may lack sections: scoring cannot open until it has them."""
    criteria_set = None if set_id == EMPTY_SET else library.criteria_set(set_id)
    scale = library.scale(scale_id)
    if (criteria_set is None and set_id != EMPTY_SET) or scale is None:
        raise ValueError("unknown criteria set or scale")
    sections = () if criteria_set is None else tuple(
        PlanSection(name=section.name, weight=section.weight, criteria=tuple(
            PlanCriterion(code=c.code, title=c.title, question=c.question, guidance=c.guidance,
                          evidence=c.evidence, kind=c.kind, weight=c.suggested_weight or Decimal(0),
                          library_id=c.id, young_people_text=c.young_people, origin="library")
            for c in criteria_set.in_section(section.name)))
        for section in criteria_set.sections)
    plan = Plan(title=title, reference=reference,
                scale=PlanScale(id=scale.id, min=scale.min, max=scale.max, levels=scale.levels),
                quality_weight=quality_weight, price_weight=Decimal(100) - quality_weight,
                price_method=price_method, young_people_form=None, sections=sections)
    problems = [p for p in check_plan(plan, library, file="the new procurement")
                if not (criteria_set is None and p.field == "sections")]
    if problems:
        raise ProblemsError(problems)
    return plan
