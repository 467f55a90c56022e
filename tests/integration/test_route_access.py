"""Every route, every role: who gets 200, who is redirected to sign in, who gets 403 or 404.

The expected statuses live in ``tests/integration/route_access/`` (one module per feature), written by hand.
"""

from __future__ import annotations

import pytest

from tests.integration.route_access import ROLES, access_table, url_value_providers


def test_every_route_is_in_the_access_table(app):
    routed = {(method, rule.endpoint) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    listed = {(method, endpoint) for method, endpoint, _ in access_table()}
    assert routed - listed == set(), "routes missing from the access table: add them with their expected statuses"
    assert listed - routed == set(), "the access table lists routes that no longer exist"


def test_every_view_declares_its_access_rule(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        assert hasattr(view, "_access"), f"{rule.endpoint} has no access decorator"


@pytest.mark.parametrize("role", ROLES)
def test_route_access_by_role(role, sign_in_as, demo):
    values: dict[str, object] = {}
    for provider in url_value_providers():
        values.update(provider(demo))
    client = sign_in_as(role)
    failures = []
    for (method, endpoint, template), expected in access_table().items():
        if endpoint == "auth.sign_out":
            continue  # signing out would end this client's session; covered in test_auth
        response = client.open(template.format(**values), method=method)
        if response.status_code != expected[role]:
            failures.append(f"{method} {endpoint}: expected {expected[role]}, got {response.status_code}")
    assert failures == []
