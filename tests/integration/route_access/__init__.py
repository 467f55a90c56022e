"""The route × role table, one module per feature so that features can grow without touching each other.

Each module in this package defines ``ACCESS`` — (method, endpoint, url template) → expected status per role — and
may define ``url_values(demo) -> dict`` for the placeholders its URL templates use. The tables are written out by
hand (not derived from the decorators), so a change to a route's protection must be made twice, on purpose.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

ROLES = ("anonymous", "admin", "officer", "auditor", "evaluator", "contract_manager", "outsider")

Table = dict[tuple[str, str, str], dict[str, int]]


def everyone(code: int, **overrides: int) -> dict[str, int]:
    """Every role gets ``code`` unless overridden."""
    return {role: overrides.get(role, code) for role in ROLES}


SIGNED_IN = everyone(200, anonymous=302)
ADMIN_ONLY = everyone(403, anonymous=302, admin=200)
OFFICERS = everyone(403, anonymous=302, admin=200, officer=200, outsider=200)
# Procurement pages: members see them, non-members get 404 (existence not disclosed). The outsider and the
# contract manager are on no procurement's panel.
MEMBERS = everyone(200, anonymous=302, outsider=404, contract_manager=404)
# Procurement pages for officers (MANAGE) only: other members get 403.
MANAGERS = everyone(403, anonymous=302, officer=200, outsider=404, contract_manager=404)


def _modules() -> list[Any]:
    return [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]


def access_table() -> Table:
    table: Table = {}
    for module in _modules():
        overlap = table.keys() & module.ACCESS.keys()
        assert not overlap, f"{module.__name__} repeats {overlap}"
        table.update(module.ACCESS)
    return table


def url_value_providers() -> list[Callable[[dict[str, Any]], dict[str, Any]]]:
    return [module.url_values for module in _modules() if hasattr(module, "url_values")]
