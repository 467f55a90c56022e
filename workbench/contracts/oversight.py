"""Escalation levels, what needs escalating, escalations recorded, and corrective actions.

Subjects name what an escalation or action is about: ``incident:REF`` (an incident), ``kpi:CODE:PERIOD`` (a
KPI period), ``kpi:CODE:repeated:PERIOD`` (repeated shortfalls up to that period) or ``review:TEXT``.

Triggers of an escalation level:
- ``breach``: an incident that missed its SLA response or resolution limit (an open one already past its limit
  counts), or a KPI period rated *Inadequate*;
- ``severity``: any incident of the level's severity;
- ``repeated``: at least N of a KPI's last M recorded periods rated worse than target (*Approaching target*,
  *Requires improvement* or *Inadequate*).
A subject that meets any level's trigger needs escalation until an escalation is recorded against it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from workbench.audit import record_event
from workbench.contracts.queries import contract_scope, report_for
from workbench.contracts.services import Actor, ContractRuleError
from workbench.extensions import db
from workbench.models import ActionStatus, Contract, CorrectiveAction, Escalation, EscalationLevel, Review, User
from workbench.models.base import utcnow
from workbench.performance.times import LONDON

TRIGGERS = ("breach", "severity", "repeated")
BELOW_TARGET = ("Approaching target", "Requires improvement", "Inadequate")


@dataclass
class EscalationItem:
    subject: str
    description: str
    levels: list[EscalationLevel] = field(default_factory=list)


def levels_of(contract: Contract) -> list[EscalationLevel]:
    return list(db.session.execute(select(EscalationLevel).where(EscalationLevel.contract_id == contract.id)
                                   .order_by(EscalationLevel.level, EscalationLevel.id)).scalars())


def add_level(contract: Contract, *, level: int, who: str, within_days: int, trigger: str, severity: str | None,
              repeat_count: int | None, repeat_periods: int | None, actor: Actor) -> EscalationLevel:
    if trigger not in TRIGGERS:
        raise ContractRuleError(f"Unknown trigger {trigger!r}; use one of: {', '.join(TRIGGERS)}")
    if trigger == "severity" and severity not in {s.severity for s in contract.slas}:
        raise ContractRuleError("Choose one of the contract's SLA severities")
    if trigger == "repeated" and not (repeat_count and repeat_periods and 0 < repeat_count <= repeat_periods):
        raise ContractRuleError("Give how many shortfalls (N) within how many periods (M), with N no more than M")
    row = EscalationLevel(contract_id=contract.id, level=level, who=who, within_days=within_days, trigger=trigger,
                          severity=severity if trigger == "severity" else None,
                          repeat_count=repeat_count if trigger == "repeated" else None,
                          repeat_periods=repeat_periods if trigger == "repeated" else None)
    db.session.add(row)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="escalation_level.added",
                 entity=f"escalation-level:{level}", after={
                     "who": who, "within_days": within_days, "trigger": trigger, "severity": row.severity,
                     "repeat_count": row.repeat_count, "repeat_periods": row.repeat_periods})
    return row


def _candidates(contract: Contract, report: dict[str, Any], level: EscalationLevel) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if level.trigger in ("breach", "severity"):
        for i in report["incidents"]:
            missed = i["response_met"] is False or i["resolution_met"] is False
            if (level.trigger == "breach" and missed) or (level.trigger == "severity" and
                                                          i["severity"] == level.severity):
                what = "missed its SLA" if missed else "is of this severity"
                found.append((f"incident:{i['reference']}", f"Incident {i['reference']} ({i['severity']}) {what}"))
    for kpi in report["kpis"]:
        if level.trigger == "breach":
            found += [(f"kpi:{kpi['code']}:{p['period']}", f"{kpi['code']} {p['period']} rated Inadequate")
                      for p in kpi["periods"] if p["rating"] == "Inadequate"]
        elif level.trigger == "repeated" and level.repeat_count and level.repeat_periods:
            periods = kpi["periods"]
            for end in range(len(periods)):
                window = periods[max(0, end + 1 - level.repeat_periods):end + 1]
                short = sum(p["rating"] in BELOW_TARGET for p in window)
                if short >= level.repeat_count and periods[end]["rating"] in BELOW_TARGET:
                    found.append((f"kpi:{kpi['code']}:repeated:{periods[end]['period']}",
                                  f"{kpi['code']}: {short} of the last {len(window)} periods below target, up to "
                                  f"{periods[end]['period']}"))
    return found


def escalation_items(contract: Contract, report: dict[str, Any] | None = None) -> list[EscalationItem]:
    """Every subject meeting a trigger, with the levels it meets, in the report's order."""
    report = report or report_for(contract)
    items: dict[str, EscalationItem] = {}
    for level in levels_of(contract):
        for subject, description in _candidates(contract, report, level):
            items.setdefault(subject, EscalationItem(subject, description)).levels.append(level)
    return list(items.values())


