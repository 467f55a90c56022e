"""One-time access codes: unambiguous characters, 10 of 30 (about 49 bits), stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U/V confusion with letters left out
LENGTH = 10


def new_code() -> str:
    """A fresh code shown as two groups of five, e.g. ``7KQ2M-XH4PD``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()
