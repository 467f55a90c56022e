"""Moderation through the Flask test client on the demo: stage controls, who sees what, consensus and changes."""

from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select

from workbench.audit import procurement_scope
from workbench.extensions import db
from workbench.models import AuditEvent, Consensus, MemberRole, Procurement, Score, ScoreStatus, Status, Supplier
from workbench.moderation import queries
from workbench.moderation.services import (
    ModerationError,
    change_submitted_score,
    record_consensus,
    withdraw_consensus,
)
from workbench.procurements.scoring_state import open_moderation
from workbench.procurements.services import members
from workbench.results.inputs import results_for

BASE = "/procurements/{}/moderation"


def _procurement(demo) -> Procurement:
    return db.session.execute(select(Procurement).where(Procurement.reference == demo["reference"])).scalar_one()


def _open(demo) -> Procurement:
    found = _procurement(demo)
    officer = members(found, MemberRole.OFFICER)[0]
    open_moderation(found, actor=officer)
    db.session.commit()
    return found


def _flagged(found: Procurement, viewer) -> queries.Item:
    return next(i for i in queries.items(found, viewer) if i.spread_flag and not i.criterion.is_pass_fail)


def _events(demo, action: str) -> list[AuditEvent]:
    return list(db.session.execute(select(AuditEvent).where(
        AuditEvent.scope == procurement_scope(demo["reference"]), AuditEvent.action == action)
        .order_by(AuditEvent.sequence)).scalars())


def _item_url(demo, item: queries.Item) -> str:
    return f"{BASE.format(demo['reference'])}/{item.supplier.id}/{item.criterion.id}"


def _officer(found):
    return members(found, MemberRole.OFFICER)[0]


# --- stage controls ---------------------------------------------------------------------------------------

def test_officer_opens_moderation_only_with_the_confirmation_ticked(sign_in_as, demo):
    client = sign_in_as("officer")
    url = BASE.format(demo["reference"]) + "/open"
    page = client.get(url)
    assert page.status_code == 200 and "Scores submitted so far" in page.text
    refused = client.post(url, data={})
    assert refused.status_code == 200 and "Confirm that scoring closes" in refused.text
    assert _procurement(demo).status is Status.SCORING
    opened = client.post(url, data={"confirm": "y"})
    assert opened.status_code == 302
    db.session.expire_all()
    assert _procurement(demo).status is Status.MODERATION
    event = _events(demo, "stage.changed")[-1]
    assert (event.before, event.after) == ({"status": "scoring"}, {"status": "moderation"})
    assert event.actor_label == "olivia.officer@council.example"


def test_finalise_needs_moderation_and_a_confirmation_and_freezes_consensus(sign_in_as, demo):
    client = sign_in_as("officer")
    url = BASE.format(demo["reference"]) + "/finalise"
    assert client.post(url, data={"confirm": "y"}).status_code == 302   # still scoring: refused
    assert _procurement(demo).status is Status.SCORING
    found = _open(demo)
    assert "Confirm that nothing can change" in client.post(url, data={}).text
    assert client.post(url, data={"confirm": "y", "reason": "Moderation meeting 20 November"}).status_code == 302
    db.session.expire_all()
    assert found.status is Status.FINALISED
    assert _events(demo, "stage.changed")[-1].reason == "Moderation meeting 20 November"
    item = _flagged(found, _officer(found))
    with pytest.raises(ModerationError, match="not open"):
        record_consensus(found, item.supplier, item.criterion, value=3, rationale="Too late", actor=_officer(found))


# --- who sees what ----------------------------------------------------------------------------------------

def test_evaluator_cannot_see_the_panel_scores_before_moderation_opens(sign_in_as, demo):
    found = _procurement(demo)
    item = _flagged(found, _officer(found))
    client = sign_in_as("evaluator")
    assert client.get(BASE.format(demo["reference"])).status_code == 403
    assert client.get(_item_url(demo, item)).status_code == 403
    _open(demo)
    page = client.get(_item_url(demo, item))
    assert page.status_code == 200
    other_scores = db.session.execute(select(Score).where(
        Score.supplier_id == item.supplier.id, Score.criterion_id == item.criterion.id,
        Score.status == ScoreStatus.SUBMITTED)).scalars().all()
    assert len(other_scores) >= 2
    for score in other_scores:
        assert score.evaluator.name in page.text and str(escape(score.justification)) in page.text
    assert "Record the consensus score" not in page.text   # evaluators read; they do not record
    assert client.post(_item_url(demo, item), data={"score": "3", "rationale": "x"}).status_code == 403


