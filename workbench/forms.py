"""Form helpers shared by every capability."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm


def strip(value: Any) -> Any:
    """Input filter: trim surrounding whitespace from text fields."""
    return value.strip() if isinstance(value, str) else value


class ActionForm(FlaskForm):
    """A form with only a button (or fields read by hand): its CSRF token is what protects the action."""
