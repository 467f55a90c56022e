"""Read-only queries about procurements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import MemberRole, Membership, Procurement, Role, Status, User

STATUS_TAG = {Status.DRAFT: "govuk-tag--grey", Status.SCORING: "govuk-tag--blue",
              Status.MODERATION: "govuk-tag--yellow", Status.FINALISED: "govuk-tag--green"}


@dataclass(frozen=True)
class ProcurementRow:
    procurement: Procurement
    part: str

    @property
    def status_class(self) -> str:
        return STATUS_TAG[self.procurement.status]


def with_memberships(user: User) -> list[tuple[Procurement, MemberRole | None]]:
    """The procurements a person can see (all of them for an admin), newest first, with their membership role, in
    one query."""
    statement = (
        select(Procurement, Membership.role)
        .outerjoin(Membership, (Membership.procurement_id == Procurement.id) & (Membership.user_id == user.id))
        .order_by(Procurement.created_at.desc(), Procurement.id.desc()))
    if user.role is not Role.ADMIN:
        statement = statement.where(Membership.id.is_not(None))
    return [(procurement, None if role is None else MemberRole(role))
            for procurement, role in db.session.execute(statement).all()]


def visible_procurements(user: User) -> list[ProcurementRow]:
    """The procurements a person can see, newest first, with their part in each."""
    result = []
    for procurement, member_role in with_memberships(user):
        if member_role is not None:
            result.append(ProcurementRow(procurement, MemberRole(member_role).label))
        elif user.role is Role.ADMIN:
            result.append(ProcurementRow(procurement, "Administrator (read only)"))
    return result


def get_by_reference(reference: str) -> Procurement | None:
    return db.session.execute(select(Procurement).where(Procurement.reference == reference)).scalar_one_or_none()
