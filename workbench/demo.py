"""The demo: a children's social care case-management procurement, partly scored, worth exploring.

Every demo account shares one password, printed by `make run`. Demo data only: never use it for a real council.
"""

from __future__ import annotations

import random

from sqlalchemy import func, select

from workbench.auth.services import create_user, find_user, hash_password
from workbench.config import REPO_ROOT
from workbench.contracts.demo import load_contracts_demo
from workbench.evidence.demo import load_evidence_demo
from workbench.extensions import db
from workbench.library.loader import load_library
from workbench.library.plans import load_plan
from workbench.models import Base, MemberRole, Membership, Procurement, Role, User
from workbench.panel.services import declare_conflict, save_score, submit_scores
from workbench.procurements.scoring_state import open_scoring
from workbench.procurements.services import create_procurement_from_plan, members
from workbench.youth.demo import load_youth_demo

DEMO_PASSWORD = "demo-workbench-2026"
DEMO_PLAN = REPO_ROOT / "examples" / "plans" / "childrens-case-management.yaml"
STAFF = (
    ("admin@council.example", "Alex Admin", Role.ADMIN),
    ("olivia.officer@council.example", "Olivia Okafor", Role.OFFICER),
    ("aisha.auditor@council.example", "Aisha Ahmed", Role.AUDITOR),
)
JUSTIFICATIONS = {
    0: "No relevant evidence was provided.",
    1: "The response restates the question without showing how it is done.",
    2: "Some relevant points, but the evidence is thin and the demonstration did not show it working.",
    3: "Meets the requirement: a clear description and a working demonstration.",
    4: "Strong: clear evidence from current council customers and a convincing demonstration.",
    5: "Excellent: detailed, evidenced and shown end to end, with social workers' involvement clear.",
}


def database_is_empty() -> bool:
    return db.session.execute(select(func.count()).select_from(User)).scalar_one() == 0


def reset_database() -> None:
    """Delete every row of every table (the schema stays, managed by the migrations)."""
    for table in reversed(Base.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.flush()


def _staff() -> dict[str, User]:
    people = {}
    for email, name, role in STAFF:
        people[email] = create_user(email=email, name=name, role=role, password=DEMO_PASSWORD, actor="demo")
    return people


def _score_value(rng: random.Random, supplier_index: int, criterion) -> int | str:
    if criterion.is_pass_fail:
        return "fail" if supplier_index == 3 and criterion.position % 2 == 0 else "pass"
    bias = (4, 3, 3, 2)[supplier_index % 4]
    return max(0, min(5, bias + rng.choice((-1, 0, 0, 1))))


def _justify(value: int | str, criterion) -> str:
    if isinstance(value, str):
        return f"Certificate and evidence checked for {criterion.title.lower()}: {value}."
    return JUSTIFICATIONS[value]


def _score_supplier(procurement: Procurement, evaluator: User, index: int, rng: random.Random, *,
                    submit: bool) -> None:
    supplier = procurement.suppliers[index]
    for criterion in procurement.criteria:
        value = _score_value(rng, index, criterion)
        save_score(procurement, evaluator, supplier, criterion, value=value, justification=_justify(value, criterion))
    if submit:
        submit_scores(procurement, evaluator, supplier)


def _partly_score(procurement: Procurement) -> None:
    """First evaluator has finished; the second is halfway; the third has declared a conflict and started."""
    rng = random.Random(2026)
    evaluators = members(procurement, MemberRole.EVALUATOR)
    for position, evaluator in enumerate(evaluators):
        for index, supplier in enumerate(procurement.suppliers):
            conflict = position == 2 and index == 1
            declare_conflict(procurement, evaluator, supplier, has_conflict=conflict,
                             details="I worked for this supplier until 2024." if conflict else "")
    plan = {0: [(i, True) for i in range(len(procurement.suppliers))], 1: [(0, True), (1, True), (2, False)],
            2: [(0, False)]}
    for position, evaluator in enumerate(evaluators):
        for index, submit in plan.get(position, []):
            _score_supplier(procurement, evaluator, index, rng, submit=submit)


def load_demo() -> list[tuple[str, str]]:
    """Load the demo; returns the demo accounts as (email, role)."""
    staff = _staff()
    officer = staff["olivia.officer@council.example"]
    plan = load_plan(DEMO_PLAN, load_library())
    procurement = create_procurement_from_plan(plan, actor=officer, source=DEMO_PLAN.name, officer=officer)
    db.session.add(Membership(procurement_id=procurement.id, user_id=staff["aisha.auditor@council.example"].id,
                              role=MemberRole.AUDITOR))
    for evaluator in members(procurement, MemberRole.EVALUATOR):
        evaluator.password_hash = hash_password(DEMO_PASSWORD)
    db.session.flush()
    db.session.refresh(procurement)
    load_evidence_demo(procurement, officer)
    open_scoring(procurement, actor=officer)
    _partly_score(procurement)
    load_youth_demo(procurement, officer)
    accounts = [(email, role.label) for email, _, role in STAFF]
    accounts += [(u.email, "Evaluator") for u in members(procurement, MemberRole.EVALUATOR)]
    accounts += load_contracts_demo(procurement, officer, DEMO_PASSWORD)
    return accounts


__all__ = ["DEMO_PASSWORD", "database_is_empty", "find_user", "load_demo", "reset_database"]
