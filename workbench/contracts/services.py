"""Every write to a contract: one function each, each with its audit event in the scope ``contract:<REF>``.

The command line and the pages call the same functions. Files are all or nothing: a refused file raises
``ProblemsError`` before anything is written. A contract file's manager must be an active contract manager when
the account exists (anyone else could never see the contract); a new address gets a contract manager's account.

Re-importing a measurements file replaces the value and note of a (KPI, period) already recorded; re-importing
an incidents file updates the incident with the same reference (its times, severity and description; the
affected service and the safeguarding flag, which the file does not carry, are kept). Suppliers send monthly
files that correct earlier ones, so the latest file wins, and the audit trail keeps what was there before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.audit import record_event
from workbench.auth.services import create_user, find_user
from workbench.contracts.queries import contract_scope, find_contract, spec_of
from workbench.extensions import db
from workbench.imports.tabular import TableRow, read_table
from workbench.models import (
    Contract,
    ContractStatus,
    Criterion,
    Incident,
    Kpi,
    Measurement,
    Procurement,
    Role,
    Sla,
    Status,
    Supplier,
    User,
)
from workbench.performance.contract_file import ContractSpec, KpiSpec, three_kpi_problem
from workbench.performance.imports import (
    INCIDENTS_HEADER,
    MEASUREMENTS_HEADER,
    IncidentRecord,
    MeasurementRecord,
    parse_incidents,
    parse_measurements,
)
from workbench.performance.ratings import band_order_problem
from workbench.performance.sla import Sla as SlaSpec
from workbench.problems import Problem, ProblemsError

Actor = User | str | None


class ContractRuleError(ValueError):
    """A contract rule refused the change (e.g. going live without enough KPIs)."""


# --------------------------------------------------------------------------------------------------- contracts


def _manager_problem(spec: ContractSpec, source: str) -> Problem | None:
    """The file's manager must be an active contract manager if the account exists: anyone else could never see
    the contract (a new address gets a contract manager's account, see ``_manager``)."""
    user = find_user(spec.manager.email)
    if user is None or (user.role is Role.CONTRACT_MANAGER and user.active):
        return None
    why = "is deactivated" if user.role is Role.CONTRACT_MANAGER else f"has the role {user.role.label}"
    return Problem(file=source, field="manager.email",
                   message=f"The account {user.email} {why}, so it could never see this contract; name an active "
                           f"contract manager")


def _manager(spec: ContractSpec, actor: Actor) -> User:
    user = find_user(spec.manager.email)
    if user is None:  # a new account, which can sign in once an administrator sets its password
        user = create_user(email=spec.manager.email, name=spec.manager.name, role=Role.CONTRACT_MANAGER,
                           password=None, actor=actor)
    return user


def create_contract(spec: ContractSpec, *, actor: Actor, source: str = "form",
                    manager: User | None = None) -> Contract:
    """A new draft contract from a contract file (or the create form), with its KPIs and SLAs."""
    problems: list[Problem] = []
    if find_contract(spec.reference) is not None:
        problems.append(Problem(file=source, field="reference",
                                message=f"A contract with the reference {spec.reference} already exists"))
    procurement = None
    if spec.procurement:
        procurement = db.session.execute(
            select(Procurement).where(Procurement.reference == spec.procurement)).scalar_one_or_none()
        if procurement is None:
            problems.append(Problem(file=source, field="procurement",
                                    message=f"No procurement with the reference {spec.procurement}"))
    criteria = _linked_criteria(spec, procurement, source, problems)
    manager_problem = _manager_problem(spec, source) if manager is None else None
    if manager_problem is not None:
        problems.append(manager_problem)
    if problems:
        raise ProblemsError(problems)
    contract = Contract(
        reference=spec.reference, title=spec.title, supplier_name=spec.supplier, procurement=procurement,
        start=spec.start, end=spec.end, value=spec.value, manager=manager or _manager(spec, actor),
        review_cycle=spec.review_cycle, service_hours=spec.service_hours.to_json() if spec.service_hours else None,
        status=ContractStatus.DRAFT)
    for position, kpi in enumerate(spec.kpis):
        contract.kpis.append(_kpi_row(kpi, position, criteria.get(kpi.code)))
    for position, sla in enumerate(spec.slas):
        contract.slas.append(Sla(position=position, severity=sla.severity, respond_within=sla.respond_within,
                                 resolve_within=sla.resolve_within, clock=sla.clock))
    db.session.add(contract)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="contract.created",
                 entity=f"contract:{contract.reference}", reason=f"from {source}", after={
                     "title": contract.title, "supplier": contract.supplier_name,
                     "procurement": spec.procurement, "start": spec.start.isoformat(), "end": spec.end.isoformat(),
                     "value": spec.value, "manager": contract.manager.email if contract.manager else None,
                     "review_cycle": spec.review_cycle, "service_hours": contract.service_hours,
                     "kpis": [k.code for k in spec.kpis], "slas": [s.severity for s in spec.slas]})
    return contract


