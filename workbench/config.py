"""Settings. SQLite in instance/ by default; DATABASE_URL selects PostgreSQL (psycopg 3).

The secret key comes from the environment (SECRET_KEY) or, for a local run, from a key generated once into
instance/secret_key. It is never in the repository.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INSTANCE = REPO_ROOT / "instance"


def database_url(instance_path: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / 'workbench.db'}"
    # Heroku-style and bare URLs mean psycopg2 to SQLAlchemy; we ship psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def secret_key(instance_path: Path) -> str:
    from_env = os.environ.get("SECRET_KEY", "").strip()
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def build_config(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    overrides = overrides or {}
    local = os.environ.get("WORKBENCH_ENV", "production") == "development" or overrides.get("TESTING", False)
    config: dict[str, Any] = {
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("WORKBENCH_SECURE_COOKIES", not local),
        "REMEMBER_COOKIE_SECURE": _flag("WORKBENCH_SECURE_COOKIES", not local),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "PERMANENT_SESSION_LIFETIME": 8 * 60 * 60,
        "FORCE_HTTPS": _flag("WORKBENCH_FORCE_HTTPS", False),
        "TRUSTED_PROXIES": int(os.environ.get("WORKBENCH_TRUSTED_PROXIES", "0")),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("WORKBENCH_LOGIN_RATE_LIMIT", "10 per minute"),
        "ACCESS_CODE_RATE_LIMIT": os.environ.get("WORKBENCH_ACCESS_CODE_RATE_LIMIT", "10 per minute"),
        "MAX_CONTENT_LENGTH": 21 * 1024 * 1024,
        "MAX_UPLOAD_BYTES": 20 * 1024 * 1024,
        "UPLOAD_FOLDER": os.environ.get("WORKBENCH_UPLOAD_FOLDER", str(instance_path / "uploads")),
        "PASSWORD_HASH_METHOD": "scrypt",
        "COUNCIL_NAME": os.environ.get("WORKBENCH_COUNCIL_NAME", "Anytown Borough Council"),
        "SERVICE_NAME": "Evaluation Workbench",
        "WTF_CSRF_TIME_LIMIT": None,
    }
    config.update(overrides)
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = secret_key(instance_path)
    return config
