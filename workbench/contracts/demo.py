"""The demo's live contract: the example contract file, awarded to the demo procurement's first supplier, with
the example measurements and incidents: its first contract year (1 November 2025 to 31 October 2026) in full,
with every rating, incidents across both clock changes, one SLA breach (INC-006) and one incident still open
past its limit (INC-009).

Dates are fixed, not relative to the day the demo is loaded: the overdue corrective action is due in the past,
so it stays overdue whenever the demo is loaded."""

from __future__ import annotations

import dataclasses

from workbench.auth.services import hash_password
from workbench.config import REPO_ROOT
from workbench.contracts.services import create_contract, import_incidents, import_measurements, set_status
from workbench.models import ContractStatus, Procurement, User

EXAMPLES = REPO_ROOT / "examples" / "contracts"


def load_contracts_demo(procurement: Procurement, officer: User, password: str) -> list[tuple[str, str]]:
    """Load the demo contract; returns the contract manager's account as (email, role)."""
    from workbench.performance.contract_file import load_contract_file

    spec = load_contract_file(EXAMPLES / "ct-2026-01.yaml")
    supplier = procurement.suppliers[0].name if procurement.suppliers else spec.supplier
    spec = dataclasses.replace(spec, supplier=supplier, procurement=procurement.reference)
    contract = create_contract(spec, actor=officer, source="ct-2026-01.yaml")
    manager = contract.manager
    assert manager is not None
    manager.password_hash = hash_password(password)
    set_status(contract, ContractStatus.LIVE, actor=officer)
    import_measurements(contract, EXAMPLES / "measurements.csv", filename="measurements.csv", actor=manager)
    import_incidents(contract, EXAMPLES / "incidents.csv", filename="incidents.csv", actor=manager)
    _promise(contract, officer)
    _oversight(contract, officer, manager)
    _reviews(contract, manager)
    return [(manager.email, "Contract manager")]


def _promise(contract, officer: User) -> None:
    """Promised versus delivered: the availability the supplier claimed in their bid, linked to the evaluation."""
    from decimal import Decimal

    from workbench.contracts.editing import KpiChanges, update_kpi

    kpi = next(k for k in contract.kpis if k.code == "KPI1")
    update_kpi(contract, kpi, KpiChanges(
        title=kpi.title, unit=kpi.unit, direction=kpi.direction, period=kpi.period, target=kpi.target,
        approaching=kpi.approaching, requires_improvement=kpi.requires_improvement, criterion_code="CSC07",
        promised=Decimal("99.9"), promise_note="Our platform has run at 99.9% availability or better every month "
                                               "for the last three years."), actor=officer)


def _oversight(contract, officer: User, manager: User) -> None:
    """Escalation levels (one escalation already recorded) and corrective actions: one done, one open, one
    overdue (due 31 October 2026, so overdue from then on)."""
    import datetime as dt

    from workbench.contracts.oversight import add_action, add_level, complete_action, record_escalation

    first = add_level(contract, level=1, who="Contract manager (Jo Reed)", within_days=1, trigger="breach",
                      severity=None, repeat_count=None, repeat_periods=None, actor=officer)
    add_level(contract, level=2, who="Head of Children's Services", within_days=1, trigger="severity",
              severity="P1", repeat_count=None, repeat_periods=None, actor=officer)
    add_level(contract, level=3, who="Director of Children's Services", within_days=5, trigger="repeated",
              severity=None, repeat_count=2, repeat_periods=3, actor=officer)
    record_escalation(contract, subject="incident:INC-006", level=first,
                      note="Raised with the supplier's account director the same morning", actor=manager)
    done = add_action(contract, description="Supplier to send a root-cause report on the power fault",
                      owner="Ashdown service manager", due=dt.date(2026, 7, 15), subject="incident:INC-006",
                      actor=manager)
    complete_action(contract, done, actor=manager)
    add_action(contract, description="Supplier to add a second power feed at the data centre",
               owner="Ashdown infrastructure lead", due=dt.date(2026, 10, 31), subject="kpi:KPI1:2026-06",
               actor=manager)
    add_action(contract, description="Agree monitoring of the synchronisation queue", owner="Jo Reed",
               due=dt.date(2027, 1, 29), subject="review:next", actor=manager)


def _reviews(contract, manager: User) -> None:
    """Quarterly reviews: February–April and May–July held and signed off; August–October drafted."""
    import datetime as dt

    from workbench.contracts.reviews import draft_review, sign_off, update_review

    attendees = "Jo Reed (contract manager)\nAshdown account director\nHead of Children's Services"
    spring = draft_review(contract, dt.date(2026, 2, 1), actor=manager)
    update_review(contract, spring, held_on=dt.date(2026, 5, 14), attendees=attendees,
                  decisions="Monthly KPIs at target for the quarter; calls answered still below target since "
                            "January: supplier to report on service desk staffing. Supplier to confirm its "
                            "overnight cover when the clocks change, after INC-003.", actor=manager)
    sign_off(contract, spring, actor=manager)
    summer = draft_review(contract, dt.date(2026, 5, 1), actor=manager)
    update_review(contract, summer, held_on=dt.date(2026, 8, 13), attendees=attendees,
                  decisions="Root-cause report on the June power fault received. Supplier to add a second power "
                            "feed by 31 October and to send the missing July availability figure.", actor=manager)
    sign_off(contract, summer, actor=manager)
    draft_review(contract, dt.date(2026, 8, 1), actor=manager)
