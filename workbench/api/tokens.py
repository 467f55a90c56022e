"""Creating, revoking and checking personal API tokens. Only a SHA-256 hash of a token is ever stored.

A token is 32 random bytes (256 bits) from ``secrets``: a fast hash is right for such a secret (no dictionary to
guess from), and it lets the API find the token by an indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from workbench.audit import record_event
from workbench.extensions import db
from workbench.models import ApiToken, User
from workbench.models.base import utcnow

TOKEN_PREFIX = "wbk_"
LAST_USED_GRANULARITY = timedelta(minutes=1)  # do not write on every request of a busy client


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(user: User, name: str) -> IssuedToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:10])
    db.session.add(token)
    db.session.flush()
    record_event(db.session, scope="system", actor=user, action="api_token.created", entity=f"api_token:{token.id}",
                 after={"name": name, "prefix": token.prefix, "user": user.email})
    return IssuedToken(token, secret)


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.execute(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).scalars())


def own_token(user: User, token_id: int) -> ApiToken | None:
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def revoke_token(token: ApiToken, actor: User) -> bool:
    """Revoke a token; False when it was already revoked (nothing changes then)."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    record_event(db.session, scope="system", actor=actor, action="api_token.revoked", entity=f"api_token:{token.id}",
                 before={"name": token.name, "prefix": token.prefix, "user": token.user.email})
    return True


def authenticate(secret: str) -> User | None:
    """The active person a live token belongs to, recording when it was last used; None otherwise."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.execute(
        select(ApiToken).where(ApiToken.token_hash == hash_token(secret))).scalar_one_or_none()
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        token.last_used_at = now
        db.session.commit()
    return token.user
