from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import current_app

from tests.helpers import PASSWORD, make_user
from workbench.models import Role

_DEMO_ROWS: dict[str, dict[str, list[dict[str, object]]]] = {}


@pytest.fixture
def demo(app_context, database_url):
    """The shipped demo, loaded through the same code as `workbench demo`.

    The first test on each database loads it for real; later tests get the same rows copied back in, which is
    much faster than replaying every audited write (each test still starts from the demo exactly as loaded).
    """
    from workbench.demo import DEMO_PASSWORD, load_demo
    from workbench.extensions import db
    from workbench.models import Procurement

    if database_url in _DEMO_ROWS:
        _restore_rows(_DEMO_ROWS[database_url])
    else:
        load_demo()
        db.session.commit()
        _DEMO_ROWS[database_url] = _snapshot_rows()
    procurement = db.session.query(Procurement).one()
    return {"password": DEMO_PASSWORD, "reference": procurement.reference, "procurement": procurement}


def _snapshot_rows() -> dict[str, list[dict[str, object]]]:
    """Every row of the demo, and a copy of its uploaded files (a test may delete a demo document)."""
    from workbench.extensions import db
    from workbench.models import Base

    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    if uploads.exists():
        shutil.copytree(uploads, _uploads_copy(), dirs_exist_ok=True)
    return {table.name: [dict(row._mapping) for row in db.session.execute(table.select())]
            for table in Base.metadata.sorted_tables}


def _uploads_copy() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]).with_name("demo-uploads")


def _restore_rows(rows: dict[str, list[dict[str, object]]]) -> None:
    from sqlalchemy import text

    from workbench.extensions import db
    from workbench.models import Base

    if _uploads_copy().exists():
        shutil.copytree(_uploads_copy(), current_app.config["UPLOAD_FOLDER"], dirs_exist_ok=True)
    for table in Base.metadata.sorted_tables:
        if rows[table.name]:
            db.session.execute(table.insert(), rows[table.name])
    if db.engine.dialect.name == "postgresql":
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and rows[table.name]:
                db.session.execute(text(  # table names come from our own metadata
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), (SELECT MAX(id) FROM {table.name}))"  # noqa: S608
                ))
    db.session.commit()


@pytest.fixture
def outsider(app_context):
    """An officer who is on no procurement's panel."""
    return make_user("outsider@council.example", Role.OFFICER, "Owen Outsider")


DEFAULT_CONTRACT_MANAGER = "connor.manager@council.example"


def _contract_manager_email() -> str:
    """The demo's contract manager when the demo has one; otherwise a contract manager made for the test."""
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import User

    found = db.session.execute(select(User.email).where(User.role == Role.CONTRACT_MANAGER).order_by(User.id)
                               ).scalars().first()
    return found or DEFAULT_CONTRACT_MANAGER


@pytest.fixture
def sign_in_as(client, demo):
    """Sign the test client in as one of the demo people (or anonymous, or the outsider)."""
    from workbench.demo import STAFF
    from workbench.models import MemberRole
    from workbench.procurements.services import members

    emails = {"admin": STAFF[0][0], "officer": STAFF[1][0], "auditor": STAFF[2][0],
              "evaluator": members(demo["procurement"], MemberRole.EVALUATOR)[0].email,
              "outsider": "outsider@council.example", "contract_manager": _contract_manager_email()}

    def _sign_in(who: str):
        client.post("/sign-out")
        if who == "anonymous":
            return client
        if who == "outsider":
            make_user(emails["outsider"], Role.OFFICER)
            password = PASSWORD
        elif who == "contract_manager" and emails[who] == DEFAULT_CONTRACT_MANAGER:
            make_user(emails[who], Role.CONTRACT_MANAGER)
            password = PASSWORD
        else:
            password = demo["password"]
        response = client.post("/sign-in", data={"email": emails[who], "password": password})
        assert response.status_code == 302, f"could not sign in as {who}"
        return client

    return _sign_in
