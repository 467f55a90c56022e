"""Who may use which route. Every view carries exactly one of these decorators; a test enforces it.

- ``public``: anyone, signed in or not (sign-in page, health check, supplier invitation links that carry their
  own token, young people's access-code pages).
- ``signed_in``: any signed-in person.
- ``roles(...)``: people whose service-wide role is one of these.
- ``procurement(...)``: the ``reference`` in the URL names a procurement the person may see with one of these
  rights; the view receives ``procurement`` instead of ``reference``. People who cannot see the procurement get
  404 (its existence is not disclosed); people who can see it but lack the right get 403.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from workbench.extensions import db
from workbench.models import ConflictDeclaration, MemberRole, Membership, Procurement, Role, User

F = TypeVar("F", bound=Callable[..., Any])


class Right(enum.StrEnum):
    """What a person may do within one procurement."""

    READ = "read"          # see the plan, results and audit trail: officers, auditors, admins
    MANAGE = "manage"      # change the plan, run moderation, export: officers
    SCORE = "score"        # declare conflicts and score bids: evaluators
    PANEL = "panel"        # see the moderation view: officers, auditors, and evaluators once moderation opens


@dataclass(frozen=True)
class AccessRule:
    kind: str                           # "public" | "signed_in" | "roles" | "procurement"
    roles: tuple[Role, ...] = ()
    rights: tuple[Right, ...] = ()


def _mark(view: Callable[..., Any], rule: AccessRule) -> None:
    view._access = rule  # type: ignore[attr-defined]


def _login_redirect() -> Any:
    return redirect(url_for("auth.sign_in", next=request.full_path if request.query_string else request.path))


def public(view: F) -> F:
    _mark(view, AccessRule("public"))
    return view


def signed_in(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return _login_redirect()
        return view(*args, **kwargs)

    _mark(wrapper, AccessRule("signed_in"))
    return wrapper  # type: ignore[return-value]


def roles(*allowed: Role) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _login_redirect()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        _mark(wrapper, AccessRule("roles", roles=allowed))
        return wrapper  # type: ignore[return-value]

    return decorator


def membership_role(user: User, procurement: Procurement) -> MemberRole | None:
    return db.session.execute(
        select(Membership.role).where(Membership.user_id == user.id, Membership.procurement_id == procurement.id)
    ).scalar_one_or_none()


def rights_of(user: User, procurement: Procurement) -> set[Right]:
    """The rights a person has in a procurement; empty when they cannot see it at all."""
    return rights_for(user, membership_role(user, procurement), procurement)


def rights_for(user: User, member: MemberRole | None, procurement: Procurement) -> set[Right]:
    """``rights_of`` for a membership already read (lists read every membership in one query)."""
    from workbench.models import Status

    rights: set[Right] = set()
    if user.role is Role.ADMIN:
        rights |= {Right.READ, Right.PANEL}
    if member is MemberRole.OFFICER:
        rights |= {Right.READ, Right.MANAGE, Right.PANEL}
    elif member is MemberRole.AUDITOR:
        rights |= {Right.READ, Right.PANEL}
    elif member is MemberRole.EVALUATOR:
        rights.add(Right.SCORE)
        if procurement.status in (Status.MODERATION, Status.FINALISED):
            rights.add(Right.PANEL)
    return rights


def can_see(user: User, procurement: Procurement) -> bool:
    return user.role is Role.ADMIN or membership_role(user, procurement) is not None


def procurement(*needed: Right) -> Callable[[F], F]:
    """Load the procurement named by ``reference`` and require any one of ``needed``."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, reference: str, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _login_redirect()
            found = db.session.execute(
                select(Procurement).where(Procurement.reference == reference)).scalar_one_or_none()
            if found is None or not can_see(current_user, found):
                abort(404)
            if not rights_of(current_user, found) & set(needed):
                abort(403)
            return view(*args, procurement=found, **kwargs)

        _mark(wrapper, AccessRule("procurement", rights=needed))
        return wrapper  # type: ignore[return-value]

    return decorator


def hidden_suppliers(procurement: Procurement, user: User) -> set[int]:
    """Suppliers an evaluator declared a conflict with: they are not shown other evaluators' scores, justifications
    or consensus rationales for them (moderation, score downloads, the workbook, the API). Empty for people who
    read the whole procurement."""
    if Right.READ in rights_of(user, procurement):
        return set()
    return set(db.session.execute(select(ConflictDeclaration.supplier_id).where(
        ConflictDeclaration.procurement_id == procurement.id, ConflictDeclaration.evaluator_id == user.id,
        ConflictDeclaration.has_conflict)).scalars())
