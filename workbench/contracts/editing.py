"""Changing a contract after it was created: its fields, its KPIs (with the promise from the evaluation) and its
SLAs. Each change is one function writing one audit event (before and after) in the scope ``contract:<REF>``.

Rules kept here, not in the pages:
- the contract's dates must still hold every measured period;
- a KPI's reporting period (month or quarter) cannot change once it has measurements (they would no longer
  name periods of the new kind); its bands are checked in order as when it was added;
- removing a KPI removes its measurements (the audit event keeps them); a live contract over £5 million cannot
  drop below three KPIs (the Procurement Act 2023 duty);
- a KPI can only be linked to a criterion of the procurement the contract was awarded from;
- an SLA's severity cannot be renamed or removed while incidents of that severity exist (they would lose their
  limits); a service-hours clock needs the contract's service hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from workbench.audit import record_event
from workbench.contracts.queries import contract_scope, measurement_records
from workbench.contracts.services import Actor, ContractRuleError
from workbench.extensions import db
from workbench.models import Contract, ContractStatus, Criterion, Incident, Kpi, Measurement, Sla, User
from workbench.performance.clocks import ServiceHours
from workbench.performance.contract_file import three_kpi_problem
from workbench.performance.ratings import band_order_problem
from workbench.performance.sla import Sla as SlaSpec

__all__ = ["ContractChanges", "KpiChanges", "remove_kpi", "remove_sla", "update_contract", "update_kpi",
           "update_sla"]


@dataclass(frozen=True)
class ContractChanges:
    title: str
    supplier_name: str
    start: dt.date
    end: dt.date
    value: Decimal
    manager: User
    review_cycle: str
    service_hours: ServiceHours | None


@dataclass(frozen=True)
class KpiChanges:
    title: str
    unit: str
    direction: str
    period: str
    target: Decimal
    approaching: Decimal
    requires_improvement: Decimal
    criterion_code: str | None = None   # a criterion of the contract's procurement, or None for no link
    promised: Decimal | None = None
    promise_note: str = ""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, User):
        return value.email
    return value


def _changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    names = [name for name in after if before.get(name) != after[name]]
    return {n: _plain(before.get(n)) for n in names}, {n: _plain(after[n]) for n in names}


def update_contract(contract: Contract, changes: ContractChanges, *, actor: Actor) -> bool:
    """Change the contract's fields; returns whether anything changed (nothing is recorded otherwise)."""
    if changes.end <= changes.start:
        raise ContractRuleError("The end date must be after the start date")
    outside = [f"{m.kpi} {m.period}" for m in measurement_records(contract)
               if m.period.last_day < changes.start or m.period.first_day > changes.end]
    if outside:
        raise ContractRuleError(f"Measurements would fall outside the contract's dates: {', '.join(sorted(outside))}")
    if changes.service_hours is None and any(s.clock == "service_hours" for s in contract.slas):
        raise ContractRuleError("An SLA runs on service hours, so the contract needs its service hours")
    before = {"title": contract.title, "supplier": contract.supplier_name, "start": contract.start,
              "end": contract.end, "value": contract.value, "manager": contract.manager,
              "review_cycle": contract.review_cycle, "service_hours": contract.service_hours}
    hours = changes.service_hours.to_json() if changes.service_hours else None
    after = {"title": changes.title, "supplier": changes.supplier_name, "start": changes.start,
             "end": changes.end, "value": changes.value, "manager": changes.manager,
             "review_cycle": changes.review_cycle, "service_hours": hours}
    old, new = _changed(before, after)
    if not new:
        return False
    contract.title, contract.supplier_name = changes.title, changes.supplier_name
    contract.start, contract.end, contract.value = changes.start, changes.end, changes.value
    contract.manager, contract.review_cycle = changes.manager, changes.review_cycle
    contract.service_hours = after["service_hours"]
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="contract.updated",
                 entity=f"contract:{contract.reference}", before=old, after=new)
    return True


def _measurement_count(kpi: Kpi) -> int:
    return db.session.execute(select(func.count()).select_from(Measurement)
                              .where(Measurement.kpi_id == kpi.id)).scalar_one()


def criterion_for(contract: Contract, code: str | None) -> Criterion | None:
    """The criterion ``code`` of the contract's procurement (None for no code); refuses an unknown code."""
    if not code:
        return None
    if contract.procurement_id is None:
        raise ContractRuleError("This contract was not awarded from an evaluation, so there is no criterion to link")
    found = db.session.execute(select(Criterion).where(Criterion.procurement_id == contract.procurement_id,
                                                       Criterion.code == code)).scalar_one_or_none()
    if found is None:
        raise ContractRuleError(f"The evaluation has no criterion {code}")
    return found


def _kpi_state(kpi: Kpi) -> dict[str, Any]:
    return {"title": kpi.title, "unit": kpi.unit, "direction": kpi.direction, "period": kpi.period,
            "target": kpi.target, "approaching": kpi.approaching, "requires_improvement": kpi.requires_improvement,
            "criterion": kpi.criterion.code if kpi.criterion else None, "promised": kpi.promised,
            "promise_note": kpi.promise_note}


