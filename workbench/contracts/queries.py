"""Reading contracts back as the engine's objects, and the report computed on read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import Contract, Incident, Kpi, Measurement, Role, User
from workbench.models.base import utcnow
from workbench.performance.clocks import ServiceHours
from workbench.performance.contract_file import ContractSpec, KpiSpec, Manager
from workbench.performance.imports import IncidentRecord, MeasurementRecord
from workbench.performance.periods import Period
from workbench.performance.report import contract_report
from workbench.performance.sla import Sla

__all__ = ["contract_scope", "contracts_for", "find_contract", "measurement_records", "report_for", "spec_of"]

# People who see every contract; contract managers see the contracts they manage.
SEE_ALL = (Role.ADMIN, Role.OFFICER, Role.AUDITOR)


def contract_scope(reference: str) -> str:
    return f"contract:{reference}"


def find_contract(reference: str) -> Contract | None:
    return db.session.execute(select(Contract).where(Contract.reference == reference)).scalar_one_or_none()


def contracts_for(user: User) -> list[Contract]:
    query = select(Contract).order_by(Contract.reference)
    if user.role not in SEE_ALL:
        query = query.where(Contract.manager_id == user.id)
    return list(db.session.execute(query).scalars())


def can_see_contract(user: User, contract: Contract) -> bool:
    return user.role in SEE_ALL or (user.role is Role.CONTRACT_MANAGER and contract.manager_id == user.id)


def can_manage_contract(user: User, contract: Contract) -> bool:
    """Officers, admins and the contract's own manager change it; auditors only read."""
    return user.role in (Role.ADMIN, Role.OFFICER) or (
        user.role is Role.CONTRACT_MANAGER and contract.manager_id == user.id)


def service_hours_of(contract: Contract) -> ServiceHours | None:
    hours = contract.service_hours
    if not hours:
        return None
    return ServiceHours.parse(hours["days"], hours["from"], hours["to"], hours.get("bank_holidays"))


def kpi_spec(kpi: Kpi) -> KpiSpec:
    return KpiSpec(code=kpi.code, title=kpi.title, unit=kpi.unit, direction=kpi.direction,  # type: ignore[arg-type]
                   period=kpi.period, target=kpi.target, approaching=kpi.approaching,  # type: ignore[arg-type]
                   requires_improvement=kpi.requires_improvement)


def spec_of(contract: Contract) -> ContractSpec:
    """The contract as the engine sees it (the same object a contract file loads into)."""
    manager = contract.manager
    return ContractSpec(
        reference=contract.reference, title=contract.title, supplier=contract.supplier_name,
        procurement=contract.procurement.reference if contract.procurement else None,
        start=contract.start, end=contract.end, value=contract.value,
        manager=Manager(email=manager.email if manager else "", name=manager.name if manager else ""),
        review_cycle=contract.review_cycle,  # type: ignore[arg-type]
        service_hours=service_hours_of(contract),
        kpis=tuple(kpi_spec(k) for k in contract.kpis),
        slas=tuple(Sla(s.severity, s.respond_within, s.resolve_within, s.clock)  # type: ignore[arg-type]
                   for s in contract.slas),
    )


def measurement_records(contract: Contract) -> list[MeasurementRecord]:
    rows = db.session.execute(
        select(Kpi.code, Kpi.period, Measurement).join(Measurement.kpi).where(Kpi.contract_id == contract.id)
    ).all()
    return [MeasurementRecord(kpi=code, period=Period.parse(m.period, kind), value=m.value, note=m.note)
            for code, kind, m in rows]


def incident_records(contract: Contract) -> list[IncidentRecord]:
    incidents = db.session.execute(select(Incident).where(Incident.contract_id == contract.id)).scalars()
    return [IncidentRecord(reference=i.reference, severity=i.severity, reported=i.reported,
                           responded=i.responded, resolved=i.resolved, description=i.description)
            for i in incidents]


def report_for(contract: Contract, now_utc: dt.datetime | None = None) -> dict[str, Any]:
    """The design's report JSON for a contract, computed on read."""
    return contract_report(spec_of(contract), measurement_records(contract), incident_records(contract),
                           now_utc or utcnow())
