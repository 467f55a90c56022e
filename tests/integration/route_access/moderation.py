"""Moderation and the audit trail. The demo procurement is in scoring, so officers' moderation actions are
redirected with a message (nothing changes), evaluators cannot see the moderation pages yet, and the stage changes
need a ticked confirmation (an empty POST changes nothing)."""

from __future__ import annotations

from typing import Any

from tests.integration.route_access import MANAGERS, MEMBERS, Table, everyone

# Officers, auditors and admins read; evaluators only once moderation opens (the demo is still in scoring).
PANEL_IN_SCORING = everyone(200, anonymous=302, evaluator=403, outsider=404, contract_manager=404)
MANAGERS_REDIRECTED = {**MANAGERS, "officer": 302}
BASE = "/procurements/{reference}/moderation"

ACCESS: Table = {
    ("GET", "moderation.index", BASE): PANEL_IN_SCORING,
    ("GET", "moderation.item", BASE + "/{mod_supplier_id}/{mod_criterion_id}"): PANEL_IN_SCORING,
    ("POST", "moderation.record", BASE + "/{mod_supplier_id}/{mod_criterion_id}"): MANAGERS_REDIRECTED,
    ("GET", "moderation.withdraw", BASE + "/{mod_supplier_id}/{mod_criterion_id}/withdraw"): MANAGERS_REDIRECTED,
    ("POST", "moderation.withdraw", BASE + "/{mod_supplier_id}/{mod_criterion_id}/withdraw"): MANAGERS_REDIRECTED,
    ("GET", "moderation.change_score", BASE + "/scores/{mod_score_id}/change"): MANAGERS_REDIRECTED,
    ("POST", "moderation.change_score", BASE + "/scores/{mod_score_id}/change"): MANAGERS_REDIRECTED,
    ("GET", "moderation.finalise_", BASE + "/finalise"): MANAGERS_REDIRECTED,
    ("POST", "moderation.finalise_", BASE + "/finalise"): MANAGERS_REDIRECTED,
    ("GET", "moderation.open_", BASE + "/open"): MANAGERS,
    ("POST", "moderation.open_", BASE + "/open"): MANAGERS,  # unticked confirmation: the form again, 200
    ("GET", "audit.trail", "/procurements/{reference}/audit"): {**MEMBERS, "evaluator": 403},
}


def url_values(demo: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Score, ScoreStatus

    score = db.session.execute(select(Score).where(Score.status == ScoreStatus.SUBMITTED).order_by(Score.id)
                               ).scalars().first()
    return {"mod_supplier_id": score.supplier_id, "mod_criterion_id": score.criterion_id, "mod_score_id": score.id}
