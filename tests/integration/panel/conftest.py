"""A small procurement for the panel's tests: three suppliers, two scored criteria and a pass/fail one, two
evaluators (e1, e2) who can sign in, an officer, and scoring open."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import PASSWORD, make_user

PLAN = """\
title: Panel test procurement
reference: PANEL-1
scale: {min: 0, max: 5}
quality_weight: 70
price_weight: 30
price_method: lowest
sections:
  - name: Quality
    weight: 100
    criteria:
      - code: Q1
        title: Recording burden
        question: How does the system avoid entering the same data twice?
        guidance:
          poor: GUIDE-POOR nothing shown
          satisfactory: GUIDE-SATISFACTORY a working example
          excellent: GUIDE-EXCELLENT shown end to end
        weight: 60
      - {code: Q2, title: Reports, weight: 40}
  - name: Compliance
    weight: 0
    criteria:
      - {code: PF1, title: Cyber Essentials Plus, kind: pass_fail}
suppliers:
  - {name: Alpha Ltd, price: 100}
  - {name: Beta Ltd, price: 120}
  - {name: Gamma Ltd, price: 90}
evaluators:
  - {email: e1@council.example, name: Evaluator One}
  - {email: e2@council.example, name: Evaluator Two}
"""

OFFICER = "officer@council.example"


@pytest.fixture
def panel(app_context):
    from workbench.auth.services import hash_password
    from workbench.extensions import db
    from workbench.library.loader import load_library
    from workbench.library.plans import load_plan
    from workbench.models import MemberRole, Role
    from workbench.procurements.scoring_state import open_scoring
    from workbench.procurements.services import create_procurement_from_plan, members

    officer = make_user(OFFICER, Role.OFFICER, "Olive Officer")
    plan = load_plan(Path("panel.yaml"), load_library(), text=PLAN)
    procurement = create_procurement_from_plan(plan, actor=officer, source="panel.yaml", officer=officer)
    for evaluator in members(procurement, MemberRole.EVALUATOR):
        evaluator.password_hash = hash_password(PASSWORD)
    db.session.flush()
    db.session.refresh(procurement)
    open_scoring(procurement, actor=officer)
    db.session.commit()
    people = {u.email.split("@")[0]: u for u in members(procurement, MemberRole.EVALUATOR)}
    return {"procurement": procurement, "officer": officer, **people,
            "suppliers": {s.name.split()[0]: s for s in procurement.suppliers},
            "criteria": {c.code: c for c in procurement.criteria}}


@pytest.fixture
def login(client):
    def _login(email: str):
        client.post("/sign-out")
        response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, f"could not sign in as {email}"
        return client

    return _login


def declare(client, supplier, *, conflict: bool = False, details: str = ""):
    return client.post(f"/procurements/PANEL-1/scoring/conflicts/{supplier.id}",
                       data={"has_conflict": "yes" if conflict else "no", "details": details})


def score_form(criteria, values: dict[str, tuple[str, str]], action: str = "save") -> dict[str, str]:
    """Form data for the supplier page: {code: (score, justification)}."""
    data = {action: action}
    for code, (score, justification) in values.items():
        key = f"c{criteria[code].id}"
        if score:
            data[f"score-{key}"] = score
        data[f"justification-{key}"] = justification
    return data
