"""Creating and revoking API tokens in the UI: shown once, stored hashed, audited."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from workbench.extensions import db
from workbench.models import ApiToken, AuditEvent


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_create_shows_the_token_once_and_stores_only_its_hash(sign_in_as, demo):
    client = sign_in_as("officer")
    page = client.post("/account/api-tokens", data={"name": "Power BI"})
    assert page.status_code == 200
    secret = re.search(r'id="new-token"[^>]*>([^<]+)<', page.get_data(as_text=True)).group(1)
    token = db.session.execute(select(ApiToken)).scalar_one()
    assert token.name == "Power BI" and token.revoked_at is None
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in token.token_hash
    assert client.get("/api/v1/procurements", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    listing = client.get("/account/api-tokens").get_data(as_text=True)
    assert "Power BI" in listing and secret not in listing and token.prefix in listing
    [event] = _events("api_token.created")
    assert event.actor_label == "olivia.officer@council.example"
    assert secret not in str(event.after)


def test_a_name_is_required(sign_in_as, demo):
    client = sign_in_as("officer")
    page = client.post("/account/api-tokens", data={"name": "  "})
    assert "Enter a name for the token" in page.get_data(as_text=True)
    assert db.session.execute(select(ApiToken)).first() is None


def test_revoke_in_the_ui_stops_the_token_and_is_audited(sign_in_as, demo):
    client = sign_in_as("auditor")
    page = client.post("/account/api-tokens", data={"name": "warehouse"}).get_data(as_text=True)
    secret = re.search(r'id="new-token"[^>]*>([^<]+)<', page).group(1)
    token = db.session.execute(select(ApiToken)).scalar_one()
    response = client.post(f"/account/api-tokens/{token.id}/revoke")
    assert response.status_code == 302
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert len(_events("api_token.revoked")) == 1
    assert client.get("/api/v1/procurements", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "Revoked" in client.get("/account/api-tokens").get_data(as_text=True)


def test_nobody_can_revoke_someone_elses_token(sign_in_as, demo):
    client = sign_in_as("officer")
    client.post("/account/api-tokens", data={"name": "mine"})
    token = db.session.execute(select(ApiToken)).scalar_one()
    other = sign_in_as("auditor")
    assert other.post(f"/account/api-tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None
    assert "mine" not in other.get("/account/api-tokens").get_data(as_text=True)
