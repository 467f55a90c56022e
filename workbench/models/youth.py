"""Young people's panels. Nothing here identifies a person: no name, email, age, school or contact detail.

A respondent is an access code (online) or the label on a paper sheet (e.g. P07), never a person.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, enum_column, utcnow
from workbench.models.procurement import Criterion, Procurement, Supplier, YouthQuestion


class RespondentStatus(enum.StrEnum):
    UNUSED = "unused"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REVOKED = "revoked"


class YouthSession(Base):
    __tablename__ = "youth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    closes_at: Mapped[datetime]
    on_paper: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    procurement: Mapped[Procurement] = relationship()
    respondents: Mapped[list[Respondent]] = relationship(back_populates="session", cascade="all, delete-orphan",
                                                         order_by="Respondent.id")


class Respondent(Base):
    __tablename__ = "youth_respondents"
    __table_args__ = (UniqueConstraint("session_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("youth_sessions.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(32))       # e.g. "Code 7" or the paper sheet's "P07"
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[RespondentStatus] = mapped_column(enum_column(RespondentStatus), default=RespondentStatus.UNUSED)
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]

    session: Mapped[YouthSession] = relationship(back_populates="respondents")


class YouthAnswer(Base):
    """One answer. ``answer`` is 1–5, or None for "Not sure" (which is not an answer)."""

    __tablename__ = "youth_answers"
    __table_args__ = (UniqueConstraint("respondent_id", "supplier_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("youth_respondents.id", ondelete="CASCADE"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("youth_questions.id", ondelete="CASCADE"))
    answer: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    respondent: Mapped[Respondent] = relationship()
    supplier: Mapped[Supplier] = relationship()
    question: Mapped[YouthQuestion] = relationship()


class YouthStatement(Base):
    """An "I statement" the young people's panel proposed (e.g. "I can understand my plan"): a child-perspective
    outcome measure the officer may adopt as a criterion in the plan (``criterion_id`` once adopted)."""

    __tablename__ = "youth_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id", ondelete="SET NULL"))
    adopted_at: Mapped[datetime | None]

    procurement: Mapped[Procurement] = relationship()
    criterion: Mapped[Criterion | None] = relationship()