def escalations_of(contract: Contract) -> list[Escalation]:
    return list(db.session.execute(select(Escalation).where(Escalation.contract_id == contract.id)
                                   .order_by(Escalation.recorded_at, Escalation.id)).scalars())


def needing_escalation(contract: Contract, report: dict[str, Any] | None = None) -> list[EscalationItem]:
    done = {e.subject for e in escalations_of(contract)}
    return [item for item in escalation_items(contract, report) if item.subject not in done]


def record_escalation(contract: Contract, *, subject: str, level: EscalationLevel | None, note: str,
                      actor: User | str | None) -> Escalation:
    subjects = {item.subject for item in escalation_items(contract)}
    if subject not in subjects:
        raise ContractRuleError(f"{subject} does not meet an escalation trigger of this contract")
    if level is not None and level.contract_id != contract.id:
        raise ContractRuleError("That escalation level belongs to another contract")
    row = Escalation(contract_id=contract.id, level=level, subject=subject, note=note,
                     recorded_by_id=actor.id if isinstance(actor, User) else None, recorded_at=utcnow())
    db.session.add(row)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="escalation.recorded",
                 entity=subject, after={"level": level.level if level else None,
                                        "who": level.who if level else None, "note": note})
    return row


# --------------------------------------------------------------------------------------------------- actions


def actions_of(contract: Contract) -> list[CorrectiveAction]:
    return list(db.session.execute(select(CorrectiveAction).where(CorrectiveAction.contract_id == contract.id)
                                   .order_by(CorrectiveAction.due, CorrectiveAction.id)).scalars())


def today_london() -> dt.date:
    return utcnow().astimezone(LONDON).date()


def is_overdue(action: CorrectiveAction, today: dt.date | None = None) -> bool:
    return action.status is ActionStatus.OPEN and action.due < (today or today_london())


def overdue_actions(contract: Contract, today: dt.date | None = None) -> list[CorrectiveAction]:
    return [a for a in actions_of(contract) if is_overdue(a, today)]


def add_action(contract: Contract, *, description: str, owner: str, due: dt.date, subject: str,
               actor: Actor) -> CorrectiveAction:
    if not subject:
        raise ContractRuleError("Link the action to an incident, a KPI breach or a review")
    row = CorrectiveAction(contract_id=contract.id, description=description, owner=owner, due=due, subject=subject)
    db.session.add(row)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="action.added",
                 entity=f"action:{row.id}", after={"description": description, "owner": owner,
                                                   "due": due.isoformat(), "subject": subject})
    return row


def complete_action(contract: Contract, action: CorrectiveAction, *, actor: Actor) -> None:
    if action.contract_id != contract.id:
        raise ContractRuleError("That action belongs to another contract")
    if action.status is ActionStatus.DONE:
        return
    action.status, action.closed_at = ActionStatus.DONE, utcnow()
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="action.done",
                 entity=f"action:{action.id}", before={"status": "open"}, after={"status": "done"})


def subject_choices(contract: Contract, report: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """What an action can be linked to: incidents, KPI periods worse than target, and a review."""
    report = report or report_for(contract)
    choices = [(f"incident:{i['reference']}", f"Incident {i['reference']} ({i['severity']})")
               for i in report["incidents"]]
    choices += [(f"kpi:{k['code']}:{p['period']}", f"{k['code']} {p['period']}: {p['rating']}")
                for k in report["kpis"] for p in k["periods"] if p["rating"] in BELOW_TARGET]
    choices += [(item.subject, item.description) for item in escalation_items(contract, report)
                if item.subject.startswith("kpi:") and ":repeated:" in item.subject]
    reviews = db.session.execute(select(Review).where(Review.contract_id == contract.id)
                                 .order_by(Review.span_start)).scalars()
    choices += [(f"review:{r.id}", f"Review of {r.span_start:%-d %b %Y} to {r.span_end:%-d %b %Y}") for r in reviews]
    choices.append(("review:next", "The next review meeting"))
    return choices
