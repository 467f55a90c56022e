"""Panel scoring: conflict declarations, individual scores, and moderated (consensus) scores."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, enum_column, utcnow
from workbench.models.procurement import Criterion, Supplier
from workbench.models.user import User


class ScoreStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class ConflictDeclaration(Base):
    """Before seeing a bid an evaluator declares, per supplier, no conflict or a conflict with details."""

    __tablename__ = "conflict_declarations"
    __table_args__ = (UniqueConstraint("evaluator_id", "supplier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    has_conflict: Mapped[bool]
    details: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(default=utcnow)

    evaluator: Mapped[User] = relationship()
    supplier: Mapped[Supplier] = relationship()


class Score(Base):
    """One evaluator's score for one supplier on one criterion. The database enforces one per triple."""

    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("evaluator_id", "supplier_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    points: Mapped[int | None]          # a level on the plan's scale, for scored criteria
    passed: Mapped[bool | None]         # for pass/fail criteria
    justification: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ScoreStatus] = mapped_column(enum_column(ScoreStatus), default=ScoreStatus.DRAFT)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    evaluator: Mapped[User] = relationship()
    supplier: Mapped[Supplier] = relationship()
    criterion: Mapped[Criterion] = relationship()

    @property
    def value(self) -> int | str | None:
        """The score as the engine reads it: a level, or 'pass'/'fail'."""
        if self.passed is not None:
            return "pass" if self.passed else "fail"
        return self.points


class Consensus(Base):
    """The moderated score for a supplier on a criterion. It overrides the mean of the panel's scores."""

    __tablename__ = "consensus_scores"
    __table_args__ = (UniqueConstraint("supplier_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    points: Mapped[int | None]
    passed: Mapped[bool | None]
    rationale: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    supplier: Mapped[Supplier] = relationship()
    criterion: Mapped[Criterion] = relationship()
    recorded_by: Mapped[User | None] = relationship()

    @property
    def value(self) -> int | str | None:
        if self.passed is not None:
            return "pass" if self.passed else "fail"
        return self.points
