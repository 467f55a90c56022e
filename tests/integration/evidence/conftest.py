from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def draft(demo):
    """A second procurement, still being set up (suppliers may answer), with the demo's officer and plan."""
    from workbench.demo import DEMO_PLAN
    from workbench.extensions import db
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.models import MemberRole
    from workbench.procurements.services import create_procurement_from_plan, members

    officer = members(demo["procurement"], MemberRole.OFFICER)[0]
    plan = dataclasses.replace(load_plan(DEMO_PLAN, load_library()), reference="EV-DRAFT", evaluators=())
    procurement = create_procurement_from_plan(plan, actor=officer, source="test", officer=officer)
    db.session.commit()
    db.session.refresh(procurement)
    return procurement


@pytest.fixture
def officer(demo):
    from workbench.models import MemberRole
    from workbench.procurements.services import members

    return members(demo["procurement"], MemberRole.OFFICER)[0]
