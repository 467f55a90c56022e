"""A procurement and its evaluation plan: scale, sections, criteria, suppliers, young people's form."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, TimestampMixin, enum_column
from workbench.models.user import Membership


class Status(enum.StrEnum):
    """Where a procurement is in its life. Moves forward only."""

    DRAFT = "draft"
    SCORING = "scoring"
    MODERATION = "moderation"
    FINALISED = "finalised"

    @property
    def label(self) -> str:
        return {"draft": "Setting up", "scoring": "Scoring open", "moderation": "Moderation",
                "finalised": "Finalised"}[self.value]


class PriceMethod(enum.StrEnum):
    LOWEST = "lowest"
    LINEAR = "linear"


class CriterionKind(enum.StrEnum):
    SCORED = "scored"
    PASS_FAIL = "pass_fail"


class Procurement(TimestampMixin, Base):
    __tablename__ = "procurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[Status] = mapped_column(enum_column(Status), default=Status.DRAFT)
    scale_id: Mapped[str | None] = mapped_column(String(64))
    scale_min: Mapped[int] = mapped_column(default=0)
    scale_max: Mapped[int] = mapped_column(default=5)
    quality_weight: Mapped[Decimal] = mapped_column(default=Decimal(70))
    price_weight: Mapped[Decimal] = mapped_column(default=Decimal(30))
    price_method: Mapped[PriceMethod] = mapped_column(enum_column(PriceMethod), default=PriceMethod.LOWEST)
    young_people_form_id: Mapped[str | None] = mapped_column(String(100))
    young_people_form_title: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    scale_levels: Mapped[list[ScaleLevel]] = relationship(
        back_populates="procurement", cascade="all, delete-orphan", order_by="ScaleLevel.value")
    sections: Mapped[list[Section]] = relationship(
        back_populates="procurement", cascade="all, delete-orphan", order_by="Section.position")
    suppliers: Mapped[list[Supplier]] = relationship(
        back_populates="procurement", cascade="all, delete-orphan", order_by="Supplier.position")
    memberships: Mapped[list[Membership]] = relationship(back_populates="procurement", cascade="all, delete-orphan")
    youth_questions: Mapped[list[YouthQuestion]] = relationship(
        back_populates="procurement", cascade="all, delete-orphan", order_by="YouthQuestion.position")

    @property
    def criteria(self) -> list[Criterion]:
        return [c for s in self.sections for c in s.criteria]


class ScaleLevel(Base):
    __tablename__ = "scale_levels"
    __table_args__ = (UniqueConstraint("procurement_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    value: Mapped[int]
    label: Mapped[str] = mapped_column(String(100))
    descriptor: Mapped[str] = mapped_column(Text, default="")

    procurement: Mapped[Procurement] = relationship(back_populates="scale_levels")


class Section(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("procurement_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    weight: Mapped[Decimal] = mapped_column(default=Decimal(0))
    position: Mapped[int] = mapped_column(default=0)

    procurement: Mapped[Procurement] = relationship(back_populates="sections")
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="Criterion.position")


class Criterion(Base):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("procurement_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(Text, default="")
    guidance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    kind: Mapped[CriterionKind] = mapped_column(enum_column(CriterionKind), default=CriterionKind.SCORED)
    weight: Mapped[Decimal] = mapped_column(default=Decimal(0))
    min_score: Mapped[Decimal | None]
    youth_share: Mapped[Decimal] = mapped_column(default=Decimal(0))
    library_id: Mapped[str | None] = mapped_column(String(120))
    young_people_text: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(32), default="library")
    position: Mapped[int] = mapped_column(default=0)

    section: Mapped[Section] = relationship(back_populates="criteria")
    procurement: Mapped[Procurement] = relationship(overlaps="criteria")

    @property
    def is_pass_fail(self) -> bool:
        return self.kind is CriterionKind.PASS_FAIL


class Supplier(TimestampMixin, Base):
    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("procurement_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    price: Mapped[Decimal | None]
    position: Mapped[int] = mapped_column(default=0)  # the order in which they demonstrated
    invitation_hash: Mapped[str | None] = mapped_column(String(64), unique=True)

    procurement: Mapped[Procurement] = relationship(back_populates="suppliers")


class YouthQuestion(Base):
    """A plain-language question on the young people's form, mapped to one or more criteria."""

    __tablename__ = "youth_questions"
    __table_args__ = (UniqueConstraint("procurement_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")
    criterion_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)

    procurement: Mapped[Procurement] = relationship(back_populates="youth_questions")
