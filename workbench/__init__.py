"""The Evaluation Workbench: fair, defensible supplier evaluations and contract monitoring for councils.

Importing the package loads nothing else, so the pure parts (``workbench.scoring``, ``workbench.performance``)
stay free of Flask and SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    from workbench.app import create_app as _create_app

    return _create_app(overrides)
