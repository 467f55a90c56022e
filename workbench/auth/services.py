"""Accounts: hashing, checking and creating. Passwords are only ever stored hashed."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from workbench.audit import record_event
from workbench.extensions import db
from workbench.models import Role, User
from workbench.models.base import utcnow

MIN_PASSWORD_LENGTH = 12
# Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="pbkdf2:sha256:1000")


class AccountError(ValueError):
    """A request to create or change an account that cannot be carried out, with a message for the person."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))).scalar_one_or_none()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None or not user.password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Password must be {MIN_PASSWORD_LENGTH} characters or more", "password")


def create_user(*, email: str, name: str, role: Role, password: str | None, actor: User | str | None) -> User:
    """Create an account (and its audit event). ``password`` None leaves it unable to sign in until one is set."""
    email = normalise_email(email)
    if find_user(email) is not None:
        raise AccountError(f"An account with the email address {email} already exists", "email")
    if password is not None:
        check_password_rules(password)
    user = User(email=email, name=name.strip(), role=role,
                password_hash=hash_password(password) if password else None)
    db.session.add(user)
    db.session.flush()
    record_event(db.session, scope="system", actor=actor, action="user.created", entity=f"user:{email}",
                 after={"email": email, "name": user.name, "role": role.value})
    return user


def update_user(user: User, *, name: str, role: Role, active: bool, password: str | None,
                actor: User | str | None) -> User:
    before = {"name": user.name, "role": user.role.value, "active": user.active}
    if isinstance(actor, User) and actor.id == user.id and (role is not Role.ADMIN or not active):
        raise AccountError("You cannot remove your own admin role or deactivate yourself", "role")
    user.name, user.role, user.active = name.strip(), role, active
    after = {"name": user.name, "role": role.value, "active": active}
    if password:
        check_password_rules(password)
        user.password_hash = hash_password(password)
        after["password"] = "changed"
    db.session.flush()
    record_event(db.session, scope="system", actor=actor, action="user.updated", entity=f"user:{user.email}",
                 before=before, after=after)
    return user
