"""`flask db upgrade` from empty reaches head, and the models match the migrations."""

import os
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from community import create_app
from community.extensions import db
from community.search.models import include_object
from config import TestConfig

MIGRATIONS = str(Path(__file__).resolve().parent.parent / "migrations")


@pytest.fixture
def empty_database_url(tmp_path):
    url = make_url(TestConfig.SQLALCHEMY_DATABASE_URI)
    if url.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    name = f"migrate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_from_empty_reaches_head_and_matches_the_models(empty_database_url):
    class MigrateConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigrateConfig)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        head = ScriptDirectory(MIGRATIONS).get_current_head()
        with db.engine.connect() as connection:
            options = {"compare_type": True, "include_object": include_object}
            context = MigrationContext.configure(connection, opts=options)
            assert context.get_current_revision() == head
            differences = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert differences == [], differences


def test_migrations_are_one_linear_history():
    script = ScriptDirectory(MIGRATIONS)
    assert len(script.get_heads()) == 1
    assert os.path.isdir(MIGRATIONS)


def test_file_names_sort_in_the_order_alembic_applies_them():
    """<step>_<revision>_<name>.py: `ls` shows the history as it runs; the
    revision ids inside never change (deployed databases record them)."""
    script = ScriptDirectory(MIGRATIONS)
    applied = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    files = sorted(Path(MIGRATIONS, "versions").glob("*.py"))
    named = [path.name.split("_")[1] for path in files]
    assert named == applied
    assert [path.name.split("_")[0] for path in files] == [
        f"{number:02d}" for number in range(1, len(files) + 1)
    ]
