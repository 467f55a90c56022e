"""People who sign in, and their per-procurement membership."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.models.base import Base, TimestampMixin, enum_column


class Role(enum.StrEnum):
    """A person's role in the service as a whole."""

    ADMIN = "admin"
    OFFICER = "officer"
    EVALUATOR = "evaluator"
    AUDITOR = "auditor"
    CONTRACT_MANAGER = "contract_manager"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class MemberRole(enum.StrEnum):
    """A person's part in one procurement: what they may see and do there."""

    OFFICER = "officer"
    EVALUATOR = "evaluator"
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:  # Flask-Login: deactivated people cannot sign in
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("procurement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurements.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[MemberRole] = mapped_column(enum_column(MemberRole))

    user: Mapped[User] = relationship(back_populates="memberships")
    procurement: Mapped[Procurement] = relationship(back_populates="memberships")  # noqa: F821
