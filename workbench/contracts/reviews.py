"""Review meetings on the contract's cycle.

The contract's life is cut into spans of its review cycle from ``start`` (monthly 1, quarterly 3, six-monthly 6,
annual 12 months); the review of a span is scheduled 14 days after the span ends. Drafting a review snapshots
the agenda pack: the span's KPI ratings, the incidents reported in the span, the escalations recorded and still
needed, and the open corrective actions. Attendees, decisions and the date held can be changed until sign-off;
after sign-off the record is locked and only an addendum (audited) can be added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from workbench.audit import record_event
from workbench.contracts.oversight import actions_of, escalations_of, needing_escalation
from workbench.contracts.queries import contract_scope, report_for
from workbench.contracts.services import Actor, ContractRuleError
from workbench.extensions import db
from workbench.models import ActionStatus, Contract, Review, ReviewAddendum, User
from workbench.models.base import utcnow
from workbench.performance.periods import Period
from workbench.performance.times import to_local

CYCLE_MONTHS = {"monthly": 1, "quarterly": 3, "six-monthly": 6, "annual": 12}
SCHEDULE_AFTER = dt.timedelta(days=14)


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date          # inclusive
    scheduled_on: dt.date

    @property
    def label(self) -> str:
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    # contract spans start on the start's day of month; clamp at month end (e.g. 31 Jan + 1 month)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def schedule(contract: Contract) -> list[Span]:
    months = CYCLE_MONTHS.get(contract.review_cycle, 3)
    spans: list[Span] = []
    index = 0
    while True:
        start = _add_months(contract.start, months * index)
        if start > contract.end:
            return spans
        end = min(_add_months(contract.start, months * (index + 1)) - dt.timedelta(days=1), contract.end)
        spans.append(Span(start, end, end + SCHEDULE_AFTER))
        index += 1


def reviews_of(contract: Contract) -> list[Review]:
    return list(db.session.execute(select(Review).where(Review.contract_id == contract.id)
                                   .order_by(Review.span_start)).scalars())


def agenda_pack(contract: Contract, span: Span) -> dict[str, Any]:
    """The drafted agenda: everything the meeting should look at, as plain data (stored as a snapshot).

    A KPI period is on the agenda of the review whose span it ends in (a quarter that runs past the contract's
    end, at its end): review spans run from the contract's start, quarters are calendar quarters, and a review
    looks at the periods that are over."""
    report = report_for(contract)
    kpis = []
    for kpi in report["kpis"]:
        periods = [p for p in kpi["periods"] if span.start <= min(
            Period.parse(p["period"], kpi["period_kind"]).last_day, contract.end) <= span.end]
        kpis.append({"code": kpi["code"], "title": kpi["title"],
                     "periods": [{"period": p["period"], "value": p["value"], "rating": p["rating"]}
                                 for p in periods]})
    incidents = []
    for i in report["incidents"]:
        if span.start <= to_local(dt.datetime.fromisoformat(i["reported"])).date() <= span.end:  # UK day reported
            incidents.append({k: i[k] for k in ("reference", "severity", "response_minutes", "resolution_minutes",
                                                "response_met", "resolution_met")})
    escalated = [{"subject": e.subject, "level": e.level.level if e.level else None, "note": e.note}
                 for e in escalations_of(contract)]
    pending = [{"subject": item.subject, "description": item.description}
               for item in needing_escalation(contract, report)]
    actions = [{"id": a.id, "description": a.description, "owner": a.owner, "due": a.due.isoformat(),
                "subject": a.subject} for a in actions_of(contract) if a.status is ActionStatus.OPEN]
    return {"span": {"start": span.start.isoformat(), "end": span.end.isoformat()}, "kpis": kpis,
            "incidents": incidents, "escalations": escalated, "needing_escalation": pending, "open_actions": actions}


def draft_review(contract: Contract, span_start: dt.date, *, actor: Actor) -> Review:
    span = next((s for s in schedule(contract) if s.start == span_start), None)
    if span is None:
        raise ContractRuleError("That is not a review span of this contract")
    if any(r.span_start == span_start for r in reviews_of(contract)):
        raise ContractRuleError("A review of that span already exists")
    review = Review(contract_id=contract.id, span_start=span.start, span_end=span.end,
                    scheduled_on=span.scheduled_on, agenda=agenda_pack(contract, span))
    db.session.add(review)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="review.drafted",
                 entity=f"review:{review.id}", after={"span": review.agenda["span"],
                                                      "scheduled_on": span.scheduled_on.isoformat()})
    return review


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def update_review(contract: Contract, review: Review, *, held_on: dt.date | None, attendees: str, decisions: str,
                  actor: Actor) -> None:
    if review.locked:
        raise ContractRuleError("This review is signed off and locked; add an addendum instead")
    before = {"held_on": _iso(review.held_on), "attendees": review.attendees, "decisions": review.decisions}
    review.held_on, review.attendees, review.decisions = held_on, attendees, decisions
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="review.updated",
                 entity=f"review:{review.id}", before=before,
                 after={"held_on": _iso(held_on), "attendees": attendees, "decisions": decisions})


def sign_off(contract: Contract, review: Review, *, actor: User) -> None:
    if review.locked:
        raise ContractRuleError("This review is already signed off")
    if review.held_on is None or not review.attendees.strip():
        raise ContractRuleError("Record the date the meeting was held and who attended before signing off")
    review.signed_off_at, review.signed_off_by_id = utcnow(), actor.id
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="review.signed_off",
                 entity=f"review:{review.id}", after={"held_on": _iso(review.held_on), "attendees": review.attendees,
                                                      "decisions": review.decisions})


def add_addendum(contract: Contract, review: Review, *, text: str, actor: User) -> ReviewAddendum:
    if not review.locked:
        raise ContractRuleError("Change the review itself until it is signed off")
    if not text.strip():
        raise ContractRuleError("Write the addendum")
    addendum = ReviewAddendum(review=review, text=text.strip(), added_by_id=actor.id, added_at=utcnow())
    db.session.add(addendum)
    db.session.flush()
    record_event(db.session, scope=contract_scope(contract.reference), actor=actor, action="review.addendum",
                 entity=f"review:{review.id}", after={"text": addendum.text})
    return addendum
