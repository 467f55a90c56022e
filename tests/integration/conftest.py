from __future__ import annotations

import pytest

from tests.helpers import PASSWORD, make_user
from workbench.models import Role


@pytest.fixture
def demo(app_context):
    """The shipped demo, loaded through the same code as `workbench demo`."""
    from workbench.demo import DEMO_PASSWORD, load_demo
    from workbench.extensions import db
    from workbench.models import Procurement

    load_demo()
    db.session.commit()
    procurement = db.session.query(Procurement).one()
    return {"password": DEMO_PASSWORD, "reference": procurement.reference, "procurement": procurement}


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
