"""The contract pages. Thin: the services do the work, the report is computed on read."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from workbench.access import AccessRule, Right, _login_redirect, _mark, procurement, roles
from workbench.contracts.charts import chart_summary, kpi_chart_png
from workbench.contracts.forms import (
    AwardForm,
    ContractFileForm,
    ContractForm,
    IncidentForm,
    IncidentsUploadForm,
    KpiForm,
    MeasurementForm,
    MeasurementsUploadForm,
    SlaForm,
)
from workbench.contracts.promises import promise_rows
from workbench.contracts.queries import (
    can_manage_contract,
    can_see_contract,
    contracts_for,
    find_contract,
    service_hours_of,
)
from workbench.contracts.services import (
    ContractRuleError,
    add_kpi,
    add_sla,
    award_procurement,
    create_contract,
    import_incidents,
    import_measurements,
    record_incident,
    record_measurement,
    set_status,
    three_kpi_rule,
)
from workbench.contracts.status import contract_status, portfolio
from workbench.extensions import db
from workbench.imports.tabular import MAX_IMPORT_BYTES
from workbench.models import Contract, ContractStatus, Incident, Procurement, Role, Status, Supplier, User
from workbench.performance.clocks import ServiceHours
from workbench.performance.contract_file import ContractSpec, KpiSpec, Manager, load_contract_file
from workbench.performance.times import format_local
from workbench.problems import ProblemsError
from workbench.procurements.forms import ActionForm

bp = Blueprint("contracts", __name__, url_prefix="/contracts")
award_bp = Blueprint("contract_award", __name__, url_prefix="/procurements/<reference>/award")

F = TypeVar("F", bound=Callable[..., Any])
READERS = (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.CONTRACT_MANAGER)
CREATORS = (Role.ADMIN, Role.OFFICER)
MAX_CONTRACT_FILE = 256 * 1024


def contract_access(*, manage: bool) -> Callable[[F], F]:
    """Load the contract named by ``contract_ref``: 404 for people who may not see it (its existence is not
    disclosed), 403 for people who may see it but not change it (auditors; other contract managers' contracts
    are not visible at all)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, contract_ref: str, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _login_redirect()
            found = find_contract(contract_ref)
            if found is None or not can_see_contract(current_user, found):
                abort(404)
            if manage and not can_manage_contract(current_user, found):
                abort(403)
            return view(*args, contract=found, **kwargs)

        _mark(wrapper, AccessRule("contract", roles=READERS if not manage else (Role.ADMIN, Role.OFFICER,
                                                                               Role.CONTRACT_MANAGER)))
        return wrapper  # type: ignore[return-value]

    return decorator


def _problems_of(error: ProblemsError) -> list[str]:
    return [str(p) for p in error.problems]


def _to_contract(contract: Contract) -> Any:
    return redirect(url_for("contracts.detail", contract_ref=contract.reference))


# --------------------------------------------------------------------------------------------------- list + create


@bp.get("")
@roles(*READERS)
def index():
    rows = portfolio(contracts_for(current_user))
    overdue = [(c, a) for c, status in rows for a in status.overdue_actions]
    return render_template("contracts/index.html", rows=rows, overdue=overdue,
                           can_create=current_user.role in CREATORS)


def _manager_choices(form: ContractForm) -> None:
    managers = db.session.execute(select(User).where(User.role == Role.CONTRACT_MANAGER, User.active.is_(True))
                                  .order_by(User.name)).scalars()
    form.manager.choices = [SelectChoice("", "Choose a contract manager")] + [
        SelectChoice(str(u.id), f"{u.name} ({u.email})") for u in managers]


