"""Small builders for test data, used through fixtures."""

from __future__ import annotations

from workbench.auth.services import create_user
from workbench.extensions import db
from workbench.models import Role, User

PASSWORD = "correct-horse-battery"


def make_user(email: str, role: Role, name: str | None = None) -> User:
    user = create_user(email=email, name=name or email.split("@")[0].title(), role=role, password=PASSWORD,
                       actor="test")
    db.session.commit()
    return user


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/sign-in", data={"email": email, "password": password})


def count(model) -> int:
    from sqlalchemy import func, select

    return db.session.execute(select(func.count()).select_from(model)).scalar_one()
