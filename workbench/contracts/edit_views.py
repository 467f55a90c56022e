"""Changing a contract, its KPIs (with the promise from the evaluation) and its SLAs, and the annual assessment
with its downloads (routes on the contracts blueprint). Thin: the rules live in ``editing`` and ``assessment``."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from workbench.contracts.assessment import assessment_csv, assessment_xlsx, years_of
from workbench.contracts.editing import (
    ContractChanges,
    KpiChanges,
    remove_kpi,
    remove_sla,
    update_contract,
    update_kpi,
    update_sla,
)
from workbench.contracts.forms import ContractEditForm, KpiEditForm, SlaEditForm
from workbench.contracts.queries import can_manage_contract, report_for
from workbench.contracts.services import ContractRuleError
from workbench.contracts.status import tag_class
from workbench.contracts.views import _manager_choices, _to_contract, bp, contract_access
from workbench.extensions import db
from workbench.models import Contract, Criterion, Kpi, Sla, User
from workbench.performance.clocks import ServiceHours
from workbench.procurements.forms import ActionForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fail(field: Any, error: Exception) -> None:
    db.session.rollback()
    field.errors = [*field.errors, str(error)]


# --------------------------------------------------------------------------------------------------- the contract


def _fill_contract(form: ContractEditForm, contract: Contract) -> None:
    form.title.data, form.supplier.data = contract.title, contract.supplier_name
    form.start.data, form.end.data = contract.start, contract.end
    form.value.data = format(contract.value, "f")
    form.manager.data = str(contract.manager_id or "")
    form.review_cycle.data = contract.review_cycle
    hours = contract.service_hours or {}
    form.service_days.data = hours.get("days", "")
    form.service_from.data, form.service_to.data = hours.get("from", ""), hours.get("to", "")


def _contract_changes(form: ContractEditForm, contract: Contract) -> ContractChanges | None:
    hours = None
    if form.service_days.data:
        try:
            bank_holidays = (contract.service_hours or {}).get("bank_holidays", "england-and-wales")
            hours = ServiceHours.parse(form.service_days.data, form.service_from.data or "",
                                       form.service_to.data or "", bank_holidays)
        except ValueError as error:
            form.service_days.errors = [*form.service_days.errors, str(error)]
            return None
    manager = db.session.get(User, int(form.manager.data)) if form.manager.data.isdigit() else None
    if manager is None:
        form.manager.errors = [*form.manager.errors, "Choose the contract manager"]
        return None
    return ContractChanges(title=form.title.data, supplier_name=form.supplier.data, start=form.start.data,
                           end=form.end.data, value=Decimal(form.value.data), manager=manager,
                           review_cycle=form.review_cycle.data, service_hours=hours)


@bp.route("/<contract_ref>/edit", methods=["GET", "POST"])
@contract_access(manage=True)
def edit_contract(contract: Contract):
    form = ContractEditForm()
    _manager_choices(form)
    if request.method == "GET":
        _fill_contract(form, contract)
    if form.validate_on_submit():
        changes = _contract_changes(form, contract)
        if changes is not None:
            try:
                changed = update_contract(contract, changes, actor=current_user)
            except ContractRuleError as error:
                text = str(error)
                _fail(form.start if "Measurements" in text else form.end if "date" in text else form.service_days,
                      error)
            else:
                db.session.commit()
                flash("Contract details saved." if changed else "Nothing was changed.", "success")
                if not can_manage_contract(current_user, contract):  # handed to another contract manager
                    return redirect(url_for("contracts.index"))
                return _to_contract(contract)
    return render_template("contracts/contract_edit.html", form=form, contract=contract)


# --------------------------------------------------------------------------------------------------- KPIs


def _kpi_of(contract: Contract, code: str) -> Kpi:
    found = next((k for k in contract.kpis if k.code == code), None)
    if found is None:
        abort(404)
    return found


def _criterion_choices(contract: Contract) -> list[SelectChoice]:
    choices = [SelectChoice("", "Not linked")]
    if contract.procurement_id is not None:
        rows = db.session.execute(select(Criterion).where(Criterion.procurement_id == contract.procurement_id)
                                  .order_by(Criterion.position, Criterion.id)).scalars()
        choices += [SelectChoice(c.code, f"{c.code} {c.title}") for c in rows]
    return choices


def _fill_kpi(form: KpiEditForm, kpi: Kpi) -> None:
    form.title.data, form.unit.data = kpi.title, kpi.unit
    form.direction.data, form.period.data = kpi.direction, kpi.period
    form.target.data, form.approaching.data = format(kpi.target, "f"), format(kpi.approaching, "f")
    form.requires_improvement.data = format(kpi.requires_improvement, "f")
    form.criterion.data = kpi.criterion.code if kpi.criterion else ""
    form.promised.data = format(kpi.promised, "f") if kpi.promised is not None else ""
    form.promise_note.data = kpi.promise_note


@bp.route("/<contract_ref>/kpis/<code>/edit", methods=["GET", "POST"])
@contract_access(manage=True)
def edit_kpi(contract: Contract, code: str):
    kpi = _kpi_of(contract, code)
    form = KpiEditForm()
    form.criterion.choices = _criterion_choices(contract)
    if request.method == "GET":
        _fill_kpi(form, kpi)
    if form.validate_on_submit():
        changes = KpiChanges(
            title=form.title.data, unit=form.unit.data, direction=form.direction.data, period=form.period.data,
            target=Decimal(form.target.data), approaching=Decimal(form.approaching.data),
            requires_improvement=Decimal(form.requires_improvement.data), criterion_code=form.criterion.data or None,
            promised=Decimal(form.promised.data) if form.promised.data else None,
            promise_note=form.promise_note.data or "")
        try:
            changed = update_kpi(contract, kpi, changes, actor=current_user)
        except ContractRuleError as error:
            text = str(error)
            _fail(form.period if "period" in text else form.criterion if "criterion" in text else form.approaching,
                  error)
        else:
            db.session.commit()
            flash(f"KPI {code} saved." if changed else "Nothing was changed.", "success")
            return _to_contract(contract)
    return render_template("contracts/kpi_edit.html", form=form, contract=contract, kpi=kpi, action=ActionForm())


def _remove(contract: Contract, remover: Callable[[], None], back: str, done: str) -> Any:
    """Run ``remover`` (a removal from ``editing``); a refusal goes back to ``back`` with its reason."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        remover()
    except ContractRuleError as error:
        db.session.rollback()
        flash(str(error), "info")
        return redirect(back)
    db.session.commit()
    flash(done, "success")
    return _to_contract(contract)


