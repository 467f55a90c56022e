"""Writing and verifying the audit trail.

Every write operation calls ``record_event`` in the same transaction as the change it describes. Events of one
scope (a procurement, a contract, or the system) form a chain: each carries the hash of the one before it, so a
changed, inserted or deleted event breaks the chain and ``verify_scope`` names where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from workbench.models import AuditEvent, AuditHead, User
from workbench.models.base import utcnow

GENESIS = "0" * 64


def procurement_scope(reference: str) -> str:
    return f"procurement:{reference}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value


def _digest(event: AuditEvent) -> str:
    payload = {
        "scope": event.scope, "sequence": event.sequence, "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_label, "action": event.action, "entity": event.entity,
        "before": event.before, "after": event.after, "reason": event.reason, "previous": event.previous_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _locked_head(session: Session, scope: str) -> AuditHead:
    """The scope's head row, locked until the transaction ends: writers to one scope take turns.

    A scope's first writers may race to create its head: ``INSERT … ON CONFLICT DO NOTHING`` lets one create it
    while the others wait for it (PostgreSQL) and then lock it, instead of failing on the primary key."""
    locked = select(AuditHead).where(AuditHead.scope == scope).with_for_update()
    head = session.execute(locked).scalar_one_or_none()
    if head is None:
        insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(insert(AuditHead).values(scope=scope, sequence=0, hash=GENESIS)
                        .on_conflict_do_nothing(index_elements=["scope"]))
        head = session.execute(locked.execution_options(populate_existing=True)).scalar_one()
    return head


def record_event(session: Session, *, scope: str, actor: User | str | None, action: str, entity: str = "",
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                 reason: str = "") -> AuditEvent:
    """Append one event to the scope's chain. Flushes; the caller's transaction commits it with the change."""
    head = _locked_head(session, scope)
    if isinstance(actor, User):
        actor_id, label = actor.id, actor.email
    else:
        actor_id, label = None, actor or "system"
    event = AuditEvent(
        scope=scope, sequence=head.sequence + 1, occurred_at=utcnow().replace(microsecond=0), actor_id=actor_id,
        actor_label=label, action=action, entity=entity, before=_jsonable(before), after=_jsonable(after),
        reason=reason, previous_hash=head.hash or GENESIS,
    )
    event.hash = _digest(event)
    session.add(event)
    head.sequence, head.hash = event.sequence, event.hash
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    message: str

    def __str__(self) -> str:
        return f"event {self.sequence}: {self.message}"


def verify_scope(session: Session, scope: str) -> list[ChainBreak]:
    """Every place where the stored chain differs from what was written."""
    events = session.execute(
        select(AuditEvent).where(AuditEvent.scope == scope).order_by(AuditEvent.sequence)).scalars().all()
    breaks: list[ChainBreak] = []
    previous_hash, expected_sequence = GENESIS, 1
    for event in events:
        if event.sequence != expected_sequence:
            breaks.append(ChainBreak(expected_sequence,
                                     f"missing (the next stored event is {event.sequence}): deleted"))
        if event.previous_hash != previous_hash:
            breaks.append(ChainBreak(event.sequence, "does not follow the event before it"))
        if _digest(event) != event.hash:
            breaks.append(ChainBreak(event.sequence, "its content was changed after it was written"))
        previous_hash, expected_sequence = event.hash, event.sequence + 1
    head = session.get(AuditHead, scope)
    if head is not None and (head.sequence != expected_sequence - 1 or head.hash != previous_hash):
        breaks.append(ChainBreak(head.sequence, "the latest event recorded for this trail is missing or changed"))
    return breaks
