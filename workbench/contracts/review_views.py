"""Review meeting pages of a contract (routes on the contracts blueprint)."""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workbench.contracts.forms import AddendumForm, ReviewForm
from workbench.contracts.queries import can_manage_contract
from workbench.contracts.reviews import (
    add_addendum,
    draft_review,
    reviews_of,
    schedule,
    sign_off,
    update_review,
)
from workbench.contracts.services import ContractRuleError
from workbench.contracts.views import bp, contract_access
from workbench.extensions import db
from workbench.models import Contract, Review
from workbench.procurements.forms import ActionForm


@bp.get("/<contract_ref>/reviews")
@contract_access(manage=False)
def reviews(contract: Contract):
    drafted = {r.span_start: r for r in reviews_of(contract)}
    return render_template("contracts/reviews.html", contract=contract, spans=schedule(contract), drafted=drafted,
                           manage=can_manage_contract(current_user, contract), action=ActionForm())


@bp.post("/<contract_ref>/reviews")
@contract_access(manage=True)
def draft(contract: Contract):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        start = dt.date.fromisoformat(request.form.get("span_start", ""))
        review = draft_review(contract, start, actor=current_user)
    except (ValueError, ContractRuleError) as error:
        db.session.rollback()
        flash(str(error) if isinstance(error, ContractRuleError) else "Choose a review span", "info")
        return redirect(url_for("contracts.reviews", contract_ref=contract.reference))
    db.session.commit()
    return redirect(url_for("contracts.review", contract_ref=contract.reference, review_id=review.id))


def _review(contract: Contract, review_id: int) -> Review:
    found = db.session.get(Review, review_id)
    if found is None or found.contract_id != contract.id:
        abort(404)
    return found


@bp.route("/<contract_ref>/reviews/<int:review_id>", methods=["GET", "POST"])
@contract_access(manage=False)
def review(contract: Contract, review_id: int):
    found = _review(contract, review_id)
    manage = can_manage_contract(current_user, contract)
    form = ReviewForm(obj=found) if not found.locked else None
    addendum = AddendumForm() if found.locked else None
    if request.method == "POST":
        if not manage:
            abort(403)
        if form is not None and form.validate_on_submit():
            try:
                update_review(contract, found, held_on=form.held_on.data, attendees=form.attendees.data or "",
                              decisions=form.decisions.data or "", actor=current_user)
            except ContractRuleError as error:
                db.session.rollback()
                flash(str(error), "info")
            else:
                db.session.commit()
                flash("Review saved.", "success")
            return redirect(url_for("contracts.review", contract_ref=contract.reference, review_id=found.id))
        if addendum is not None and addendum.validate_on_submit():
            add_addendum(contract, found, text=addendum.text.data, actor=current_user)
            db.session.commit()
            flash("Addendum added.", "success")
            return redirect(url_for("contracts.review", contract_ref=contract.reference, review_id=found.id))
    return render_template("contracts/review.html", contract=contract, review=found, form=form or addendum,
                           manage=manage, action=ActionForm())


@bp.post("/<contract_ref>/reviews/<int:review_id>/sign-off")
@contract_access(manage=True)
def review_sign_off(contract: Contract, review_id: int):
    found = _review(contract, review_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        sign_off(contract, found, actor=current_user)
    except ContractRuleError as error:
        db.session.rollback()
        flash(str(error), "info")
    else:
        db.session.commit()
        flash("Review signed off. The record is now locked; later changes are added as addenda.", "success")
    return redirect(url_for("contracts.review", contract_ref=contract.reference, review_id=found.id))
