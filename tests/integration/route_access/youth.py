"""Young people's panel: the facilitator's pages (procurement rights) and the young person's pages (public, but
guarded by an access code: without one, every page after code entry sends you back to enter it)."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, Table, everyone

READERS = everyone(200, anonymous=302, evaluator=403, outsider=404, contract_manager=404)
NEEDS_CODE = everyone(302)
P = "/procurements/{reference}/young-people"

ACCESS: Table = {
    ("GET", "youth.index", P): READERS,
    ("GET", "youth.new_session", P + "/sessions/new"): MANAGERS,
    ("POST", "youth.new_session", P + "/sessions/new"): MANAGERS,  # an empty form comes back with its errors
    ("GET", "youth.session_detail", P + "/sessions/{youth_session_id}"): READERS,
    ("POST", "youth.revoke", P + "/sessions/{youth_session_id}/codes/{respondent_id}/revoke"):
        everyone(403, anonymous=302, officer=302, outsider=404, contract_manager=404),
    ("GET", "youth.upload", P + "/import"): MANAGERS,
    ("POST", "youth.upload", P + "/import"): MANAGERS,
    ("GET", "youth.paper_form", P + "/paper-form"): READERS,
    ("GET", "youth.statements", P + "/statements"): READERS,
    ("POST", "youth.add", P + "/statements"): MANAGERS,
    ("POST", "youth.adopt", P + "/statements/{statement_id}/adopt"): MANAGERS,
    ("GET", "youth.results", P + "/results"): READERS,
    ("GET", "young_people.enter", "/young-people"): everyone(200),
    ("POST", "young_people.enter", "/young-people"): everyone(200),  # an empty code comes back with its error
    ("GET", "young_people.start", "/young-people/start"): NEEDS_CODE,
    ("GET", "young_people.question", "/young-people/question/1"): NEEDS_CODE,
    ("POST", "young_people.question", "/young-people/question/1"): NEEDS_CODE,
    ("GET", "young_people.check", "/young-people/check"): NEEDS_CODE,
    ("POST", "young_people.send", "/young-people/submit"): NEEDS_CODE,
    ("GET", "young_people.thank_you", "/young-people/thank-you"): NEEDS_CODE,
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Respondent, YouthSession, YouthStatement

    session = db.session.execute(select(YouthSession).where(~YouthSession.on_paper).order_by(YouthSession.id)
                                 ).scalars().first()
    respondent = db.session.execute(select(Respondent.id).where(Respondent.session_id == session.id)
                                    .order_by(Respondent.id.desc())).scalars().first()
    statement = db.session.execute(select(YouthStatement.id).order_by(YouthStatement.id)).scalars().first()
    return {"youth_session_id": session.id, "respondent_id": respondent, "statement_id": statement}
