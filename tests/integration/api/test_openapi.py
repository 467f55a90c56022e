"""The OpenAPI description in openapi/openapi.yaml matches the API: every described operation answers with a
described status and a body valid against the described schema, for every kind of caller, and every /api/v1 route
is described."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

DESCRIPTION = Path(__file__).resolve().parents[3] / "openapi" / "openapi.yaml"
CATCH_ALL = "api.not_found"  # answers JSON 404/405 for anything undescribed; not an operation
CALLERS = ("none", "officer", "auditor", "admin", "evaluator", "outsider", "contract_manager")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(DESCRIPTION.read_text(encoding="utf-8"))


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _validate(spec: dict[str, Any], schema: dict[str, Any], body: Any) -> None:
    Draft202012Validator({**schema, "components": spec["components"]}).validate(body)


def _url(spec: dict[str, Any], path: str, values: dict[str, str]) -> str:
    """The operation's URL with each path parameter (``{reference}``, ``{contract_ref}``) filled in."""
    return spec["servers"][0]["url"] + re.sub(r"{([a-z_]+)}", lambda m: values[m.group(1)], path)


@pytest.fixture
def path_values(demo) -> dict[str, str]:
    """The demo's procurement and contract references, for the operations' path parameters."""
    from sqlalchemy import select

    from workbench.extensions import db
    from workbench.models import Contract

    contract = db.session.execute(select(Contract.reference).order_by(Contract.id)).scalars().first()
    assert contract is not None, "the demo has a contract"
    return {"reference": demo["reference"], "contract_ref": contract}


def _operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "put", "post", "patch", "delete"}:
                yield path, method, operation


def test_the_description_is_openapi_3_1_and_its_schemas_are_valid(spec):
    assert spec["openapi"].startswith("3.1")
    for schema in spec["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_api_route_is_described(app, spec):
    prefix = spec["servers"][0]["url"]
    described = {(method.upper(), prefix + path) for path, method, _ in _operations(spec)}
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(prefix + "/") and rule.endpoint != CATCH_ALL:
            path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
            routed |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == described


@pytest.mark.parametrize("caller", CALLERS)
def test_every_operation_answers_as_described(client, path_values, token_headers, spec, caller):
    headers = {} if caller == "none" else token_headers(caller)
    statuses = set()
    for path, method, operation in _operations(spec):
        url = _url(spec, path, path_values)
        response = client.open(url, method=method.upper(), headers=headers)
        status = str(response.status_code)
        statuses.add(response.status_code)
        assert status in operation["responses"], f"{method} {path} as {caller}: undocumented {status}"
        described = _resolve(spec, operation["responses"][status])
        [(media_type, content)] = described["content"].items()
        assert response.mimetype == media_type, f"{method} {path} as {caller}"
        if media_type == "application/json":
            _validate(spec, content["schema"], response.get_json())
    assert max(statuses) < 500


def test_a_missing_reference_answers_as_described(client, demo, token_headers, spec):
    headers = token_headers("officer")
    missing = {"reference": "NOPE", "contract_ref": "NOPE"}
    tried = 0
    for path, _, operation in _operations(spec):
        if "{" in path:
            response = client.get(_url(spec, path, missing), headers=headers)
            tried += 1
            assert response.status_code == 404, path
            _validate(spec, _resolve(spec, operation["responses"]["404"])["content"]["application/json"]["schema"],
                      response.get_json())
    assert tried == sum("{" in path for path, _, _ in _operations(spec))


def _query_parameters(spec: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in (_resolve(spec, p) for p in operation.get("parameters", [])) if p["in"] == "query"]


def test_query_parameters_answer_as_described(client, path_values, token_headers, spec):
    """Each described query parameter: its example answers 200; a value that is not a number, or below the
    described minimum, answers the described 400 (every operation taking a query parameter describes its 400)."""
    headers = token_headers("officer")
    checked = 0
    for path, method, operation in _operations(spec):
        for parameter in _query_parameters(spec, operation):
            url = _url(spec, path, path_values)
            tries = [(parameter["example"], 200), ("not-a-number", 400)]
            if "minimum" in parameter["schema"]:
                tries.append((parameter["schema"]["minimum"] - 1, 400))
            for value, status in tries:
                response = client.open(url, method=method.upper(), headers=headers,
                                       query_string={parameter["name"]: value})
                assert response.status_code == status, f"{path}?{parameter['name']}={value}"
                content = _resolve(spec, operation["responses"][str(status)])["content"]["application/json"]
                _validate(spec, content["schema"], response.get_json())
            checked += 1
    assert checked >= 1
