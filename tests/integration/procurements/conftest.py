"""An empty procurement being set up, its officer signed in on the test client."""

from __future__ import annotations

import pytest

from tests.helpers import make_user, sign_in

OFFICER = "builder.officer@council.example"


@pytest.fixture
def draft(app_context):
    from workbench.extensions import db
    from workbench.models import MemberRole, Membership, Procurement, Role, ScaleLevel, Status

    officer = make_user(OFFICER, Role.OFFICER, "Bea Builder")
    procurement = Procurement(reference="BUILD-1", title="Builder test", status=Status.DRAFT, scale_id="default-0-5",
                              scale_min=0, scale_max=5, created_by_id=officer.id)
    procurement.scale_levels.extend(ScaleLevel(value=v, label=f"Level {v}") for v in range(6))
    db.session.add(procurement)
    db.session.flush()
    db.session.add(Membership(procurement_id=procurement.id, user_id=officer.id, role=MemberRole.OFFICER))
    db.session.commit()
    return {"procurement": procurement, "officer": officer}


@pytest.fixture
def officer_client(client, draft):
    assert sign_in(client, OFFICER).status_code == 302
    return client


def events(action: str) -> list:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import AuditEvent

    return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)).scalars())


def refresh(procurement):
    from workbench.extensions import db

    db.session.expire_all()
    return db.session.get(type(procurement), procurement.id)
