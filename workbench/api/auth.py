"""Bearer-token authentication for the API, and JSON errors (the API never answers with HTML).

The API reads only the ``Authorization: Bearer <token>`` header. A browser signed in with the session cookie but
sending no token gets 401 like anyone else: the API is for machines, holds no session, and so needs no CSRF defence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from workbench.access import AccessRule, _mark
from workbench.api.tokens import authenticate
from workbench.models import User

F = TypeVar("F", bound=Callable[..., Any])

TITLES = {400: "Bad request", 401: "Unauthorised", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          429: "Too many requests", 500: "Internal server error"}


def problem(status: int, detail: str) -> ResponseReturnValue:
    response = jsonify({"status": status, "title": TITLES.get(status, "Error"), "detail": detail})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="workbench-api"'
    return response


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def api_user() -> User:
    return g.api_user


def token_required(view: F) -> F:
    """The request must carry a live token of an active person; the view reads them with ``api_user()``."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        secret = bearer_secret()
        if secret is None:
            return problem(401, "Send an API token in the Authorization header: 'Bearer <token>'.")
        user = authenticate(secret)
        if user is None:
            return problem(401, "The API token is not valid, or has been revoked.")
        g.api_user = user
        return view(*args, **kwargs)

    _mark(wrapper, AccessRule("api_token"))
    return wrapper  # type: ignore[return-value]


def json_http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    if code >= 500:
        return problem(500, "Something went wrong.")
    return problem(code, error.description or TITLES.get(code, "Error"))
