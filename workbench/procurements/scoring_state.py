"""Moving a procurement through its stages: setting up → scoring → moderation → finalised."""

from __future__ import annotations

from workbench import scoring
from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Procurement, Status, User
from workbench.problems import Problem, ProblemsError


class StageError(ValueError):
    """A stage change that is not allowed now, with the reason."""


def weight_problems(procurement: Procurement) -> list[scoring.WeightProblem]:
    sections = [scoring.weights.WeightedSection(
        s.name, s.weight, [scoring.weights.WeightedCriterion(c.code, c.kind.value, c.weight) for c in s.criteria])
        for s in procurement.sections]
    return scoring.weights.weight_problems(sections)


def open_scoring_problems(procurement: Procurement) -> list[str]:
    """Why scoring cannot open now (empty when it can): weights that do not add up, no criteria, no suppliers."""
    problems = [p.message for p in weight_problems(procurement)]
    if not procurement.criteria:
        problems.append("Add at least one criterion before scoring opens")
    if not procurement.suppliers:
        problems.append("Add at least one supplier before scoring opens")
    return problems


def _move(procurement: Procurement, to: Status, actor: User | str | None, reason: str = "") -> None:
    before = procurement.status
    procurement.status = to
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor, action="stage.changed",
                 entity=f"procurement:{procurement.reference}", before={"status": before.value},
                 after={"status": to.value}, reason=reason)


def open_scoring(procurement: Procurement, *, actor: User | str | None) -> None:
    """Scoring cannot open while any level of weights fails to sum to 100; the error names the level and sum."""
    if procurement.status is not Status.DRAFT:
        raise StageError(f"Scoring can only be opened while the procurement is being set up "
                         f"(it is now: {procurement.status.label})")
    problems = open_scoring_problems(procurement)
    if problems:
        raise StageError("; ".join(problems))
    _move(procurement, Status.SCORING, actor)


def open_scoring_if_draft(procurement: Procurement, *, actor: User | str | None, source: str) -> None:
    """Importing scores into a procurement still being set up opens scoring first (same checks)."""
    if procurement.status is Status.DRAFT:
        try:
            open_scoring(procurement, actor=actor)
        except StageError as error:
            raise ProblemsError([Problem(source, f"scoring cannot open yet: {error}")]) from error


def open_moderation(procurement: Procurement, *, actor: User | str | None) -> None:
    if procurement.status is not Status.SCORING:
        raise StageError("Moderation opens after scoring")
    _move(procurement, Status.MODERATION, actor)


def finalise(procurement: Procurement, *, actor: User | str | None, reason: str) -> None:
    if procurement.status is not Status.MODERATION:
        raise StageError("A procurement is finalised after moderation")
    _move(procurement, Status.FINALISED, actor, reason)
