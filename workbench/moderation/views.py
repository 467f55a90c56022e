"""Moderation pages: stage controls, every (supplier, criterion) with spread flags first, and consensus scores.

Officers (MANAGE) act; auditors and admins read; evaluators read once moderation opens (the PANEL right).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from workbench.access import Right, procurement, rights_of
from workbench.extensions import db
from workbench.models import Procurement, Status
from workbench.moderation import queries
from workbench.moderation.forms import (
    ChangeScoreForm,
    ConsensusForm,
    FinaliseForm,
    OpenModerationForm,
    WithdrawConsensusForm,
)
from workbench.moderation.services import (
    ModerationError,
    change_submitted_score,
    record_consensus,
    withdraw_consensus,
)
from workbench.procurements.scoring_state import StageError, finalise, open_moderation

bp = Blueprint("moderation", __name__, url_prefix="/procurements/<reference>/moderation")


def _manages(found: Procurement) -> bool:
    return Right.MANAGE in rights_of(current_user, found)


def _index_url(found: Procurement) -> str:
    return url_for("moderation.index", reference=found.reference)


def _show_error(form: FlaskForm, error: ModerationError, default: str) -> None:
    """Put the service's message on the field it names (or on `default` when it concerns the whole action)."""
    field = getattr(form, error.field, None) if error.field else None
    field = field if field is not None else getattr(form, default)
    field.errors = [*field.errors, error.message]


@bp.get("")
@procurement(Right.PANEL)
def index(procurement: Procurement):
    found = queries.items(procurement, current_user)
    return render_template(
        "moderation/index.html", procurement=procurement, Status=Status, manage=_manages(procurement),
        flagged=[i for i in found if i.spread_flag], others=[i for i in found if not i.spread_flag],
        moderated=sum(1 for i in found if i.consensus), labels=dict(queries.scale_labels(procurement)))


@bp.route("/open", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def open_(procurement: Procurement):
    if procurement.status is not Status.SCORING:
        flash("Moderation opens after scoring.", "error")
        return redirect(_index_url(procurement))
    form = OpenModerationForm()
    if form.validate_on_submit():
        try:
            open_moderation(procurement, actor=current_user)
        except StageError as error:
            db.session.rollback()
            form.confirm.errors = [*form.confirm.errors, str(error)]
        else:
            db.session.commit()
            flash("Moderation is open. Scoring has closed, and the panel can see every submitted score.", "success")
            return redirect(_index_url(procurement))
    return render_template("moderation/open.html", procurement=procurement, form=form,
                           progress=queries.progress(procurement))


@bp.route("/finalise", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def finalise_(procurement: Procurement):
    form = FinaliseForm()
    if procurement.status is not Status.MODERATION:
        flash("A procurement is finalised from moderation.", "error")
        return redirect(_index_url(procurement))
    if form.validate_on_submit():
        try:
            finalise(procurement, actor=current_user, reason=form.reason.data or "")
        except StageError as error:
            db.session.rollback()
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash("The evaluation is finalised. Scores and consensus can no longer change.", "success")
            return redirect(_index_url(procurement))
    unmoderated = [i for i in queries.items(procurement, current_user) if i.spread_flag and not i.consensus]
    return render_template("moderation/finalise.html", procurement=procurement, form=form, unmoderated=unmoderated)


def _render_item(found: Procurement, supplier_id: int, criterion_id: int, form: ConsensusForm | None = None):
    current = queries.item(found, current_user, supplier_id, criterion_id)
    choices = queries.scale_choices(found, current.criterion)
    can_act = _manages(found) and found.status is Status.MODERATION
    if form is None and can_act:
        form = ConsensusForm(data={"score": current.consensus and str(current.consensus.value),
                                   "rationale": current.consensus.rationale if current.consensus else ""})
    if form is not None:
        form.set_choices(choices)
    return render_template(
        "moderation/item.html", procurement=found, item=current, labels=dict(choices), form=form,
        can_act=can_act, rows=queries.panel_rows(found, current.supplier, current.criterion))


@bp.get("/<int:supplier_id>/<int:criterion_id>")
@procurement(Right.PANEL)
def item(procurement: Procurement, supplier_id: int, criterion_id: int):
    return _render_item(procurement, supplier_id, criterion_id)


@bp.post("/<int:supplier_id>/<int:criterion_id>")
@procurement(Right.MANAGE)
def record(procurement: Procurement, supplier_id: int, criterion_id: int):
    current = queries.item(procurement, current_user, supplier_id, criterion_id)
    if procurement.status is not Status.MODERATION:
        flash("Consensus scores can only be recorded while moderation is open.", "error")
        return redirect(url_for("moderation.item", reference=procurement.reference, supplier_id=supplier_id,
                                criterion_id=criterion_id))
    form = ConsensusForm().set_choices(queries.scale_choices(procurement, current.criterion))
    if form.validate_on_submit():
        try:
            record_consensus(procurement, current.supplier, current.criterion, value=form.score.data,
                             rationale=form.rationale.data, reason=form.reason.data or "", actor=current_user)
        except ModerationError as error:
            db.session.rollback()
            _show_error(form, error, "score")
        else:
            db.session.commit()
            flash(f"Consensus score saved for {current.supplier.name}, {current.criterion.code}.", "success")
            return redirect(_index_url(procurement))
    return _render_item(procurement, supplier_id, criterion_id, form)


@bp.route("/scores/<int:score_id>/change", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def change_score(procurement: Procurement, score_id: int):
    score = queries.submitted_score(procurement, score_id)
    choices = queries.scale_choices(procurement, score.criterion)
    back = url_for("moderation.item", reference=procurement.reference, supplier_id=score.supplier_id,
                   criterion_id=score.criterion_id)
    if procurement.status is not Status.MODERATION:
        flash("Submitted scores can only be changed while moderation is open.", "error")
        return redirect(back)
    form = ChangeScoreForm().set_choices(choices)
    if form.validate_on_submit():
        try:
            change_submitted_score(procurement, score, value=form.score.data, reason=form.reason.data,
                                   actor=current_user)
        except ModerationError as error:
            db.session.rollback()
            _show_error(form, error, "score")
        else:
            db.session.commit()
            flash(f"{score.evaluator.name}’s score for {score.criterion.code} was changed.", "success")
            return redirect(back)
    return render_template("moderation/change_score.html", procurement=procurement, score=score, form=form,
                           labels=dict(choices), back=back)


@bp.route("/<int:supplier_id>/<int:criterion_id>/withdraw", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def withdraw(procurement: Procurement, supplier_id: int, criterion_id: int):
    current = queries.item(procurement, current_user, supplier_id, criterion_id)
    back = url_for("moderation.item", reference=procurement.reference, supplier_id=supplier_id,
                   criterion_id=criterion_id)
    if procurement.status is not Status.MODERATION or current.consensus is None:
        flash("There is no consensus score to withdraw while moderation is open." if current.consensus is None
              else "Consensus scores can only be withdrawn while moderation is open.", "error")
        return redirect(back)
    form = WithdrawConsensusForm()
    if form.validate_on_submit():
        try:
            withdraw_consensus(procurement, current.supplier, current.criterion, reason=form.reason.data,
                               actor=current_user)
        except ModerationError as error:
            db.session.rollback()
            _show_error(form, error, "reason")
        else:
            db.session.commit()
            flash(f"Consensus score withdrawn for {current.supplier.name}, {current.criterion.code}: the results "
                  "use the panel’s scores again.", "success")
            return redirect(back)
    return render_template("moderation/withdraw.html", procurement=procurement, item=current, form=form,
                           labels=dict(queries.scale_choices(procurement, current.criterion)), back=back)
