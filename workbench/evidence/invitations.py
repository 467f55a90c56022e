"""Per-supplier invitation links. The token is shown once; only its SHA-256 is stored, on the supplier."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from workbench.audit import procurement_scope, record_event
from workbench.extensions import db
from workbench.models import Procurement, Supplier, User

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_invitation(procurement: Procurement, supplier: Supplier, *, actor: User | str) -> str:
    """Make a new link token for the supplier; any earlier link stops working. Returns the token (once)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    replaced = supplier.invitation_hash is not None
    supplier.invitation_hash = token_hash(token)
    db.session.flush()
    record_event(db.session, scope=procurement_scope(procurement.reference), actor=actor,
                 action="invitation.regenerated" if replaced else "invitation.created",
                 entity=f"supplier:{supplier.name}", after={"supplier": supplier.name})
    return token


def supplier_for_token(token: str) -> Supplier | None:
    if not token or len(token) > 100:
        return None
    return db.session.execute(
        select(Supplier).where(Supplier.invitation_hash == token_hash(token))).scalar_one_or_none()
