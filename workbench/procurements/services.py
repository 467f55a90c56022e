"""Write operations on procurements. Each flushes, writes its audit event, and leaves the commit to the caller."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.auth.services import create_user, find_user
from workbench.extensions import db
from workbench.library.plans import Plan
from workbench.models import (
    Criterion,
    CriterionKind,
    MemberRole,
    Membership,
    PriceMethod,
    Procurement,
    Role,
    ScaleLevel,
    Section,
    Status,
    Supplier,
    User,
    YouthQuestion,
)
from workbench.problems import Problem, ProblemsError
from workbench.procurements.queries import get_by_reference


def plan_summary(procurement: Procurement) -> dict[str, Any]:
    """What the audit trail records of a plan: weights, thresholds and shares of every level."""
    return {
        "title": procurement.title, "scale": [procurement.scale_min, procurement.scale_max],
        "quality_weight": procurement.quality_weight, "price_weight": procurement.price_weight,
        "price_method": procurement.price_method.value,
        "sections": [{"name": s.name, "weight": s.weight,
                      "criteria": [{"code": c.code, "kind": c.kind.value, "weight": c.weight,
                                    "min_score": c.min_score, "youth_share": c.youth_share} for c in s.criteria]}
                     for s in procurement.sections],
        "suppliers": [{"name": s.name, "price": s.price} for s in procurement.suppliers],
    }


def _criterion_from_plan(procurement: Procurement, section: Section, item: Any, position: int) -> Criterion:
    guidance = item.guidance
    return Criterion(
        procurement=procurement, section=section, code=item.code, title=item.title, question=item.question or "",
        guidance=asdict(guidance) if hasattr(guidance, "__dataclass_fields__") else dict(guidance or {}),
        evidence=list(item.evidence), kind=CriterionKind(item.kind), weight=item.weight, min_score=item.min_score,
        youth_share=item.youth_share, library_id=item.library_id, young_people_text=item.young_people_text,
        origin=item.origin, position=position)


def _panel_member(email: str, name: str, actor: User | str | None) -> User:
    user = find_user(email)
    if user is None:
        user = create_user(email=email, name=name or email, role=Role.EVALUATOR, password=None, actor=actor)
    return user


def create_procurement_from_plan(plan: Plan, *, actor: User | str | None, source: str,
                                 officer: User | None = None) -> Procurement:
    """Create a procurement from a validated plan. The plan file and the UI builder both end here."""
    if get_by_reference(plan.reference) is not None:
        raise ProblemsError([Problem(source, f"A procurement with reference {plan.reference} already exists",
                                     field="reference")])
    procurement = Procurement(
        reference=plan.reference, title=plan.title, status=Status.DRAFT, scale_id=plan.scale.id,
        scale_min=plan.scale.min, scale_max=plan.scale.max, quality_weight=plan.quality_weight,
        price_weight=plan.price_weight, price_method=PriceMethod(plan.price_method),
        created_by_id=officer.id if officer else None)
    db.session.add(procurement)
    for value, label, descriptor in plan.scale.levels:
        procurement.scale_levels.append(ScaleLevel(value=value, label=label, descriptor=descriptor or ""))
    position = 0
    for section_position, planned in enumerate(plan.sections):
        # the back-populated relationships put each section and criterion in its parent's list (once)
        section = Section(procurement=procurement, name=planned.name, weight=planned.weight,
                          position=section_position)
        db.session.add(section)
        for item in planned.criteria:
            db.session.add(_criterion_from_plan(procurement, section, item, position))
            position += 1
    for supplier_position, planned_supplier in enumerate(plan.suppliers):
        procurement.suppliers.append(Supplier(name=planned_supplier.name, price=planned_supplier.price,
                                              position=supplier_position))
    _add_youth_form(procurement, plan)
    db.session.flush()
    if officer is not None:
        db.session.add(Membership(procurement_id=procurement.id, user_id=officer.id, role=MemberRole.OFFICER))
    for evaluator in plan.evaluators:
        user = _panel_member(evaluator.email, evaluator.name, actor)
        db.session.add(Membership(procurement_id=procurement.id, user_id=user.id, role=MemberRole.EVALUATOR))
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="procurement.created", entity=f"procurement:{procurement.reference}",
                 after=plan_summary(procurement) | {"source": source,
                                                    "evaluators": [e.email for e in plan.evaluators]})
    return procurement


def _add_youth_form(procurement: Procurement, plan: Plan) -> None:
    form = plan.young_people_form
    if form is None:
        return
    procurement.young_people_form_id = form.id
    procurement.young_people_form_title = form.title
    for position, question in enumerate(form.questions):
        procurement.youth_questions.append(YouthQuestion(
            code=question.id, text=question.text, hint=question.hint or "",
            criterion_codes=list(question.criteria), position=position))


def members(procurement: Procurement, role: MemberRole) -> list[User]:
    return list(db.session.execute(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.procurement_id == procurement.id, Membership.role == role)
        .order_by(User.name)).scalars())