def award_procurement(procurement: Procurement, supplier: Supplier, spec: ContractSpec, *, actor: Actor,
                      manager: User | None = None) -> Contract:
    """Award a finalised procurement to one of its suppliers: the contract is created linked to it."""
    if procurement.status is not Status.FINALISED:
        raise ContractRuleError("Only a finalised procurement can be awarded")
    if supplier.procurement_id != procurement.id:
        raise ContractRuleError("The supplier is not one of this procurement's suppliers")
    return create_contract(spec, actor=actor, source=f"award of {procurement.reference}", manager=manager)


def _kpi_row(kpi: KpiSpec, position: int, criterion: Criterion | None = None) -> Kpi:
    return Kpi(position=position, code=kpi.code, title=kpi.title, unit=kpi.unit, direction=kpi.direction,
               period=kpi.period, target=kpi.target, approaching=kpi.approaching,
               requires_improvement=kpi.requires_improvement, criterion=criterion, promised=kpi.promised,
               promise_note=kpi.promise_note)


def _linked_criteria(spec: ContractSpec, procurement: Procurement | None, source: str,
                     problems: list[Problem]) -> dict[str, Criterion]:
    """KPI code → the evaluation criterion the file links it to; an unknown code is a problem."""
    codes = {c.code: c for c in procurement.criteria} if procurement is not None else {}
    linked: dict[str, Criterion] = {}
    for index, kpi in enumerate(spec.kpis):
        if not kpi.criterion or procurement is None:
            continue
        if kpi.criterion in codes:
            linked[kpi.code] = codes[kpi.criterion]
        else:
            problems.append(Problem(file=source, field=f"kpis[{index}].criterion",
                                    message=f"KPI {kpi.code}: the evaluation {procurement.reference} has no "
                                            f"criterion {kpi.criterion}"))
    return linked


def add_kpi(contract: Contract, kpi: KpiSpec, *, actor: Actor) -> Kpi:
    if any(k.code == kpi.code for k in contract.kpis):
        raise ContractRuleError(f"The contract already has a KPI {kpi.code}")
    problem = band_order_problem(kpi.direction, kpi.target, kpi.approaching, kpi.requires_improvement)
    if problem:
        raise ContractRuleError(problem)
    row = _kpi_row(kpi, len(contract.kpis))
    contract.kpis.append(row)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="kpi.added",
                 entity=f"kpi:{kpi.code}", after={
                     "title": kpi.title, "unit": kpi.unit, "direction": kpi.direction, "period": kpi.period,
                     "target": kpi.target, "approaching": kpi.approaching,
                     "requires_improvement": kpi.requires_improvement})
    return row


def add_sla(contract: Contract, *, severity: str, respond_within: str, resolve_within: str, clock: str,
            actor: Actor) -> Sla:
    """An SLA for one severity; limits as duration text (``30m``, ``4h``, ``1d``)."""
    if any(s.severity == severity for s in contract.slas):
        raise ContractRuleError(f"The contract already has an SLA for {severity}")
    if clock == "service_hours" and not contract.service_hours:
        raise ContractRuleError("This contract has no service hours, so its SLAs must run 24 hours a day")
    try:
        spec = SlaSpec(severity, respond_within, resolve_within, clock)  # type: ignore[arg-type]
    except ValueError as error:
        raise ContractRuleError(str(error)) from None
    row = Sla(position=len(contract.slas), severity=severity, respond_within=spec.respond_within,
              resolve_within=spec.resolve_within, clock=spec.clock)
    contract.slas.append(row)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="sla.added",
                 entity=f"sla:{severity}", after={"respond_within_minutes": spec.respond_within,
                                                  "resolve_within_minutes": spec.resolve_within, "clock": clock})
    return row


def three_kpi_rule(contract: Contract) -> str | None:
    """Why the contract may not go live yet, or ``None`` (the Procurement Act 2023 duty)."""
    return three_kpi_problem(contract.value, len(contract.kpis))


def set_status(contract: Contract, status: ContractStatus, *, actor: Actor) -> None:
    if status is contract.status:
        return
    if status is ContractStatus.LIVE:
        reason = three_kpi_rule(contract)
        if reason:
            raise ContractRuleError(reason)
    before = contract.status
    contract.status = status
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="contract.status",
                 entity=f"contract:{contract.reference}", before={"status": before}, after={"status": status})


# --------------------------------------------------------------------------------------------------- measurements