def update_kpi(contract: Contract, kpi: Kpi, changes: KpiChanges, *, actor: Actor) -> bool:
    """Change a KPI's definition, bands and promise; returns whether anything changed."""
    if kpi.contract_id != contract.id:
        raise ContractRuleError("That KPI belongs to another contract")
    if changes.period != kpi.period and _measurement_count(kpi):
        raise ContractRuleError(f"{kpi.code} already has measurements, so its reporting period cannot change")
    problem = band_order_problem(changes.direction, changes.target, changes.approaching,  # type: ignore[arg-type]
                                 changes.requires_improvement)
    if problem:
        raise ContractRuleError(problem)
    criterion = criterion_for(contract, changes.criterion_code)
    before = _kpi_state(kpi)
    after = {"title": changes.title, "unit": changes.unit, "direction": changes.direction, "period": changes.period,
             "target": changes.target, "approaching": changes.approaching,
             "requires_improvement": changes.requires_improvement,
             "criterion": criterion.code if criterion else None, "promised": changes.promised,
             "promise_note": changes.promise_note}
    old, new = _changed(before, after)
    if not new:
        return False
    kpi.title, kpi.unit, kpi.direction, kpi.period = changes.title, changes.unit, changes.direction, changes.period
    kpi.target, kpi.approaching = changes.target, changes.approaching
    kpi.requires_improvement = changes.requires_improvement
    kpi.criterion, kpi.promised, kpi.promise_note = criterion, changes.promised, changes.promise_note
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="kpi.updated",
                 entity=f"kpi:{kpi.code}", before=old, after=new)
    return True


def remove_kpi(contract: Contract, kpi: Kpi, *, actor: Actor) -> None:
    """Remove a KPI and its measurements (kept in the audit event)."""
    if kpi.contract_id != contract.id:
        raise ContractRuleError("That KPI belongs to another contract")
    if contract.status is ContractStatus.LIVE and three_kpi_problem(contract.value, len(contract.kpis) - 1):
        # the same duty as going live, said as what removing would break
        raise ContractRuleError("This live contract is worth over £5,000,000, so it must keep at least three KPIs")
    measurements = [{"period": m.period, "value": m.value, "note": m.note} for m in kpi.measurements]
    before = {"code": kpi.code, **_kpi_state(kpi), "measurements": measurements}
    contract.kpis.remove(kpi)
    db.session.flush()
    for position, row in enumerate(contract.kpis):
        row.position = position
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="kpi.removed",
                 entity=f"kpi:{before['code']}", before=before)


def _incidents_of(contract: Contract, severity: str) -> int:
    return db.session.execute(select(func.count()).select_from(Incident).where(
        Incident.contract_id == contract.id, Incident.severity == severity)).scalar_one()


def update_sla(contract: Contract, sla: Sla, *, respond_within: str, resolve_within: str, clock: str,
               actor: Actor) -> bool:
    """Change an SLA's limits (duration text such as ``30m``, ``4h``) or clock; returns whether anything changed."""
    if sla.contract_id != contract.id:
        raise ContractRuleError("That SLA belongs to another contract")
    if clock == "service_hours" and not contract.service_hours:
        raise ContractRuleError("This contract has no service hours, so its SLAs must run 24 hours a day")
    try:
        spec = SlaSpec(sla.severity, respond_within, resolve_within, clock)  # type: ignore[arg-type]
    except ValueError as error:
        raise ContractRuleError(str(error)) from None
    before = {"respond_within_minutes": sla.respond_within, "resolve_within_minutes": sla.resolve_within,
              "clock": sla.clock}
    after = {"respond_within_minutes": spec.respond_within, "resolve_within_minutes": spec.resolve_within,
             "clock": spec.clock}
    old, new = _changed(before, after)
    if not new:
        return False
    sla.respond_within, sla.resolve_within, sla.clock = spec.respond_within, spec.resolve_within, spec.clock
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="sla.updated",
                 entity=f"sla:{sla.severity}", before=old, after=new)
    return True


def remove_sla(contract: Contract, sla: Sla, *, actor: Actor) -> None:
    if sla.contract_id != contract.id:
        raise ContractRuleError("That SLA belongs to another contract")
    count = _incidents_of(contract, sla.severity)
    if count:
        raise ContractRuleError(f"{count} incident{'' if count == 1 else 's'} of severity {sla.severity} "
                                f"{'is' if count == 1 else 'are'} measured against this SLA, so it cannot be removed")
    before = {"respond_within_minutes": sla.respond_within, "resolve_within_minutes": sla.resolve_within,
              "clock": sla.clock}
    severity = sla.severity
    contract.slas.remove(sla)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="sla.removed",
                 entity=f"sla:{severity}", before=before)