def _spec_from(form: ContractForm, supplier: str, procurement_ref: str | None) -> ContractSpec | None:
    """The form as a contract spec, or None with the problems put on the form's fields."""
    hours = None
    if form.service_days.data:
        try:
            hours = ServiceHours.parse(form.service_days.data, form.service_from.data or "",
                                       form.service_to.data or "")
        except ValueError as error:
            form.service_days.errors = [*form.service_days.errors, str(error)]
            return None
    if form.end.data <= form.start.data:
        form.end.errors = [*form.end.errors, "The end date must be after the start date"]
        return None
    manager = db.session.get(User, int(form.manager.data))
    if manager is None:
        form.manager.errors = [*form.manager.errors, "Choose the contract manager"]
        return None
    return ContractSpec(
        reference=form.reference.data, title=form.title.data, supplier=supplier, procurement=procurement_ref,
        start=form.start.data, end=form.end.data, value=Decimal(form.value.data),
        manager=Manager(manager.email, manager.name), review_cycle=form.review_cycle.data,
        service_hours=hours, kpis=(), slas=())


def _create(form: ContractForm, spec: ContractSpec, creator: Callable[[], Contract]) -> Any:
    try:
        contract = creator()
    except (ProblemsError, ContractRuleError) as error:
        db.session.rollback()
        messages = _problems_of(error) if isinstance(error, ProblemsError) else [str(error)]
        form.reference.errors = [*form.reference.errors, *[m.split(": ")[-1] for m in messages]]
        return None
    db.session.commit()
    flash(f"Contract {contract.reference} created. Add its KPIs and SLAs next.", "success")
    return _to_contract(contract)


@bp.route("/new", methods=["GET", "POST"])
@roles(*CREATORS)
def new():
    form = ContractForm()
    _manager_choices(form)
    if form.validate_on_submit():
        spec = _spec_from(form, form.supplier.data, None)
        if spec is not None:
            manager = db.session.get(User, int(form.manager.data))
            done = _create(form, spec, lambda: create_contract(spec, actor=current_user, manager=manager))
            if done is not None:
                return done
    return render_template("contracts/new.html", form=form)


@bp.route("/import", methods=["GET", "POST"])
@roles(*CREATORS)
def import_file():
    form = ContractFileForm()
    problems: list[str] = []
    if form.validate_on_submit():
        data = form.upload.data.read(MAX_CONTRACT_FILE + 1)
        name = form.upload.data.filename or "contract.yaml"
        if len(data) > MAX_CONTRACT_FILE:
            return render_template("contracts/import_contract.html", form=form,
                                   problems=[f"{name}: the file is bigger than 256 KB"])
        try:
            spec = load_contract_file(name, data.decode("utf-8"), display_name=name)
            contract = create_contract(spec, actor=current_user, source=name)
        except UnicodeDecodeError:
            problems = [f"{name}: the file is not UTF-8 text"]
        except ProblemsError as error:
            db.session.rollback()
            problems = _problems_of(error)
        else:
            db.session.commit()
            flash(f"Contract {contract.reference} imported.", "success")
            return _to_contract(contract)
    return render_template("contracts/import_contract.html", form=form, problems=problems)


@award_bp.route("", methods=["GET", "POST"])
@procurement(Right.MANAGE)
def award(procurement: Procurement):
    if procurement.status is not Status.FINALISED:
        return render_template("contracts/award_not_ready.html", procurement=procurement)
    form = AwardForm()
    _manager_choices(form)
    form.supplier.choices = [SelectChoice("", "Choose a supplier")] + [
        SelectChoice(str(s.id), s.name) for s in procurement.suppliers]
    if request.method == "GET":
        form.title.data = form.title.data or procurement.title
    if form.validate_on_submit():
        supplier = db.session.get(Supplier, int(form.supplier.data))
        if supplier is None or supplier.procurement_id != procurement.id:
            abort(400)
        spec = _spec_from(form, supplier.name, procurement.reference)
        if spec is not None:
            manager = db.session.get(User, int(form.manager.data))
            done = _create(form, spec, lambda: award_procurement(procurement, supplier, spec, actor=current_user,
                                                                 manager=manager))
            if done is not None:
                return done
    return render_template("contracts/award.html", form=form, procurement=procurement)


# --------------------------------------------------------------------------------------------------- one contract


