from __future__ import annotations

import pytest

from tests.helpers import make_user
from workbench.models import Role


def _demo_contract_manager():
    """The manager of the demo's first contract: they see it, and no procurement."""
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Contract

    contract = db.session.execute(select(Contract).order_by(Contract.id)).scalars().first()
    return contract.manager if contract is not None else None


@pytest.fixture
def person(demo):
    """The demo person playing a role (the outsider and the other contract manager are made for the test).

    ``contract_manager`` is the demo contract's manager (as in the route access table); ``other_contract_manager``
    manages no contract.
    """
    from workbench.auth.services import find_user
    from workbench.demo import STAFF
    from workbench.models import MemberRole
    from workbench.procurements.services import members

    def _person(role: str):
        if role == "outsider":
            return find_user("outsider@council.example") or make_user("outsider@council.example", Role.OFFICER)
        if role == "other_contract_manager":
            return find_user("cm@council.example") or make_user("cm@council.example", Role.CONTRACT_MANAGER)
        if role == "contract_manager":
            manager = _demo_contract_manager()
            assert manager is not None, "the demo's contract has a manager"
            return manager
        if role == "evaluator":
            return members(demo["procurement"], MemberRole.EVALUATOR)[0]
        return find_user({"admin": STAFF[0][0], "officer": STAFF[1][0], "auditor": STAFF[2][0]}[role])

    return _person


@pytest.fixture
def token_headers(person):
    """``Authorization`` headers carrying a fresh API token of the person playing ``role``."""
    from workbench.api.tokens import create_token
    from workbench.extensions import db

    def _headers(role: str) -> dict[str, str]:
        issued = create_token(person(role), f"{role} test token")
        db.session.commit()
        return {"Authorization": f"Bearer {issued.secret}"}

    return _headers
