"""Contracts after award: KPIs, SLAs, measurements per period and incidents.

Ratings and SLA results are never stored: they are computed on read by :mod:`workbench.performance`.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, TimestampMixin, enum_column, utcnow
from workbench.models.procurement import Criterion, Procurement
from workbench.models.user import User


class ContractStatus(enum.StrEnum):
    DRAFT = "draft"
    LIVE = "live"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {"draft": "Setting up", "live": "Live", "ended": "Ended"}[self.value]


class Contract(TimestampMixin, Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    supplier_name: Mapped[str] = mapped_column(String(300))
    procurement_id: Mapped[int | None] = mapped_column(ForeignKey("procurements.id", ondelete="SET NULL"),
                                                       index=True)
    start: Mapped[dt.date]
    end: Mapped[dt.date]
    value: Mapped[Decimal]
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    review_cycle: Mapped[str] = mapped_column(String(20))
    # {"days": "Mon-Fri", "from": "08:00", "to": "18:00", "bank_holidays": "england-and-wales"} or None
    service_hours: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[ContractStatus] = mapped_column(enum_column(ContractStatus), default=ContractStatus.DRAFT)

    procurement: Mapped[Procurement | None] = relationship()
    manager: Mapped[User | None] = relationship()
    kpis: Mapped[list[Kpi]] = relationship(back_populates="contract", cascade="all, delete-orphan",
                                           order_by="Kpi.position")
    slas: Mapped[list[Sla]] = relationship(back_populates="contract", cascade="all, delete-orphan",
                                           order_by="Sla.position")
    incidents: Mapped[list[Incident]] = relationship(back_populates="contract", cascade="all, delete-orphan",
                                                     order_by="Incident.reported")


class Kpi(Base):
    __tablename__ = "contract_kpis"
    __table_args__ = (UniqueConstraint("contract_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40))
    direction: Mapped[str] = mapped_column(String(10))   # higher | lower
    period: Mapped[str] = mapped_column(String(10))      # month | quarter
    target: Mapped[Decimal]
    approaching: Mapped[Decimal]
    requires_improvement: Mapped[Decimal]
    # Promised versus delivered: the evaluation criterion this KPI holds the supplier to, and what they promised
    # in their bid (a figure in the KPI's unit, and the words they used).
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id", ondelete="SET NULL"))
    promised: Mapped[Decimal | None]
    promise_note: Mapped[str] = mapped_column(Text, default="")

    contract: Mapped[Contract] = relationship(back_populates="kpis")
    criterion: Mapped[Criterion | None] = relationship()
    measurements: Mapped[list[Measurement]] = relationship(back_populates="kpi", cascade="all, delete-orphan",
                                                           order_by="Measurement.period")


class Sla(Base):
    __tablename__ = "contract_slas"
    __table_args__ = (UniqueConstraint("contract_id", "severity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    severity: Mapped[str] = mapped_column(String(32))
    respond_within: Mapped[int]   # minutes
    resolve_within: Mapped[int]   # minutes
    clock: Mapped[str] = mapped_column(String(20))   # 24x7 | service_hours

    contract: Mapped[Contract] = relationship(back_populates="slas")


class Measurement(Base):
    __tablename__ = "contract_measurements"
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("contract_kpis.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(10))   # 2026-04 or 2026-Q2
    value: Mapped[Decimal | None]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    kpi: Mapped[Kpi] = relationship(back_populates="measurements")


class Incident(Base):
    __tablename__ = "contract_incidents"
    __table_args__ = (UniqueConstraint("contract_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    reference: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(32))
    reported: Mapped[dt.datetime]
    responded: Mapped[dt.datetime | None]
    resolved: Mapped[dt.datetime | None]
    description: Mapped[str] = mapped_column(Text, default="")
    affected_service: Mapped[str] = mapped_column(String(300), default="")
    safeguarding: Mapped[bool] = mapped_column(default=False)   # safeguarding or missed-visit impact

    contract: Mapped[Contract] = relationship(back_populates="incidents")


class EscalationLevel(Base):
    """Who is told, how fast, and what triggers it: ``breach`` (an incident that missed an SLA limit or a KPI
    period rated Inadequate), ``severity`` (any incident of ``severity``) or ``repeated`` (``repeat_count`` KPI
    periods worse than target within the KPI's last ``repeat_periods`` recorded periods)."""

    __tablename__ = "contract_escalation_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    level: Mapped[int]
    who: Mapped[str] = mapped_column(String(300))
    within_days: Mapped[int]
    trigger: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str | None] = mapped_column(String(32))
    repeat_count: Mapped[int | None]
    repeat_periods: Mapped[int | None]


class Escalation(Base):
    """An escalation recorded against a subject (``incident:REF``, ``kpi:CODE:PERIOD``,
    ``kpi:CODE:repeated:PERIOD``): the subject no longer shows as needing escalation."""

    __tablename__ = "contract_escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    level_id: Mapped[int | None] = mapped_column(ForeignKey("contract_escalation_levels.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    level: Mapped[EscalationLevel | None] = relationship()


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"open": "Open", "done": "Done"}[self.value]


class CorrectiveAction(TimestampMixin, Base):
    """A corrective action linked to an incident, a KPI breach or a review (``subject``, as for escalations,
    or ``review:<text>``)."""

    __tablename__ = "contract_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(300))
    due: Mapped[dt.date]
    status: Mapped[ActionStatus] = mapped_column(enum_column(ActionStatus), default=ActionStatus.OPEN)
    subject: Mapped[str] = mapped_column(String(120), default="")
    closed_at: Mapped[dt.datetime | None]


class Review(TimestampMixin, Base):
    """A review meeting for one span of the contract's review cycle. ``agenda`` is the pack drafted from the
    span's KPI ratings, incidents, escalations and open actions. Once signed off the record is locked: later
    changes are addenda."""

    __tablename__ = "contract_reviews"
    __table_args__ = (UniqueConstraint("contract_id", "span_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    span_start: Mapped[dt.date]
    span_end: Mapped[dt.date]            # inclusive
    scheduled_on: Mapped[dt.date]
    held_on: Mapped[dt.date | None]
    agenda: Mapped[dict[str, Any]] = mapped_column(JSON)
    attendees: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    signed_off_at: Mapped[dt.datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    addenda: Mapped[list[ReviewAddendum]] = relationship(back_populates="review", cascade="all, delete-orphan",
                                                         order_by="ReviewAddendum.added_at")

    @property
    def locked(self) -> bool:
        return self.signed_off_at is not None


class ReviewAddendum(Base):
    __tablename__ = "contract_review_addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("contract_reviews.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    review: Mapped[Review] = relationship(back_populates="addenda")
