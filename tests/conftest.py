"""Shared fixtures. Integration tests run against a real database built by the migrations: SQLite always, and
PostgreSQL as well when WORKBENCH_TEST_DATABASE_URL is set (CI sets it; there a missing server is a failure)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN_URL = os.environ.get("WORKBENCH_TEST_DATABASE_URL", "")


def require_service(available: bool, reason: str) -> None:
    """Skip locally when a service is missing; in CI a missing service fails the test."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres`` run on PostgreSQL only: drop their SQLite run when PostgreSQL is configured.

    Without PostgreSQL they keep their one (SQLite) run, where ``require_service`` skips locally and fails in CI.
    """
    if not PG_ADMIN_URL:
        return
    dropped = [item for item in items if item.get_closest_marker("postgres")
               and getattr(item, "callspec", None) and item.callspec.params.get("database_url") == "sqlite"]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if PG_ADMIN_URL else ["sqlite"]


def _create_pg_database() -> tuple[str, str]:
    import psycopg
    from psycopg import sql

    name = f"wb_test_{uuid.uuid4().hex[:10]}"
    plain = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return name, f"{base}/{name}"


def _drop_pg_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    plain = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session", params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    name, url = _create_pg_database()
    yield url
    _drop_pg_database(name)


def test_config(database_url: str, instance: Path) -> dict[str, object]:
    return {
        "TESTING": True, "SECRET_KEY": "test-only-secret-key", "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False, "LOGIN_RATE_LIMIT": "1000 per minute", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "UPLOAD_FOLDER": str(instance / "uploads"), "SESSION_COOKIE_SECURE": False,
    }


@pytest.fixture(scope="session")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("instance")
    os.environ["WORKBENCH_INSTANCE"] = str(path)
    return path


@pytest.fixture(scope="session")
def app(database_url: str, instance: Path):
    from flask_migrate import upgrade

    from workbench import create_app
    from workbench.extensions import db

    application = create_app(test_config(database_url, instance))
    with application.app_context():
        upgrade(revision="heads")
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def app_context(app):
    from workbench.extensions import db

    with app.app_context():
        yield app
        db.session.rollback()
        _delete_all_rows()


def _delete_all_rows() -> None:
    from workbench.extensions import db
    from workbench.models import Base

    for table in reversed(Base.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def client(app, app_context):
    return app.test_client()


@pytest.fixture
def runner(app, app_context):
    return app.test_cli_runner()
