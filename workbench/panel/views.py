"""The panel's pages: conflict declarations, scoring (by supplier or by criterion), progress, offline workbook."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from workbench.access import Right, procurement, rights_of
from workbench.evidence.queries import bid_evidence
from workbench.extensions import db
from workbench.forms import ActionForm
from workbench.imports.tabular import MAX_IMPORT_BYTES
from workbench.models import MemberRole, Procurement, Status
from workbench.panel.forms import (
    DeclarationForm,
    UploadForm,
    check_complete,
    choices_for,
    error_list,
    make_cell,
    read_cells,
)
from workbench.panel.imports import UploadRules, import_scores
from workbench.panel.progress import evaluator_progress, panel_progress
from workbench.panel.queries import all_declarations, clear_suppliers, declarations_of, scores_of
from workbench.panel.services import ScoringError, declare_conflict, save_drafts, submit_scores
from workbench.panel.workbook import build_workbook
from workbench.problems import Problem, ProblemsError
from workbench.procurements.services import members

bp = Blueprint("panel", __name__, url_prefix="/procurements")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _supplier(procurement: Procurement, supplier_id: int):
    found = next((s for s in procurement.suppliers if s.id == supplier_id), None)
    if found is None:
        abort(404)
    return found


def _context(procurement: Procurement) -> dict:
    return {"procurement": procurement, "scoring_open": procurement.status is Status.SCORING,
            "document_links": "evidence.download_document" in current_app.view_functions,
            "bid_links": "evidence.bid" in current_app.view_functions,
            "levels": procurement.scale_levels, "choices_for": choices_for}


def _to_index(procurement: Procurement):
    return redirect(url_for("panel.index", reference=procurement.reference))


@bp.get("/<reference>/scoring")
@procurement(Right.SCORE)
def index(procurement: Procurement):
    return render_template("panel/index.html", progress=evaluator_progress(procurement, current_user),
                           clear=clear_suppliers(procurement, current_user), **_context(procurement))


@bp.route("/<reference>/scoring/conflicts/<int:supplier_id>", methods=["GET", "POST"])
@procurement(Right.SCORE)
def declare(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    if supplier.id in declarations_of(procurement, current_user) or procurement.status is Status.FINALISED:
        flash(f"You have already made your declaration for {supplier.name}.", "info")
        return _to_index(procurement)
    form = DeclarationForm()
    if form.validate_on_submit():
        try:
            declare_conflict(procurement, current_user, supplier, has_conflict=form.has_conflict.data == "yes",
                             details=form.details.data or "")
        except ScoringError as error:
            db.session.rollback()
            form.details.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Declaration recorded for {supplier.name}.", "success")
            return _to_index(procurement)
    return render_template("panel/declare.html", form=form, supplier=supplier, **_context(procurement))


def _save(procurement: Procurement, cells) -> str | None:
    try:
        save_drafts(procurement, current_user, [(c.supplier, c.criterion, *c.entered) for c in cells if not c.locked])
    except ScoringError as error:
        db.session.rollback()
        return str(error)
    db.session.commit()
    return None


@bp.route("/<reference>/scoring/suppliers/<int:supplier_id>", methods=["GET", "POST"])
@procurement(Right.SCORE)
def score_supplier(procurement: Procurement, supplier_id: int):
    supplier = _supplier(procurement, supplier_id)
    declaration = declarations_of(procurement, current_user).get(supplier.id)
    if declaration is None:
        return redirect(url_for("panel.declare", reference=procurement.reference, supplier_id=supplier.id))
    if declaration.has_conflict:
        abort(404)  # a declared conflict hides the supplier's bid from the evaluator
    evidence, scores = bid_evidence(procurement, supplier), scores_of(procurement, current_user)
    cells = [make_cell(f"c{c.id}", supplier, c, evidence[c.id], scores.get((supplier.id, c.id)))
             for c in procurement.criteria]
    form, problem = ActionForm(), None
    if request.method == "POST":
        if all(c.locked for c in cells) or procurement.status is not Status.SCORING:
            flash(f"Your scores for {supplier.name} can no longer be changed.", "info")
            return redirect(request.url)
        if not form.validate_on_submit():
            problem = "The page had expired, so nothing was saved: enter your scores again"
        elif read_cells(cells, request.form, procurement):
            problem = _save(procurement, cells)
            submitting = "submit" in request.form
            if problem is None and not submitting:
                flash(f"Your draft scores for {supplier.name} are saved.", "success")
                return redirect(request.url)
            if problem is None and check_complete(cells):
                try:
                    submit_scores(procurement, current_user, supplier)
                except ScoringError as error:
                    db.session.rollback()
                    problem = str(error)
                else:
                    db.session.commit()
                    flash(f"Your scores for {supplier.name} are submitted. They can now only change in moderation.",
                          "success")
                    return _to_index(procurement)
    return render_template("panel/score_supplier.html", supplier=supplier, cells=cells, errors=error_list(cells),
                           problem=problem, form=None, scoring_form=form, **_context(procurement))


@bp.route("/<reference>/scoring/criteria/<int:criterion_id>", methods=["GET", "POST"])
@procurement(Right.SCORE)
def score_criterion(procurement: Procurement, criterion_id: int):
    criterion = next((c for c in procurement.criteria if c.id == criterion_id), None)
    if criterion is None:
        abort(404)
    scores = scores_of(procurement, current_user)
    cells = [make_cell(f"s{s.id}", s, criterion, bid_evidence(procurement, s)[criterion.id],
                       scores.get((s.id, criterion.id))) for s in clear_suppliers(procurement, current_user)]
    form, problem = ActionForm(), None
    if request.method == "POST":
        if all(c.locked for c in cells) or procurement.status is not Status.SCORING:
            flash(f"Your scores for {criterion.code} can no longer be changed.", "info")
            return redirect(request.url)
        if not form.validate_on_submit():
            problem = "The page had expired, so nothing was saved: enter your scores again"
        elif read_cells(cells, request.form, procurement):
            problem = _save(procurement, cells)
            if problem is None:
                flash(f"Your draft scores for {criterion.code} are saved. Submit each supplier's scores from "
                      f"its own page when you have scored every criterion.", "success")
                return redirect(request.url)
    criteria = procurement.criteria
    position = [c.id for c in criteria].index(criterion.id)
    neighbours = ([("Previous", criteria[position - 1])] if position > 0 else []) + (
        [("Next", criteria[position + 1])] if position + 1 < len(criteria) else [])
    return render_template("panel/score_criterion.html", criterion=criterion, cells=cells, errors=error_list(cells),
                           problem=problem, form=None, scoring_form=form, neighbours=neighbours,
                           **_context(procurement))


def _workbook_response(procurement: Procurement, evaluators, *, own: bool, name: str):
    data = build_workbook(procurement, evaluators, own=own)
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"{procurement.reference}-scores-{name}.xlsx")


@bp.get("/<reference>/scoring/workbook")
@procurement(Right.SCORE)
def workbook(procurement: Procurement):
    return _workbook_response(procurement, [current_user], own=True, name=current_user.email.split("@")[0])


def _upload(procurement: Procurement, rules: UploadRules, template: str, **context):
    form, problems = UploadForm(), []
    if form.validate_on_submit():
        upload = form.scores_file.data
        data, name = upload.read(MAX_IMPORT_BYTES + 1), upload.filename or "scores.xlsx"
        try:
            if procurement.status is not Status.SCORING:
                raise ProblemsError([Problem(name, "scores can only be uploaded while scoring is open")])
            count = import_scores(procurement, data, filename=name, actor=current_user, rules=rules)
        except ProblemsError as error:
            db.session.rollback()
            problems = error.problems
            form.scores_file.errors.append(f"The file has {len(problems)} problem(s): no scores were saved")
        else:
            db.session.commit()
            flash(f"{count} score(s) uploaded from {name} and submitted.", "success")
            return redirect(request.url)
    return render_template(template, form=form, problems=problems, **context, **_context(procurement))


@bp.route("/<reference>/scoring/upload", methods=["GET", "POST"])
@procurement(Right.SCORE)
def upload(procurement: Procurement):
    rules = UploadRules(only_evaluator=current_user, skip_blank=True, require_comment=True, require_declaration=True)
    return _upload(procurement, rules, "panel/upload.html", officer=False)


@bp.get("/<reference>/panel-progress")
@procurement(Right.MANAGE, Right.READ)
def progress(procurement: Procurement):
    return render_template("panel/progress.html", progress=panel_progress(procurement),
                           declarations=all_declarations(procurement),
                           manage=Right.MANAGE in rights_of(current_user, procurement),
                           evaluators=members(procurement, MemberRole.EVALUATOR), **_context(procurement))


@bp.get("/<reference>/panel-progress/workbook")
@procurement(Right.MANAGE)
def officer_workbook(procurement: Procurement):
    evaluators = members(procurement, MemberRole.EVALUATOR)
    chosen = request.args.get("evaluator", type=int)
    if chosen is not None:
        evaluators = [e for e in evaluators if e.id == chosen]
        if not evaluators:
            abort(404)
    name = evaluators[0].email.split("@")[0] if chosen is not None else "panel"
    return _workbook_response(procurement, evaluators, own=False, name=name)


@bp.route("/<reference>/panel-progress/upload", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def officer_upload(procurement: Procurement):
    return _upload(procurement, UploadRules(skip_blank=True, require_comment=True), "panel/upload.html", officer=True)
