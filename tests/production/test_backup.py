"""A pg_dump of the database restores into a fresh one with every row."""

import os
import shutil
import subprocess
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from community.extensions import db as database

pytestmark = pytest.mark.skipif(
    "postgresql" not in os.environ.get("DATABASE_URL", "")
    or not shutil.which("pg_dump"),
    reason="needs PostgreSQL and its pg_dump/pg_restore",
)


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table))
            for table in database.metadata.sorted_tables
        }


def test_dump_and_restore_keep_every_row(app, db, demo, tmp_path):
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    plain = url.set(drivername="postgresql")
    dump = tmp_path / "hub.dump"
    subprocess.run(
        [
            "pg_dump",
            "-Fc",
            "-f",
            str(dump),
            plain.render_as_string(hide_password=False),
        ],
        check=True,
        timeout=120,
    )
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    restored_url = url.set(database=name)
    try:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "-d",
                restored_url.set(drivername="postgresql").render_as_string(
                    hide_password=False
                ),
                str(dump),
            ],
            check=True,
            timeout=120,
        )
        restored = create_engine(restored_url)
        try:
            assert counts(restored) == counts(database.engine)
            assert counts(restored)["users"] >= 10
        finally:
            restored.dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