@bp.post("/<contract_ref>/kpis/<code>/remove")
@contract_access(manage=True)
def remove_kpi_view(contract: Contract, code: str):
    kpi = _kpi_of(contract, code)
    return _remove(contract, lambda: remove_kpi(contract, kpi, actor=current_user),
                   url_for("contracts.edit_kpi", contract_ref=contract.reference, code=code),
                   f"KPI {code} and its measurements removed.")


# --------------------------------------------------------------------------------------------------- SLAs


def _sla_of(contract: Contract, severity: str) -> Sla:
    found = next((s for s in contract.slas if s.severity == severity), None)
    if found is None:
        abort(404)
    return found


def _duration(minutes: int) -> str:
    for unit, size in (("d", 1440), ("h", 60)):
        if minutes % size == 0:
            return f"{minutes // size}{unit}"
    return f"{minutes}m"


@bp.route("/<contract_ref>/slas/<severity>/edit", methods=["GET", "POST"])
@contract_access(manage=True)
def edit_sla(contract: Contract, severity: str):
    sla = _sla_of(contract, severity)
    form = SlaEditForm()
    if request.method == "GET":
        form.respond_within.data, form.resolve_within.data = _duration(sla.respond_within), _duration(
            sla.resolve_within)
        form.clock.data = sla.clock
    if form.validate_on_submit():
        try:
            changed = update_sla(contract, sla, respond_within=form.respond_within.data,
                                 resolve_within=form.resolve_within.data, clock=form.clock.data, actor=current_user)
        except ContractRuleError as error:
            _fail(form.clock if "service hours" in str(error) else form.respond_within, error)
        else:
            db.session.commit()
            flash(f"SLA for {severity} saved." if changed else "Nothing was changed.", "success")
            return _to_contract(contract)
    return render_template("contracts/sla_edit.html", form=form, contract=contract, sla=sla, action=ActionForm())


@bp.post("/<contract_ref>/slas/<severity>/remove")
@contract_access(manage=True)
def remove_sla_view(contract: Contract, severity: str):
    sla = _sla_of(contract, severity)
    return _remove(contract, lambda: remove_sla(contract, sla, actor=current_user),
                   url_for("contracts.edit_sla", contract_ref=contract.reference, severity=severity),
                   f"SLA for {severity} removed.")


# --------------------------------------------------------------------------------------------------- assessment


@bp.get("/<contract_ref>/assessment")
@contract_access(manage=False)
def assessment(contract: Contract):
    report = report_for(contract)
    years = years_of(report)
    for year in years:
        for row in year["kpis"].values():
            row["tag"] = tag_class(row["rag"])
    return render_template("contracts/assessment.html", contract=contract, report=report, years=years)


def _download(body: str | bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                      "Cache-Control": "no-store"})


@bp.get("/<contract_ref>/assessment.csv")
@contract_access(manage=False)
def assessment_csv_file(contract: Contract):
    return _download(assessment_csv(contract, report_for(contract)), "text/csv",
                     f"{contract.reference}-assessment.csv")


@bp.get("/<contract_ref>/assessment.xlsx")
@contract_access(manage=False)
def assessment_xlsx_file(contract: Contract):
    return _download(assessment_xlsx(contract, report_for(contract)), XLSX, f"{contract.reference}-assessment.xlsx")


@bp.get("/<contract_ref>/report.json")
@contract_access(manage=False)
def report_json(contract: Contract):
    """The same document as ``workbench contract report REF --json``."""
    return _download(json.dumps(report_for(contract), indent=2), "application/json",
                     f"{contract.reference}-report.json")