@bp.get("/<contract_ref>")
@contract_access(manage=False)
def detail(contract: Contract):
    status = contract_status(contract)
    hours = service_hours_of(contract)
    return render_template("contracts/detail.html", contract=contract, status=status,
                           service_hours=hours.describe() if hours else "None: every SLA runs 24 hours a day",
                           promises=promise_rows(contract, status.report),
                           manage=can_manage_contract(current_user, contract), live_rule=three_kpi_rule(contract),
                           action=ActionForm(), incident_ids={i.reference: i.id for i in contract.incidents})


@bp.post("/<contract_ref>/status")
@contract_access(manage=True)
def change_status(contract: Contract):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        wanted = ContractStatus(request.form.get("status", ""))
    except ValueError:
        abort(400)
    try:
        set_status(contract, wanted, actor=current_user)
    except ContractRuleError as error:
        db.session.rollback()
        flash(str(error), "info")
    else:
        db.session.commit()
        flash(f"The contract is now {wanted.label.lower()}.", "success")
    return _to_contract(contract)


@bp.route("/<contract_ref>/kpis/new", methods=["GET", "POST"])
@contract_access(manage=True)
def new_kpi(contract: Contract):
    form = KpiForm()
    if form.validate_on_submit():
        spec = KpiSpec(code=form.code.data, title=form.title.data, unit=form.unit.data,
                       direction=form.direction.data, period=form.period.data,  # type: ignore[arg-type]
                       target=Decimal(form.target.data), approaching=Decimal(form.approaching.data),
                       requires_improvement=Decimal(form.requires_improvement.data))
        try:
            add_kpi(contract, spec, actor=current_user)
        except ContractRuleError as error:
            db.session.rollback()
            field = form.code if "already" in str(error) else form.approaching
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            flash(f"KPI {spec.code} added.", "success")
            return _to_contract(contract)
    return render_template("contracts/kpi_new.html", form=form, contract=contract)


@bp.route("/<contract_ref>/slas/new", methods=["GET", "POST"])
@contract_access(manage=True)
def new_sla(contract: Contract):
    form = SlaForm()
    if form.validate_on_submit():
        try:
            add_sla(contract, severity=form.severity.data, respond_within=form.respond_within.data,
                    resolve_within=form.resolve_within.data, clock=form.clock.data, actor=current_user)
        except ContractRuleError as error:
            db.session.rollback()
            form.severity.errors = [*form.severity.errors, str(error)]
        else:
            db.session.commit()
            flash(f"SLA for {form.severity.data} added.", "success")
            return _to_contract(contract)
    return render_template("contracts/sla_new.html", form=form, contract=contract)


@bp.get("/<contract_ref>/kpis/<code>")
@contract_access(manage=False)
def kpi(contract: Contract, code: str):
    status = contract_status(contract)
    found = next((k for k in status.kpis if k["code"] == code), None)
    if found is None:
        abort(404)
    return render_template("contracts/kpi.html", contract=contract, kpi=found, summary=chart_summary(found),
                           manage=can_manage_contract(current_user, contract))


@bp.get("/<contract_ref>/kpis/<code>/chart.png")
@contract_access(manage=False)
def kpi_chart(contract: Contract, code: str):
    found = next((k for k in contract_status(contract).kpis if k["code"] == code), None)
    if found is None:
        abort(404)
    return Response(kpi_chart_png(found), mimetype="image/png", headers={"Cache-Control": "no-store"})


# --------------------------------------------------------------------------------------------------- data entry


def _field_errors(form: Any, error: ProblemsError, fields: dict[str, Any]) -> None:
    for problem in error.problems:
        field = fields.get(problem.column or "")
        if field is None:
            field = next(iter(fields.values()))
        field.errors = [*field.errors, problem.message]


@bp.route("/<contract_ref>/measurements/new", methods=["GET", "POST"])
@contract_access(manage=True)
def new_measurement(contract: Contract):
    form = MeasurementForm()
    form.kpi.choices = [SelectChoice(k.code, f"{k.code} {k.title} (every {k.period})") for k in contract.kpis]
    if request.method == "GET" and request.args.get("kpi"):
        form.kpi.data = request.args["kpi"]
    if form.validate_on_submit():
        try:
            record_measurement(contract, kpi=form.kpi.data, period=form.period.data, value=form.value.data or "",
                               note=form.note.data or "", actor=current_user)
        except ProblemsError as error:
            db.session.rollback()
            _field_errors(form, error, {"kpi": form.kpi, "period": form.period, "value": form.value,
                                        "note": form.note})
        else:
            db.session.commit()
            flash(f"{form.kpi.data} {form.period.data} saved.", "success")
            return redirect(url_for("contracts.kpi", contract_ref=contract.reference, code=form.kpi.data))
    return render_template("contracts/measurement_new.html", form=form, contract=contract)


