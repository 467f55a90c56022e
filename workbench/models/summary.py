"""Assessment summaries: per supplier, its scores and the reasons for them, beside the most advantageous tender."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, TimestampMixin, enum_column, utcnow
from workbench.models.procurement import Supplier
from workbench.models.user import User


class SummaryStatus(enum.StrEnum):
    DRAFT = "draft"
    RELEASED = "released"

    @property
    def label(self) -> str:
        return {"draft": "Draft", "released": "Released"}[self.value]


class AssessmentSummary(TimestampMixin, Base):
    """One supplier's assessment summary. Drafted from the results, edited by an officer, then released and locked."""

    __tablename__ = "assessment_summaries"
    __table_args__ = (UniqueConstraint("supplier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[SummaryStatus] = mapped_column(enum_column(SummaryStatus), default=SummaryStatus.DRAFT)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    released_at: Mapped[datetime | None]
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    supplier: Mapped[Supplier] = relationship()
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    released_by: Mapped[User | None] = relationship(foreign_keys=[released_by_id])

    @property
    def released(self) -> bool:
        return self.status is SummaryStatus.RELEASED
