"""What the moderation pages show: read-only queries. Figures come from the scoring engine, never from here."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from workbench import scoring
from workbench.access import hidden_suppliers
from workbench.extensions import db
from workbench.models import (
    ConflictDeclaration,
    Consensus,
    Criterion,
    MemberRole,
    Procurement,
    Score,
    ScoreStatus,
    Supplier,
    User,
)
from workbench.procurements.services import members
from workbench.results.inputs import evaluation_for


@dataclass(frozen=True)
class Item:
    """One supplier on one criterion: the panel's figures before consensus, and the consensus if recorded."""

    supplier: Supplier
    criterion: Criterion
    spread_flag: bool
    mean: float | str | None        # the professional score without consensus: mean, or pass/fail
    score_count: int
    consensus: Consensus | None


@dataclass(frozen=True)
class PanelRow:
    evaluator: User
    score: Score | None             # their submitted score, if any
    conflict: bool


def panel_figures(procurement: Procurement) -> scoring.EvaluationResult:
    """The engine's result with every consensus left out: each criterion's mean and spread flag."""
    return scoring.evaluate(dataclasses.replace(evaluation_for(procurement), consensus=()))


def _consensus_by_key(procurement: Procurement) -> dict[tuple[int, int], Consensus]:
    rows = db.session.execute(select(Consensus).where(Consensus.procurement_id == procurement.id)).scalars()
    return {(c.supplier_id, c.criterion_id): c for c in rows}


def items(procurement: Procurement, viewer: User) -> list[Item]:
    """Every (supplier, criterion) the viewer may see: spread-flagged first, then the rest, each in plan order."""
    figures = panel_figures(procurement)
    agreed = _consensus_by_key(procurement)
    hidden = hidden_suppliers(procurement, viewer)
    found = []
    for supplier in procurement.suppliers:
        if supplier.id in hidden:
            continue
        result = figures.supplier(supplier.name)
        for criterion in procurement.criteria:
            calc = result.criteria[criterion.code]
            found.append(Item(supplier, criterion, calc.spread_flag, calc.professional, calc.score_count,
                              agreed.get((supplier.id, criterion.id))))
    return sorted(found, key=lambda item: not item.spread_flag)  # stable: plan order within each group


def item(procurement: Procurement, viewer: User, supplier_id: int, criterion_id: int) -> Item:
    """One item, or 404 when it is not in this procurement or the viewer may not see that supplier."""
    for found in items(procurement, viewer):
        if found.supplier.id == supplier_id and found.criterion.id == criterion_id:
            return found
    abort(404)


def panel_rows(procurement: Procurement, supplier: Supplier, criterion: Criterion) -> list[PanelRow]:
    """Every evaluator with their submitted score for this supplier and criterion (or none), side by side."""
    scores = {s.evaluator_id: s for s in db.session.execute(
        select(Score).options(selectinload(Score.evaluator)).where(
            Score.supplier_id == supplier.id, Score.criterion_id == criterion.id,
            Score.status == ScoreStatus.SUBMITTED)).scalars()}
    conflicted = set(db.session.execute(select(ConflictDeclaration.evaluator_id).where(
        ConflictDeclaration.supplier_id == supplier.id, ConflictDeclaration.has_conflict)).scalars())
    panel = members(procurement, MemberRole.EVALUATOR)
    panel += sorted((s.evaluator for s in scores.values() if s.evaluator not in panel), key=lambda u: u.name)
    return [PanelRow(evaluator, scores.get(evaluator.id), evaluator.id in conflicted) for evaluator in panel]


def submitted_score(procurement: Procurement, score_id: int) -> Score:
    score = db.session.get(Score, score_id)
    if score is None or score.procurement_id != procurement.id or score.status is not ScoreStatus.SUBMITTED:
        abort(404)
    return score


def scale_labels(procurement: Procurement) -> list[tuple[str, str]]:
    """(value, "value – label") for each level of the plan's scale."""
    labels = {level.value: level.label for level in procurement.scale_levels}
    return [(str(v), f"{v} – {labels[v]}" if v in labels else str(v))
            for v in range(procurement.scale_min, procurement.scale_max + 1)]


def scale_choices(procurement: Procurement, criterion: Criterion) -> list[tuple[str, str]]:
    """(value, label) for each score the criterion allows."""
    if criterion.is_pass_fail:
        return [("pass", "Pass"), ("fail", "Fail")]
    return scale_labels(procurement)


@dataclass(frozen=True)
class Progress:
    evaluator: User
    submitted: int      # submitted scores
    expected: int       # criteria × suppliers they have no conflict with


def progress(procurement: Procurement) -> list[Progress]:
    """How far each evaluator has got: what the officer checks before opening moderation."""
    submitted = dict(db.session.execute(
        select(Score.evaluator_id, func.count()).where(Score.procurement_id == procurement.id,
                                                       Score.status == ScoreStatus.SUBMITTED)
        .group_by(Score.evaluator_id)).tuples().all())
    conflicts = dict(db.session.execute(
        select(ConflictDeclaration.evaluator_id, func.count()).where(
            ConflictDeclaration.procurement_id == procurement.id, ConflictDeclaration.has_conflict)
        .group_by(ConflictDeclaration.evaluator_id)).tuples().all())
    per_supplier = len(procurement.criteria)
    return [Progress(e, submitted.get(e.id, 0), per_supplier * (len(procurement.suppliers) - conflicts.get(e.id, 0)))
            for e in members(procurement, MemberRole.EVALUATOR)]
