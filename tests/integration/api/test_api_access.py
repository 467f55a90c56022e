"""The API answers what the token's owner may read, in JSON, and nothing else."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from workbench.extensions import db
from workbench.models import Score, ScoreStatus, Status

ENDPOINTS = ("", "/criteria", "/suppliers", "/scores", "/results")


def _url(demo, suffix: str = "") -> str:
    return f"/api/v1/procurements/{demo['reference']}{suffix}"


def test_no_token_is_401_json_even_for_a_signed_in_browser(client, sign_in_as, demo):
    for who in ("anonymous", "officer"):
        signed = sign_in_as(who)
        response = signed.get("/api/v1/procurements")
        assert response.status_code == 401
        assert response.is_json and response.get_json()["status"] == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer wbk_not-a-real-token", "Bearer ", "Basic b2ZmaWNlcjpwdw==", "wbk_x"])
def test_invalid_tokens_are_401(client, demo, header):
    response = client.get("/api/v1/procurements", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["title"] == "Unauthorised"


def test_revoked_token_is_401(client, demo, person):
    from workbench.api.tokens import create_token, revoke_token

    officer = person("officer")
    issued = create_token(officer, "warehouse")
    db.session.commit()
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert client.get(_url(demo, "/results"), headers=headers).status_code == 200
    assert revoke_token(issued.token, actor=officer)
    db.session.commit()
    for suffix in ENDPOINTS:
        response = client.get(_url(demo, suffix), headers=headers)
        assert response.status_code == 401, suffix
        assert response.is_json


def test_a_deactivated_persons_token_is_401(client, demo, person, token_headers):
    headers = token_headers("auditor")
    person("auditor").active = False
    db.session.commit()
    assert client.get("/api/v1/procurements", headers=headers).status_code == 401


@pytest.mark.parametrize("role", ["outsider", "contract_manager"])
def test_a_token_of_someone_without_access_gets_404(client, demo, token_headers, role):
    headers = token_headers(role)
    assert client.get("/api/v1/procurements", headers=headers).get_json() == {"procurements": []}
    for suffix in ENDPOINTS:
        response = client.get(_url(demo, suffix), headers=headers)
        assert response.status_code == 404, suffix
        assert response.get_json()["status"] == 404
    assert client.get("/api/v1/procurements/NO-SUCH-REF", headers=headers).status_code == 404


@pytest.mark.parametrize("role", ["admin", "officer", "auditor"])
def test_readers_get_everything(client, demo, token_headers, role):
    headers = token_headers(role)
    listed = client.get("/api/v1/procurements", headers=headers).get_json()["procurements"]
    assert [p["reference"] for p in listed] == [demo["reference"]]
    assert "read" in listed[0]["your_rights"]
    for suffix in ENDPOINTS:
        assert client.get(_url(demo, suffix), headers=headers).status_code == 200, suffix
    prices = [s["price"] for s in client.get(_url(demo, "/suppliers"), headers=headers).get_json()["suppliers"]]
    assert prices == [float(s.price) for s in demo["procurement"].suppliers]


def test_evaluators_see_the_plan_but_not_prices_scores_or_results_before_moderation(client, demo, token_headers):
    headers = token_headers("evaluator")
    assert client.get(_url(demo), headers=headers).status_code == 200
    criteria = client.get(_url(demo, "/criteria"), headers=headers).get_json()["criteria"]
    assert [c["code"] for c in criteria] == [c.code for c in demo["procurement"].criteria]
    suppliers = client.get(_url(demo, "/suppliers"), headers=headers).get_json()["suppliers"]
    assert [s["name"] for s in suppliers] == [s.name for s in demo["procurement"].suppliers]
    assert all(s["price"] is None for s in suppliers)
    for suffix in ("/scores", "/results"):
        response = client.get(_url(demo, suffix), headers=headers)
        assert response.status_code == 403, suffix
        assert response.get_json()["status"] == 403


def test_evaluators_see_scores_and_results_once_moderation_opens(client, demo, token_headers):
    headers = token_headers("evaluator")
    demo["procurement"].status = Status.MODERATION
    db.session.commit()
    assert client.get(_url(demo, "/scores"), headers=headers).status_code == 200
    assert client.get(_url(demo, "/results"), headers=headers).status_code == 200
    assert client.get(_url(demo, "/suppliers"), headers=headers).get_json()["suppliers"][0]["price"] is not None


def test_scores_are_the_submitted_ones_in_a_stable_order(client, demo, token_headers):
    headers = token_headers("officer")
    first = client.get(_url(demo, "/scores"), headers=headers).get_json()["scores"]
    submitted = db.session.execute(select(func.count()).select_from(Score).where(
        Score.status == ScoreStatus.SUBMITTED)).scalar_one()
    drafts = db.session.execute(select(func.count()).select_from(Score).where(
        Score.status == ScoreStatus.DRAFT)).scalar_one()
    assert drafts > 0 and len(first) == submitted > 0
    assert client.get(_url(demo, "/scores"), headers=headers).get_json()["scores"] == first
    assert all(s["justification"] for s in first)


def test_results_equal_the_cli_json(client, runner, demo, token_headers):
    cli = runner.invoke(args=["results", demo["reference"], "--json"])
    assert cli.exit_code == 0, cli.output
    response = client.get(_url(demo, "/results"), headers=token_headers("auditor"))
    assert response.status_code == 200
    assert json.loads(response.get_data(as_text=True)) == json.loads(cli.output)


def test_last_use_is_recorded(client, demo, person):
    from workbench.api.tokens import create_token

    issued = create_token(person("officer"), "bi")
    db.session.commit()
    assert issued.token.last_used_at is None
    client.get("/api/v1/procurements", headers={"Authorization": f"Bearer {issued.secret}"})
    db.session.refresh(issued.token)
    assert issued.token.last_used_at is not None


def test_unknown_paths_and_writes_answer_json(client, demo, token_headers):
    headers = token_headers("officer")
    for path in ("/api/v1/nothing", "/api/v1/", "/api/v1/procurements/x/y/z"):
        missing = client.get(path, headers=headers)
        assert missing.status_code == 404 and missing.is_json, path
    write = client.post("/api/v1/procurements", headers=headers, json={})
    assert write.status_code == 405 and write.is_json
    delete = client.delete(_url(demo), headers=headers)
    assert delete.status_code == 405 and delete.is_json


def test_the_procurement_list_reads_memberships_in_one_query(client, demo, token_headers):
    """The list's query count does not grow with the number of procurements (no query per procurement)."""
    from sqlalchemy import event

    from workbench.models import Procurement

    headers = token_headers("admin")

    def queries() -> tuple[int, int]:
        seen: list[str] = []
        listen = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            body = client.get("/api/v1/procurements", headers=headers).get_json()
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(seen), len(body["procurements"])

    queries()  # the token's first use is recorded once
    db.session.commit()  # both measurements start from a committed (expired) session
    before, listed = queries()
    for number in range(3):
        db.session.add(Procurement(reference=f"EXTRA-{number}", title=f"Extra {number}"))
    db.session.commit()
    after, listed_after = queries()
    assert listed_after == listed + 3 and after == before


def test_a_conflicted_evaluator_gets_no_scores_for_that_supplier(client, demo, token_headers, person):
    from workbench.access import hidden_suppliers
    from workbench.models import MemberRole, Supplier
    from workbench.procurements.services import members

    demo["procurement"].status = Status.MODERATION
    db.session.commit()
    conflicted = members(demo["procurement"], MemberRole.EVALUATOR)[2]   # the demo's third evaluator declared one
    supplier = db.session.get(Supplier, next(iter(hidden_suppliers(demo["procurement"], conflicted))))
    from workbench.api.tokens import create_token

    issued = create_token(conflicted, "conflicted test token")
    db.session.commit()
    theirs = client.get(_url(demo, "/scores"), headers={"Authorization": f"Bearer {issued.secret}"}).get_json()
    officers = client.get(_url(demo, "/scores"), headers=token_headers("officer")).get_json()
    assert supplier.name in {s["supplier"] for s in officers["scores"]}
    assert supplier.name not in {s["supplier"] for s in theirs["scores"]} and theirs["scores"]
