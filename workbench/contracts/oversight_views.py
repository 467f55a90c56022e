"""Escalation and corrective-action pages of a contract (routes on the contracts blueprint)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from workbench.contracts.forms import CorrectiveActionForm, LevelForm
from workbench.contracts.oversight import (
    actions_of,
    add_action,
    add_level,
    complete_action,
    escalations_of,
    is_overdue,
    levels_of,
    needing_escalation,
    record_escalation,
    subject_choices,
    today_london,
)
from workbench.contracts.queries import can_manage_contract
from workbench.contracts.services import ContractRuleError
from workbench.contracts.views import bp, contract_access
from workbench.extensions import db
from workbench.models import Contract, CorrectiveAction, EscalationLevel
from workbench.procurements.forms import ActionForm


def _escalations_page(contract: Contract, form: LevelForm) -> Any:
    return render_template("contracts/escalations.html", contract=contract, form=form, levels=levels_of(contract),
                           pending=needing_escalation(contract), recorded=escalations_of(contract),
                           manage=can_manage_contract(current_user, contract), action=ActionForm())


def _level_form(contract: Contract) -> LevelForm:
    form = LevelForm()
    form.severity.choices = [SelectChoice("", "Not needed")] + [
        SelectChoice(s.severity, s.severity) for s in contract.slas]
    return form


@bp.get("/<contract_ref>/escalations")
@contract_access(manage=False)
def escalations(contract: Contract):
    return _escalations_page(contract, _level_form(contract))


@bp.post("/<contract_ref>/escalations/levels")
@contract_access(manage=True)
def add_escalation_level(contract: Contract):
    form = _level_form(contract)
    if form.validate_on_submit():
        try:
            add_level(contract, level=form.level.data, who=form.who.data, within_days=form.within_days.data,
                      trigger=form.trigger.data, severity=form.severity.data or None,
                      repeat_count=form.repeat_count.data, repeat_periods=form.repeat_periods.data,
                      actor=current_user)
        except ContractRuleError as error:
            db.session.rollback()
            form.trigger.errors = [*form.trigger.errors, str(error)]
        else:
            db.session.commit()
            flash(f"Escalation level {form.level.data} added.", "success")
            return redirect(url_for("contracts.escalations", contract_ref=contract.reference))
    return _escalations_page(contract, form)


@bp.post("/<contract_ref>/escalations")
@contract_access(manage=True)
def record_escalation_view(contract: Contract):
    if not ActionForm().validate_on_submit():
        abort(400)
    level = None
    if request.form.get("level"):
        level = db.session.get(EscalationLevel, request.form.get("level", type=int) or 0)
        if level is None:
            abort(400)
    try:
        record_escalation(contract, subject=request.form.get("subject", ""), level=level,
                          note=(request.form.get("note") or "").strip()[:4000], actor=current_user)
    except ContractRuleError as error:
        db.session.rollback()
        flash(str(error), "info")
    else:
        db.session.commit()
        flash("Escalation recorded.", "success")
    return redirect(url_for("contracts.escalations", contract_ref=contract.reference))


def _action_form(contract: Contract) -> CorrectiveActionForm:
    form = CorrectiveActionForm()
    form.subject.choices = [SelectChoice("", "Choose")] + [SelectChoice(v, t) for v, t in subject_choices(contract)]
    if request.method == "GET" and request.args.get("subject"):
        form.subject.data = request.args["subject"]
    return form


@bp.route("/<contract_ref>/actions", methods=["GET", "POST"])
@contract_access(manage=False)
def actions(contract: Contract):
    manage = can_manage_contract(current_user, contract)
    form = _action_form(contract)
    if request.method == "POST":
        if not manage:
            abort(403)
        if form.validate_on_submit():
            add_action(contract, description=form.description.data, owner=form.owner.data, due=form.due.data,
                       subject=form.subject.data, actor=current_user)
            db.session.commit()
            flash("Corrective action added.", "success")
            return redirect(url_for("contracts.actions", contract_ref=contract.reference))
    today = today_london()
    rows = [(a, is_overdue(a, today)) for a in actions_of(contract)]
    return render_template("contracts/actions.html", contract=contract, form=form, rows=rows, manage=manage,
                           action=ActionForm(), labels=dict(subject_choices(contract)))


@bp.post("/<contract_ref>/actions/<int:action_id>/done")
@contract_access(manage=True)
def action_done(contract: Contract, action_id: int):
    found = db.session.get(CorrectiveAction, action_id)
    if found is None or found.contract_id != contract.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    complete_action(contract, found, actor=current_user)
    db.session.commit()
    flash("Action marked done.", "success")
    return redirect(url_for("contracts.actions", contract_ref=contract.reference))