def _save_measurements(contract: Contract, records: list[MeasurementRecord], *, actor: Actor, source: str) -> int:
    """Add or replace each record's (KPI, period); the contract's measurements are read once, not per row."""
    kpis = {k.code: k for k in contract.kpis}
    existing = {(m.kpi_id, m.period): m for m in db.session.execute(
        select(Measurement).join(Kpi).where(Kpi.contract_id == contract.id)).scalars()}
    added: list[Measurement] = []
    changes: list[dict[str, Any]] = []
    for record in records:
        kpi = kpis[record.kpi]
        period = str(record.period)
        row = existing.get((kpi.id, period))
        change: dict[str, Any] = {"kpi": kpi.code, "period": period, "value": record.value, "note": record.note}
        if row is None:
            added.append(Measurement(kpi=kpi, period=period, value=record.value, note=record.note))
        else:
            change["before"] = {"value": row.value, "note": row.note}
            row.value, row.note = record.value, record.note
        changes.append(change)
    db.session.add_all(added)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="measurements.recorded",
                 entity=f"contract:{contract.reference}", reason=f"from {source}", after={"measurements": changes})
    return len(records)


def import_measurements(contract: Contract, source: Path | bytes, *, filename: str, actor: Actor) -> int:
    """Import a measurements file (CSV or XLSX: kpi,period,value,note), all or nothing; returns the row count."""
    rows = read_table(source, filename=filename, header=MEASUREMENTS_HEADER)
    records = parse_measurements(rows, spec_of(contract), filename=filename)
    return _save_measurements(contract, records, actor=actor, source=filename)


def record_measurement(contract: Contract, *, kpi: str, period: str, value: str, note: str, actor: Actor) -> None:
    """One period's figure entered in the page: the same checks as a file row."""
    row = TableRow(number=1, values={"kpi": kpi, "period": period, "value": value.strip(), "note": note.strip()})
    records = parse_measurements([row], spec_of(contract), filename="form")
    _save_measurements(contract, records, actor=actor, source="form")


# --------------------------------------------------------------------------------------------------- incidents


def _incident_json(incident: Incident) -> dict[str, Any]:
    return {"severity": incident.severity, "reported": incident.reported, "responded": incident.responded,
            "resolved": incident.resolved, "description": incident.description,
            "affected_service": incident.affected_service, "safeguarding": incident.safeguarding}


def _save_incidents(contract: Contract, records: list[IncidentRecord],
                    extra: dict[str, Any] | None = None) -> tuple[list[Incident], list[dict[str, Any]]]:
    """Add or update each record's incident (by reference), reading the contract's incidents once; returns the
    incidents and their audit changes (``before`` where one was updated). ``extra`` sets the fields a file does
    not carry (affected service, safeguarding)."""
    existing = {i.reference: i for i in db.session.execute(
        select(Incident).where(Incident.contract_id == contract.id)).scalars()}
    incidents: list[Incident] = []
    changes: list[dict[str, Any]] = []
    for record in records:
        incident = existing.get(record.reference)
        before = None
        if incident is None:
            incident = Incident(contract=contract, reference=record.reference, affected_service="",
                                safeguarding=False)
            db.session.add(incident)
        else:
            before = _incident_json(incident)
        incident.severity, incident.reported = record.severity, record.reported
        incident.responded, incident.resolved = record.responded, record.resolved
        incident.description = record.description
        for name, value in (extra or {}).items():
            setattr(incident, name, value)
        change = {"reference": record.reference, **_incident_json(incident)}
        if before is not None:
            change["before"] = before
        incidents.append(incident)
        changes.append(change)
    db.session.flush()
    return incidents, changes


def import_incidents(contract: Contract, source: Path | bytes, *, filename: str, actor: Actor) -> int:
    """Import an incidents file (reference,severity,reported,responded,resolved,description), all or nothing."""
    rows = read_table(source, filename=filename, header=INCIDENTS_HEADER)
    records = parse_incidents(rows, spec_of(contract), filename=filename)
    _, changes = _save_incidents(contract, records)
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="incidents.recorded",
                 entity=f"contract:{contract.reference}", reason=f"from {filename}", after={"incidents": changes})
    return len(records)


def record_incident(contract: Contract, *, values: dict[str, str], affected_service: str, safeguarding: bool,
                    actor: Actor) -> Incident:
    """An incident entered or edited in the page: the same checks as a file row (times in UK local time)."""
    row = TableRow(number=1, values={column: (values.get(column) or "").strip() for column in INCIDENTS_HEADER})
    (record,) = parse_incidents([row], spec_of(contract), filename="form")
    (incident,), changes = _save_incidents(contract, [record], {"affected_service": affected_service.strip(),
                                                                "safeguarding": safeguarding})
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="incidents.recorded",
                 entity=f"incident:{record.reference}", reason="from form", after={"incidents": changes})
    return incident
