"""The demo data (community.demo.seed_all) for the tests that read it, as a
fixture: seeded by the first such test of the session, its rows kept in
memory, and written back for each later one. Seeding takes 6-12 s on
PostgreSQL; writing the rows back, well under one.

Tests of seeding itself (tests/test_seed.py, the hashing test in
tests/test_structure.py) call seed_all() and never use this.
"""

from sqlalchemy import Integer, select, text

from community.demo import seed_all
from community.extensions import db

_kept: dict = {}


def demo_tables(kept_tables: frozenset) -> list:
    return [t for t in db.metadata.sorted_tables if t.name not in kept_tables]


def seeded_demo(kept_tables: frozenset) -> list[str]:
    """seed_all()'s lines, with the database holding exactly what it seeds."""
    if not _kept:
        lines = seed_all()
        db.session.remove()
        with db.engine.connect() as connection:
            rows = [
                (table, [row._asdict() for row in connection.execute(select(table))])
                for table in demo_tables(kept_tables)
            ]
        _kept.update(lines=lines, rows=rows)
        return lines
    db.session.remove()
    with db.engine.begin() as connection:
        write_back(connection, _kept["rows"])
    return _kept["lines"]


def write_back(connection, rows: list) -> None:
    """Insert the kept rows. Some tables refer to each other (a lesson and its
    versions), so foreign keys are checked only once every row is back."""
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        connection.execute(text("PRAGMA defer_foreign_keys = ON"))
    for table, table_rows in rows:
        if table_rows:
            connection.execute(table.insert(), table_rows)
    if postgresql:
        for table, _ in rows:
            for column in serial_columns(table):
                connection.execute(
                    text(
                        "SELECT setval(pg_get_serial_sequence(:table, :column),"
                        f' coalesce(max("{column.name}"), 1),'
                        f' max("{column.name}") IS NOT NULL) FROM "{table.name}"'
                    ),
                    {"table": table.name, "column": column.name},
                )


def serial_columns(table) -> list:
    """The primary key column PostgreSQL numbers from a sequence, if any."""
    columns = list(table.primary_key.columns)
    serial = (
        len(columns) == 1
        and isinstance(columns[0].type, Integer)
        and columns[0].autoincrement in (True, "auto")
    )
    return columns if serial else []