def _upload(contract: Contract, form: Any, importer: Callable[..., int], what: str, template: str) -> Any:
    problems: list[str] = []
    if form.validate_on_submit():
        data = form.upload.data.read(MAX_IMPORT_BYTES + 1)
        name = form.upload.data.filename or f"{what}.csv"
        try:
            count = importer(contract, data, filename=name, actor=current_user)
        except ProblemsError as error:
            db.session.rollback()
            problems = _problems_of(error)
        else:
            db.session.commit()
            flash(f"Imported {count} {what}.", "success")
            return _to_contract(contract)
    return render_template(template, form=form, contract=contract, problems=problems)


@bp.route("/<contract_ref>/measurements/import", methods=["GET", "POST"])
@contract_access(manage=True)
def import_measurements_file(contract: Contract):
    return _upload(contract, MeasurementsUploadForm(), import_measurements, "measurements",
                   "contracts/measurements_import.html")


@bp.route("/<contract_ref>/incidents/import", methods=["GET", "POST"])
@contract_access(manage=True)
def import_incidents_file(contract: Contract):
    return _upload(contract, IncidentsUploadForm(), import_incidents, "incidents", "contracts/incidents_import.html")


def _incident_form(contract: Contract, incident: Incident | None) -> IncidentForm:
    form = IncidentForm()
    form.severity.choices = [SelectChoice(s.severity, s.severity) for s in contract.slas]
    if incident is not None and request.method == "GET":
        form.reference.data, form.severity.data = incident.reference, incident.severity
        form.reported.data = format_local(incident.reported)
        form.responded.data = format_local(incident.responded) if incident.responded else ""
        form.resolved.data = format_local(incident.resolved) if incident.resolved else ""
        form.description.data, form.affected_service.data = incident.description, incident.affected_service
        form.safeguarding.data = incident.safeguarding
    return form


def _save_incident(contract: Contract, form: IncidentForm) -> bool:
    values = {name: getattr(form, name).data or "" for name in
              ("reference", "severity", "reported", "responded", "resolved", "description")}
    try:
        record_incident(contract, values=values, affected_service=form.affected_service.data or "",
                        safeguarding=bool(form.safeguarding.data), actor=current_user)
    except ProblemsError as error:
        db.session.rollback()
        _field_errors(form, error, {n: getattr(form, n) for n in values})
        return False
    db.session.commit()
    flash(f"Incident {values['reference']} saved.", "success")
    return True


@bp.route("/<contract_ref>/incidents/new", methods=["GET", "POST"])
@contract_access(manage=True)
def new_incident(contract: Contract):
    form = _incident_form(contract, None)
    if form.validate_on_submit() and _save_incident(contract, form):
        return _to_contract(contract)
    return render_template("contracts/incident_form.html", form=form, contract=contract, incident=None)


@bp.route("/<contract_ref>/incidents/<int:incident_id>/edit", methods=["GET", "POST"])
@contract_access(manage=True)
def edit_incident(contract: Contract, incident_id: int):
    incident = db.session.get(Incident, incident_id)
    if incident is None or incident.contract_id != contract.id:
        abort(404)
    form = _incident_form(contract, incident)
    if request.method == "POST":
        form.reference.data = incident.reference  # the reference names the incident; it is not changed here
    if form.validate_on_submit() and _save_incident(contract, form):
        return _to_contract(contract)
    return render_template("contracts/incident_form.html", form=form, contract=contract, incident=incident)


from workbench.contracts import edit_views, oversight_views, review_views  # noqa: E402,F401  (routes on this blueprint)