def test_evaluator_does_not_see_the_supplier_they_declared_a_conflict_with(sign_in_as, demo):
    found = _open(demo)
    conflicted = members(found, MemberRole.EVALUATOR)[2]   # the demo's third evaluator declared one
    supplier = db.session.get(Supplier, next(d for d in queries.hidden_suppliers(found, conflicted)))
    visible = {i.supplier.id for i in queries.items(found, conflicted)}
    assert supplier.id not in visible and len(visible) == len(found.suppliers) - 1
    client = sign_in_as("officer")
    client.post("/sign-out")
    client.post("/sign-in", data={"email": conflicted.email, "password": demo["password"]})
    criterion = found.criteria[0]
    assert client.get(f"{BASE.format(demo['reference'])}/{supplier.id}/{criterion.id}").status_code == 404
    assert supplier.name not in client.get(BASE.format(demo["reference"])).text


def test_spread_flagged_items_are_listed_first(sign_in_as, demo):
    found = _open(demo)
    listed = queries.items(found, _officer(found))
    flags = [i.spread_flag for i in listed]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)
    page = sign_in_as("auditor").get(BASE.format(demo["reference"])).text
    assert page.index("Flagged for moderation") < page.index("Other scores")
    first = listed[0]
    assert page.index(f"{first.criterion.code} {first.criterion.title}") < page.index("Other scores")


# --- consensus --------------------------------------------------------------------------------------------

