"""A contract's status at a glance, from the report computed on read (no rule lives in the templates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from workbench.contracts.oversight import needing_escalation, overdue_actions
from workbench.contracts.queries import report_for
from workbench.models import Contract
from workbench.performance.ratings import rag as rag_of
from workbench.performance.times import format_local

# The rating is always shown in words; the colour of its tag is a second cue only.
TAG_CLASSES = {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "orange": "govuk-tag--orange",
               "red": "govuk-tag--red", "grey": "govuk-tag--grey"}


def tag_class(rag: str) -> str:
    return TAG_CLASSES.get(rag, "govuk-tag--grey")


@dataclass
class ContractStatusView:
    report: dict[str, Any]
    kpis: list[dict[str, Any]] = field(default_factory=list)        # each KPI with its latest period
    open_incidents: list[dict[str, Any]] = field(default_factory=list)
    breaches: list[dict[str, Any]] = field(default_factory=list)    # incidents that missed an SLA limit
    worst: str = "Other"
    worst_tag: str = "govuk-tag--grey"
    needing_escalation: list[Any] = field(default_factory=list)
    overdue_actions: list[Any] = field(default_factory=list)


def _shown_incident(row: dict[str, Any]) -> dict[str, Any]:
    shown = dict(row)
    for name in ("reported", "responded", "resolved"):
        shown[f"{name}_local"] = format_local(dt.datetime.fromisoformat(row[name])) if row[name] else ""
    shown["breached"] = row["response_met"] is False or row["resolution_met"] is False
    shown["open"] = row["resolved"] is None
    return shown


ORDER = ["Inadequate", "Requires improvement", "Approaching target", "Good", "Other"]


def contract_status(contract: Contract, now_utc: dt.datetime | None = None) -> ContractStatusView:
    report = report_for(contract, now_utc)
    view = ContractStatusView(report=report)
    for kpi in report["kpis"]:
        latest = kpi["periods"][-1] if kpi["periods"] else None
        view.kpis.append({**kpi, "latest": latest,
                          "tag": tag_class(latest["rag"]) if latest else "govuk-tag--grey",
                          "periods_shown": [{**p, "tag": tag_class(p["rag"])} for p in kpi["periods"]],
                          "years_shown": [{**y, "tag": tag_class(y["rag"])} for y in kpi["years"]]})
    incidents = [_shown_incident(row) for row in report["incidents"]]
    view.open_incidents = [i for i in incidents if i["open"]]
    view.breaches = [i for i in incidents if i["breached"]]
    view.report["incidents_shown"] = incidents
    ratings = [k["latest"]["rating"] for k in view.kpis if k["latest"]]
    view.worst = min(ratings, key=ORDER.index) if ratings else "Other"
    view.worst_tag = tag_class(rag_of(view.worst))
    view.needing_escalation = needing_escalation(contract, report)
    view.overdue_actions = overdue_actions(contract)
    return view


def portfolio_key(contract: Contract, status: ContractStatusView) -> tuple[Any, ...]:
    """Worst first: the worst latest KPI rating, then the most overdue actions, SLA breaches and items needing
    escalation; contracts with no rating yet come last (before them, nothing is known to be wrong)."""
    return (ORDER.index(status.worst), -len(status.overdue_actions), -len(status.breaches),
            -len(status.needing_escalation), contract.reference)


def portfolio(contracts: list[Contract], now_utc: dt.datetime | None = None) -> list[tuple[Contract,
                                                                                          ContractStatusView]]:
    """The portfolio dashboard's rows, worst first (see :func:`portfolio_key`)."""
    rows = [(c, contract_status(c, now_utc)) for c in contracts]
    return sorted(rows, key=lambda row: portfolio_key(*row))
