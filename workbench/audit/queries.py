"""Reading a procurement's audit trail: filtered, paginated, newest first. Nothing here writes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from workbench.models import AuditEvent

LONDON = ZoneInfo("Europe/London")
PER_PAGE = 50


@dataclass(frozen=True)
class Filters:
    action: str = ""
    person: str = ""
    date_from: date | None = None   # UK dates, inclusive
    date_to: date | None = None
    text: str = ""                  # found in the entity (supplier, criterion, …) or the reason

    @property
    def active(self) -> bool:
        return bool(self.action or self.person or self.date_from or self.date_to or self.text)


@dataclass(frozen=True)
class Page:
    events: list[AuditEvent]
    total: int
    number: int
    pages: int


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


def uk_midnight(day: date) -> datetime:
    """The start of a UK calendar day, as an aware UTC time (midnight is never in a clock-change gap in the UK)."""
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(ZoneInfo("UTC"))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(scope: str, filters: Filters) -> Select[Any]:
    query = select(AuditEvent).where(AuditEvent.scope == scope)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.person:
        query = query.where(AuditEvent.actor_label == filters.person)
    if filters.date_from:
        query = query.where(AuditEvent.occurred_at >= uk_midnight(filters.date_from))
    if filters.date_to:
        query = query.where(AuditEvent.occurred_at < uk_midnight(filters.date_to + timedelta(days=1)))
    if filters.text:
        pattern = _like(filters.text)
        query = query.where(or_(AuditEvent.entity.ilike(pattern, escape="\\"),
                                AuditEvent.reason.ilike(pattern, escape="\\")))
    return query


def page_of_events(session: Session, scope: str, filters: Filters, number: int = 1,
                   per_page: int = PER_PAGE) -> Page:
    query = _filtered(scope, filters)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    pages = max(1, -(-total // per_page))
    number = min(max(1, number), pages)
    events = list(session.execute(query.order_by(AuditEvent.sequence.desc())
                                  .offset((number - 1) * per_page).limit(per_page)).scalars())
    return Page(events, total, number, pages)


def choices(session: Session, scope: str) -> tuple[list[str], list[str]]:
    """The actions and the people that occur in this trail, for the filter menus."""
    actions = session.execute(select(AuditEvent.action).where(AuditEvent.scope == scope).distinct()
                              .order_by(AuditEvent.action)).scalars()
    people = session.execute(select(AuditEvent.actor_label).where(AuditEvent.scope == scope).distinct()
                             .order_by(AuditEvent.actor_label)).scalars()
    return list(actions), list(people)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def changes(event: AuditEvent) -> list[Change]:
    """Each field the event records, with its value before and after (None where that side has no value)."""
    before, after = event.before or {}, event.after or {}
    fields = list(after) + [key for key in before if key not in after]
    return [Change(key, _text(before.get(key)), _text(after.get(key))) for key in fields]
