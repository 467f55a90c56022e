"""Form helpers shared by every capability."""

from __future__ import annotations

from typing import Any


def strip(value: Any) -> Any:
    """Input filter: trim surrounding whitespace from text fields."""
    return value.strip() if isinstance(value, str) else value
