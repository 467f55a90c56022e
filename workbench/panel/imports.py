"""Importing panel scores from a file (CSV, or the first sheet of an XLSX): all or nothing.

The same path serves `workbench scores import REF FILE` and the upload of a filled-in scoring workbook.
Header, exactly: evaluator,supplier,criterion,score,comment. Imported scores count as submitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.imports.tabular import TableRow, read_table
from workbench.models import (
    ConflictDeclaration,
    Criterion,
    MemberRole,
    Membership,
    Procurement,
    Score,
    ScoreStatus,
    Status,
    Supplier,
    User,
)
from workbench.models.base import utcnow
from workbench.problems import Problem, ProblemsError
from workbench.procurements.scoring_state import open_scoring_if_draft

SCORES_HEADER = ("evaluator", "supplier", "criterion", "score", "comment")


@dataclass(frozen=True)
class UploadRules:
    """Extra checks for a scoring workbook uploaded through the web (the CLI uses none of them).

    ``only_evaluator``: every row must name this evaluator (an evaluator uploads only their own scores).
    ``skip_blank``: a row with neither a score nor a comment is left out (a row not scored yet).
    ``require_comment``: every score needs a justification.
    ``require_declaration``: the evaluator must have declared no conflict of interest with the supplier.
    """

    only_evaluator: User | None = None
    skip_blank: bool = False
    require_comment: bool = False
    require_declaration: bool = False


@dataclass(frozen=True)
class ParsedScore:
    evaluator: User
    supplier: Supplier
    criterion: Criterion
    points: int | None
    passed: bool | None
    comment: str


class _Context:
    """Everything a row is checked against, fetched once."""

    def __init__(self, procurement: Procurement, rules: UploadRules):
        self.procurement = procurement
        self.rules = rules
        evaluators = db.session.execute(
            select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.procurement_id == procurement.id, Membership.role == MemberRole.EVALUATOR)).scalars()
        self.evaluators = {u.email.lower(): u for u in evaluators}
        self.suppliers = {s.name: s for s in procurement.suppliers}
        self.criteria = {c.code: c for c in procurement.criteria}
        submitted = db.session.execute(
            select(Score.evaluator_id, Score.supplier_id, Score.criterion_id)
            .where(Score.procurement_id == procurement.id, Score.status == ScoreStatus.SUBMITTED)).all()
        self.submitted = {tuple(row) for row in submitted}
        declarations = db.session.execute(
            select(ConflictDeclaration.evaluator_id, ConflictDeclaration.supplier_id, ConflictDeclaration.has_conflict)
            .where(ConflictDeclaration.procurement_id == procurement.id)).all()
        self.declarations = {(e, s): conflict for e, s, conflict in declarations}


def _parse_value(text: str, criterion: Criterion, procurement: Procurement) -> tuple[int | None, bool | None]:
    """The score as (points, passed), or ValueError with a message for the person who filled the file in."""
    if criterion.is_pass_fail:
        lowered = text.lower()
        if lowered in ("pass", "fail"):
            return None, lowered == "pass"
        raise ValueError(f"{criterion.code} is a pass/fail criterion: enter pass or fail, not {text!r}")
    try:
        points = int(text)
    except ValueError:
        raise ValueError(f"enter a whole number from {procurement.scale_min} to {procurement.scale_max}, "
                         f"not {text!r}") from None
    if not procurement.scale_min <= points <= procurement.scale_max:
        raise ValueError(f"{points} is outside the scale {procurement.scale_min} to {procurement.scale_max}")
    return points, None


def _parse_row(row: TableRow, context: _Context, filename: str, problems: list[Problem]) -> ParsedScore | None:
    values = row.values

    def problem(column: str, message: str) -> None:
        problems.append(Problem(filename, message, row=row.number, column=column))

    evaluator = context.evaluators.get(values["evaluator"].lower())
    if evaluator is None:
        problem("evaluator", f"{values['evaluator'] or '(empty)'} is not an evaluator on this procurement's panel")
    supplier = context.suppliers.get(values["supplier"])
    if supplier is None:
        problem("supplier", f"{values['supplier'] or '(empty)'} is not a supplier in this procurement")
    criterion = context.criteria.get(values["criterion"])
    if criterion is None:
        problem("criterion", f"{values['criterion'] or '(empty)'} is not a criterion code in this procurement")
        return None
    try:
        points, passed = _parse_value(values["score"], criterion, context.procurement)
    except ValueError as error:
        problem("score", str(error))
        return None
    if evaluator is None or supplier is None:
        return None
    if not _allowed_by_rules(evaluator, supplier, values, context.rules, context, problem):
        return None
    if (evaluator.id, supplier.id, criterion.id) in context.submitted:
        problem("score", f"{evaluator.email} has already submitted a score for {supplier.name} on "
                         f"{criterion.code}; a submitted score can only be changed in moderation")
        return None
    return ParsedScore(evaluator, supplier, criterion, points, passed, values["comment"])


def _allowed_by_rules(evaluator: User, supplier: Supplier, values: dict[str, str], rules: UploadRules,
                     context: _Context, problem) -> bool:
    allowed = True
    if rules.only_evaluator is not None and evaluator.id != rules.only_evaluator.id:
        problem("evaluator", f"you can only upload your own scores, not {evaluator.email}'s")
        allowed = False
    if rules.require_declaration:
        conflict = context.declarations.get((evaluator.id, supplier.id))
        if conflict is None:
            problem("supplier", f"declare whether you have a conflict of interest with {supplier.name} first")
            allowed = False
        elif conflict:
            problem("supplier", f"{evaluator.email} declared a conflict of interest with {supplier.name} "
                                f"and cannot score them")
            allowed = False
    if rules.require_comment and not values["comment"]:
        problem("comment", "enter a justification for the score")
        allowed = False
    return allowed


def _is_blank(row: TableRow) -> bool:
    return not row.values["score"] and not row.values["comment"]


def parse_scores(rows: list[TableRow], procurement: Procurement, filename: str,
                 rules: UploadRules | None = None) -> list[ParsedScore]:
    """Check every row; raise ProblemsError listing every problem, or return the scores."""
    rules = rules or UploadRules()
    context = _Context(procurement, rules)
    problems: list[Problem] = []
    parsed: list[ParsedScore] = []
    first_row: dict[tuple[int, int, int], int] = {}
    if rules.skip_blank:
        rows = [row for row in rows if not _is_blank(row)]
    for row in rows:
        score = _parse_row(row, context, filename, problems)
        if score is None:
            continue
        key = (score.evaluator.id, score.supplier.id, score.criterion.id)
        if key in first_row:
            problems.append(Problem(
                filename, f"duplicate: {score.evaluator.email}, {score.supplier.name}, {score.criterion.code} "
                          f"is already scored in row {first_row[key]}", row=row.number, column="criterion"))
            continue
        first_row[key] = row.number
        parsed.append(score)
    if not rows:
        problems.append(Problem(filename, "the file has a header but no scores", row=2))
    if problems:
        raise ProblemsError(problems)
    return parsed


def _store(procurement: Procurement, scores: list[ParsedScore]) -> None:
    existing = {
        (s.evaluator_id, s.supplier_id, s.criterion_id): s
        for s in db.session.execute(select(Score).where(Score.procurement_id == procurement.id)).scalars()}
    now = utcnow()
    for item in scores:
        key = (item.evaluator.id, item.supplier.id, item.criterion.id)
        score = existing.get(key) or Score(procurement_id=procurement.id, evaluator_id=item.evaluator.id,
                                           supplier_id=item.supplier.id, criterion_id=item.criterion.id)
        score.points, score.passed, score.justification = item.points, item.passed, item.comment
        score.status, score.updated_at, score.submitted_at = ScoreStatus.SUBMITTED, now, now
        db.session.add(score)


def import_scores(procurement: Procurement, source: Path | bytes, *, filename: str,
                  actor: User | str | None, rules: UploadRules | None = None) -> int:
    """Import a scores file into a procurement, all or nothing. Returns the number of scores stored.

    ``rules`` adds the checks of a web upload (see :class:`UploadRules`); the CLI passes none."""
    if procurement.status is Status.FINALISED:
        raise ProblemsError([Problem(filename, f"{procurement.reference} is finalised: scores can no longer change")])
    rows = read_table(source, filename=filename, header=SCORES_HEADER)
    scores = parse_scores(rows, procurement, filename, rules)
    open_scoring_if_draft(procurement, actor=actor, source=filename)
    _store(procurement, scores)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor, action="scores.imported",
                 entity=f"file:{filename}", after={"count": len(scores), "scores": [
                     {"evaluator": s.evaluator.email, "supplier": s.supplier.name, "criterion": s.criterion.code,
                      "score": s.points if s.passed is None else ("pass" if s.passed else "fail"),
                      "comment": s.comment} for s in scores]})
    return len(scores)
