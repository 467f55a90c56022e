"""The service navigation, decided in Python (not in templates) from who is signed in."""

from __future__ import annotations

from flask import request, url_for
from flask_login import current_user

from workbench.models import Role


def navigation_items() -> list[dict[str, object]]:
    if not current_user.is_authenticated:
        return []
    items = [("Procurements", "dashboard.index"), ("Criteria library", "library.index")]
    if current_user.role in (Role.ADMIN, Role.OFFICER, Role.AUDITOR, Role.CONTRACT_MANAGER):
        items.append(("Contracts", "contracts.index"))
    if current_user.role is Role.ADMIN:
        items.append(("Users", "users.index"))
    items.append(("API tokens", "api_tokens.index"))
    endpoint = request.endpoint or ""
    section = endpoint.split(".")[0]
    return [{"text": text, "href": url_for(target), "active": target.split(".")[0] == section}
            for text, target in items]
