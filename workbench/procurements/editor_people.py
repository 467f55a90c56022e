"""Suppliers and the panel of a procurement being set up. Same pattern as ``editor``: draft only, audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from workbench.auth.services import find_user
from workbench.extensions import db
from workbench.models import MemberRole, Membership, Procurement, Supplier, User
from workbench.procurements.editor import Actor, EditorError, _audit, _moved, _renumber, require_draft

NO_ACCOUNT = ("There is no account with the email address {email}. Ask an administrator to create the account "
              "first (officers cannot create accounts or set passwords), then add the person here.")


def _supplier_data(supplier: Supplier) -> dict[str, Any]:
    return {"name": supplier.name, "price": supplier.price, "position": supplier.position}


def _check_supplier(procurement: Procurement, name: str, price: Decimal | None,
                    supplier: Supplier | None = None) -> None:
    if not name:
        raise EditorError("Enter the supplier's name", "name")
    if any(s.name.casefold() == name.casefold() and s is not supplier for s in procurement.suppliers):
        raise EditorError(f"There is already a supplier called '{name}'", "name")
    if price is None or price <= 0:
        raise EditorError("Enter a price more than 0", "price")


def add_supplier(procurement: Procurement, *, actor: Actor, name: str, price: Decimal) -> Supplier:
    require_draft(procurement)
    _check_supplier(procurement, name, price)
    supplier = Supplier(name=name, price=price, position=len(procurement.suppliers))
    procurement.suppliers.append(supplier)
    _audit(procurement, actor, "plan.supplier_added", f"supplier:{name}", None, _supplier_data(supplier))
    return supplier


def update_supplier(supplier: Supplier, *, actor: Actor, name: str, price: Decimal) -> None:
    procurement = supplier.procurement
    require_draft(procurement)
    _check_supplier(procurement, name, price, supplier)
    before = _supplier_data(supplier)
    supplier.name, supplier.price = name, price
    _audit(procurement, actor, "plan.supplier_changed", f"supplier:{before['name']}", before,
           _supplier_data(supplier))


def move_supplier(supplier: Supplier, *, actor: Actor, direction: str) -> None:
    """The demonstration order: one place earlier (up) or later (down)."""
    procurement = supplier.procurement
    require_draft(procurement)
    before = [s.name for s in procurement.suppliers]
    _renumber(_moved(list(procurement.suppliers), supplier, direction))
    procurement.suppliers.sort(key=lambda s: s.position)
    _audit(procurement, actor, "plan.suppliers_reordered", f"supplier:{supplier.name}", {"order": before},
           {"order": [s.name for s in procurement.suppliers]})


def remove_supplier(supplier: Supplier, *, actor: Actor) -> None:
    procurement = supplier.procurement
    require_draft(procurement)
    before = _supplier_data(supplier)
    procurement.suppliers.remove(supplier)
    db.session.delete(supplier)
    _renumber(procurement.suppliers)
    _audit(procurement, actor, "plan.supplier_removed", f"supplier:{before['name']}", before, None)


def panel(procurement: Procurement) -> list[Membership]:
    return list(db.session.execute(
        select(Membership).join(User, Membership.user_id == User.id)
        .where(Membership.procurement_id == procurement.id).order_by(Membership.role, User.name)).scalars())


def add_member(procurement: Procurement, *, actor: Actor, email: str, role: MemberRole) -> Membership:
    """Add an existing account to the panel as officer, evaluator or auditor of this procurement."""
    require_draft(procurement)
    user = find_user(email)
    if user is None:
        raise EditorError(NO_ACCOUNT.format(email=email), "email")
    if not user.active:
        raise EditorError(f"The account for {user.email} is switched off", "email")
    existing = db.session.execute(select(Membership).where(
        Membership.procurement_id == procurement.id, Membership.user_id == user.id)).scalar_one_or_none()
    if existing is not None:
        raise EditorError(f"{user.name} is already on this procurement as {existing.role.label.lower()}", "email")
    membership = Membership(procurement_id=procurement.id, user_id=user.id, role=role)
    db.session.add(membership)
    _audit(procurement, actor, "panel.member_added", f"user:{user.email}", None,
           {"email": user.email, "role": role.value})
    return membership


def remove_member(membership: Membership, *, actor: Actor) -> None:
    procurement = membership.procurement
    require_draft(procurement)
    if membership.role is MemberRole.OFFICER and sum(
            1 for m in panel(procurement) if m.role is MemberRole.OFFICER) == 1:
        raise EditorError("A procurement needs at least one officer: add another officer first")
    before = {"email": membership.user.email, "role": membership.role.value}
    db.session.delete(membership)
    _audit(procurement, actor, "panel.member_removed", f"user:{before['email']}", before, None)