def test_consensus_needs_a_rationale_and_overrides_the_mean(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    client = sign_in_as("officer")
    refused = client.post(_item_url(demo, item), data={"score": "1", "rationale": "  "})
    assert refused.status_code == 200 and "Explain how the panel reached this consensus score" in refused.text
    assert db.session.execute(select(Consensus)).first() is None
    saved = client.post(_item_url(demo, item), data={"score": "1", "rationale": "Panel agreed the demo failed."})
    assert saved.status_code == 302
    consensus = db.session.execute(select(Consensus)).scalar_one()
    assert (consensus.points, consensus.rationale) == (1, "Panel agreed the demo failed.")
    assert results_for(found).supplier(item.supplier.name).criteria[item.criterion.code].professional == 1.0
    assert item.mean != 1.0
    event = _events(demo, "consensus.recorded")[-1]
    assert event.entity == f"{item.supplier.name} / {item.criterion.code}"
    assert event.before is None and event.after == {"score": 1, "rationale": "Panel agreed the demo failed."}


def test_changing_a_consensus_needs_a_reason_and_is_audited(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    record_consensus(found, item.supplier, item.criterion, value=2, rationale="First view", actor=_officer(found))
    db.session.commit()
    client = sign_in_as("officer")
    assert "Reason for the change" in client.get(_item_url(demo, item)).text
    refused = client.post(_item_url(demo, item), data={"score": "3", "rationale": "Second view"})
    assert "Give a reason for changing the consensus score" in refused.text
    db.session.expire_all()
    assert db.session.execute(select(Consensus.points)).scalar_one() == 2
    client.post(_item_url(demo, item), data={"score": "3", "rationale": "Second view", "reason": "New evidence"})
    db.session.expire_all()
    assert db.session.execute(select(Consensus.points)).scalar_one() == 3
    event = _events(demo, "consensus.changed")[-1]
    assert event.before == {"score": 2, "rationale": "First view"}
    assert event.after == {"score": 3, "rationale": "Second view"} and event.reason == "New evidence"


def test_withdrawing_a_consensus_needs_a_reason_returns_to_the_mean_and_is_audited(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    before = results_for(found).supplier(item.supplier.name).criteria[item.criterion.code].professional
    record_consensus(found, item.supplier, item.criterion, value=found.scale_max, rationale="Recorded in error",
                     actor=_officer(found))
    db.session.commit()
    assert results_for(found).supplier(item.supplier.name).criteria[item.criterion.code].professional == \
        found.scale_max
    client = sign_in_as("officer")
    url = _item_url(demo, item) + "/withdraw"
    assert url in client.get(_item_url(demo, item)).text
    page = client.get(url)
    assert page.status_code == 200 and "Recorded in error" in page.text
    refused = client.post(url, data={"reason": "   "})
    assert refused.status_code == 200 and "Give a reason for withdrawing the consensus score" in refused.text
    assert db.session.execute(select(Consensus)).first() is not None
    done = client.post(url, data={"reason": "Recorded against the wrong supplier"})
    assert done.status_code == 302 and done.location.endswith(_item_url(demo, item))
    db.session.expire_all()
    assert db.session.execute(select(Consensus)).first() is None
    after = results_for(found).supplier(item.supplier.name).criteria[item.criterion.code]
    assert after.professional == before == item.mean and not after.moderated
    event = _events(demo, "consensus.withdrawn")[-1]
    assert event.entity == f"{item.supplier.name} / {item.criterion.code}"
    assert event.before == {"score": found.scale_max, "rationale": "Recorded in error"} and event.after is None
    assert event.reason == "Recorded against the wrong supplier"
    gone = client.post(url, data={"reason": "Again"})  # nothing left to withdraw: back to the item, no event
    assert gone.status_code == 302 and len(_events(demo, "consensus.withdrawn")) == 1
    assert sign_in_as("auditor").post(url, data={"reason": "x"}).status_code == 403


def test_a_consensus_is_withdrawn_only_in_moderation(demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    with pytest.raises(ModerationError, match="no consensus score to withdraw"):
        withdraw_consensus(found, item.supplier, item.criterion, reason="r", actor=_officer(found))
    record_consensus(found, item.supplier, item.criterion, value=1, rationale="r", actor=_officer(found))
    found.status = Status.FINALISED
    with pytest.raises(ModerationError, match="Moderation is not open"):
        withdraw_consensus(found, item.supplier, item.criterion, reason="r", actor=_officer(found))


def test_consensus_values_are_checked_against_the_scale_and_pass_fail(demo):
    found = _open(demo)
    officer = _officer(found)
    scored = next(c for c in found.criteria if not c.is_pass_fail)
    pass_fail = next(c for c in found.criteria if c.is_pass_fail)
    supplier = found.suppliers[0]
    for value in (found.scale_max + 1, found.scale_min - 1, "pass", None):
        with pytest.raises(ModerationError, match="Choose a score"):
            record_consensus(found, supplier, scored, value=value, rationale="r", actor=officer)
    with pytest.raises(ModerationError, match="pass or fail"):
        record_consensus(found, supplier, pass_fail, value=3, rationale="r", actor=officer)
    agreed = record_consensus(found, supplier, pass_fail, value="fail", rationale="No certificate", actor=officer)
    db.session.commit()
    assert agreed.value == "fail"
    result = results_for(found).supplier(supplier.name)
    assert result.excluded and any(pass_fail.code in reason for reason in result.exclusion_reasons)


def test_auditor_reads_but_cannot_record(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    client = sign_in_as("auditor")
    page = client.get(_item_url(demo, item))
    assert page.status_code == 200 and "Record the consensus score" not in page.text
    assert client.post(_item_url(demo, item), data={"score": "3", "rationale": "x"}).status_code == 403
    assert db.session.execute(select(Consensus)).first() is None


# --- changing a submitted score ---------------------------------------------------------------------------

def test_changing_a_submitted_score_needs_a_reason_and_is_audited(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    score = db.session.execute(select(Score).where(
        Score.supplier_id == item.supplier.id, Score.criterion_id == item.criterion.id,
        Score.status == ScoreStatus.SUBMITTED).order_by(Score.id)).scalars().first()
    old, new = score.points, (score.points + 1) % (found.scale_max + 1)
    url = f"{BASE.format(demo['reference'])}/scores/{score.id}/change"
    client = sign_in_as("officer")
    assert client.get(url).status_code == 200
    refused = client.post(url, data={"score": str(new)})
    assert "Give a reason for changing this score" in refused.text
    db.session.expire_all()
    assert db.session.get(Score, score.id).points == old
    assert client.post(url, data={"score": str(new), "reason": "Misread the scale"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Score, score.id).points == new
    event = _events(demo, "score.changed_in_moderation")[-1]
    assert event.before == {"evaluator": score.evaluator.email, "score": old}
    assert event.after == {"evaluator": score.evaluator.email, "score": new}
    assert event.reason == "Misread the scale"
    assert sign_in_as("auditor").post(url, data={"score": str(old), "reason": "x"}).status_code == 403


def test_submitted_scores_change_only_in_moderation_and_only_with_a_reason(demo):
    found = _procurement(demo)
    officer = _officer(found)
    score = db.session.execute(select(Score).where(Score.status == ScoreStatus.SUBMITTED)).scalars().first()
    with pytest.raises(ModerationError, match="Moderation is not open"):
        change_submitted_score(found, score, value=1, reason="r", actor=officer)
    _open(demo)
    with pytest.raises(ModerationError, match="reason"):
        change_submitted_score(found, score, value=(score.points + 1) % 6, reason="  ", actor=officer)
    with pytest.raises(ModerationError, match="already recorded"):
        change_submitted_score(found, score, value=score.points, reason="r", actor=officer)
    draft = db.session.execute(select(Score).where(Score.status == ScoreStatus.DRAFT)).scalars().first()
    with pytest.raises(ModerationError, match="Only a submitted score"):
        change_submitted_score(found, draft, value=1, reason="r", actor=officer)


def test_downloads_follow_who_may_see_what(sign_in_as, demo):
    """A conflicted evaluator's downloads leave out the other scores for that supplier, and the panel's workbook has
    no Audit sheet (the audit trail is for officers, auditors and admins)."""
    import io

    from openpyxl import load_workbook

    found = _open(demo)
    conflicted = members(found, MemberRole.EVALUATOR)[2]   # the demo's third evaluator declared one
    supplier = db.session.get(Supplier, next(iter(queries.hidden_suppliers(found, conflicted))))
    results = f"/procurements/{demo['reference']}/results"
    officer = sign_in_as("officer")
    assert f",{supplier.name}," in officer.get(f"{results}/scores.csv").text
    assert "Audit" in load_workbook(io.BytesIO(officer.get(f"{results}/workbook.xlsx").data)).sheetnames
    client = sign_in_as("officer")
    client.post("/sign-out")
    client.post("/sign-in", data={"email": conflicted.email, "password": demo["password"]})
    scores = client.get(f"{results}/scores.csv").text
    assert f",{supplier.name}," not in scores and scores.count("\n") > 1
    workbook = load_workbook(io.BytesIO(client.get(f"{results}/workbook.xlsx").data))
    assert "Audit" not in workbook.sheetnames
    for sheet in ("Scores", "Moderation"):
        assert supplier.name not in {row[0] for row in workbook[sheet].iter_rows(min_row=2, values_only=True)}
    assert client.get(f"{results}/audit.csv").status_code == 403


# --- errors name the form field they concern --------------------------------------------------------------

def test_moderation_errors_name_the_field_they_concern(demo):
    found = _procurement(demo)
    officer = _officer(found)
    score = db.session.execute(select(Score).where(Score.status == ScoreStatus.SUBMITTED)).scalars().first()
    with pytest.raises(ModerationError) as closed:
        change_submitted_score(found, score, value=1, reason="r", actor=officer)
    assert closed.value.field == ""
    _open(demo)
    item = _flagged(found, officer)
    cases = [
        (lambda: record_consensus(found, item.supplier, item.criterion, value=found.scale_max + 1, rationale="r",
                                  actor=officer), "score", "Choose a score"),
        (lambda: record_consensus(found, item.supplier, item.criterion, value=1, rationale="  ", actor=officer),
         "rationale", "Explain how the panel reached this consensus score"),
        (lambda: withdraw_consensus(found, item.supplier, item.criterion, reason="  ", actor=officer),
         "reason", "Give a reason for withdrawing the consensus score"),
        (lambda: withdraw_consensus(found, item.supplier, item.criterion, reason="r", actor=officer),
         "", "There is no consensus score to withdraw"),
        (lambda: change_submitted_score(found, score, value=score.points, reason="r", actor=officer),
         "score", "That is the score already recorded: choose a different one"),
        (lambda: change_submitted_score(found, score, value=(score.points + 1) % 6, reason=" ", actor=officer),
         "reason", "Give a reason for changing this score"),
    ]
    for action, field, message in cases:
        with pytest.raises(ModerationError) as raised:
            action()
        assert (raised.value.field, raised.value.message.startswith(message)) == (field, True), message
    record_consensus(found, item.supplier, item.criterion, value=1, rationale="First", actor=officer)
    with pytest.raises(ModerationError) as change:
        record_consensus(found, item.supplier, item.criterion, value=2, rationale="Second", actor=officer)
    assert (change.value.field, change.value.message) == ("reason", "Give a reason for changing the consensus score")


def test_a_service_error_is_shown_on_the_field_it_names(sign_in_as, demo):
    found = _open(demo)
    item = _flagged(found, _officer(found))
    record_consensus(found, item.supplier, item.criterion, value=2, rationale="First view", actor=_officer(found))
    db.session.commit()
    refused = sign_in_as("officer").post(_item_url(demo, item), data={"score": "3", "rationale": "Second view"})
    assert refused.status_code == 200
    error = refused.text.split('id="reason-error"', 1)[1].split("</p>", 1)[0]
    assert "Give a reason for changing the consensus score" in error
    assert 'id="score-error"' not in refused.text and 'id="rationale-error"' not in refused.text
