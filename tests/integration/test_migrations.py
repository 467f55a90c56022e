"""The migrations build exactly the schema the models describe: a model change without a migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def test_models_and_migrations_agree(app_context):
    from workbench.extensions import db
    from workbench.models import Base

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "write a migration for these model changes"


def test_migrations_have_one_head():
    """Feature branches may be merged in any order, but main always ends at a single head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from workbench.config import REPO_ROOT

    config = Config()
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
