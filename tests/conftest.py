"""Shared fixtures: the app on SQLite or PostgreSQL (DATABASE_URL), a client,
a real SMTP server catching mail, and log-in helpers."""

import socket
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from flask.testing import FlaskClient
from sqlalchemy import func, select

from community import create_app
from community.countries import countries
from community.dpgs.models import Country
from community.extensions import cache
from community.extensions import db as _db
from config import TestConfig


def pytest_sessionstart(session):
    """Pages read compiled catalogues: build any stale .mo (make test does too)."""
    from community.catalogues import compile_stale

    compile_stale()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        message = message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_from = envelope.mail_from  # where bounces would go
        self.messages.append(message)
        return "250 OK"

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages

    def bodies_to(self, address: str) -> list[str]:
        return [
            message.get_body(("plain",)).get_content()
            for message in self.messages
            if address.lower() in message["To"].lower()
        ]


@pytest.fixture(scope="session")
def smtp_server():
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, g and database session, as in
    production, even though the test itself holds an app context open."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(smtp_server):
    app = create_app(TestConfig)
    app.test_client_class = FreshContextClient
    app.config["MAIL_PORT"] = smtp_server.port
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        seed_countries()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


# Reference data the migrations seed (every ISO 3166-1 country): kept between
# tests, as profiles, lessons and events refer to it by foreign key.
KEPT_TABLES = frozenset({"countries"})


def seed_countries() -> None:
    from community.dpgs.importing import ensure_countries

    ensure_countries()
    _db.session.commit()


def clear_tables() -> None:
    # DELETE, not TRUNCATE: on PostgreSQL, truncating ~60 mostly empty tables
    # after every test costs far more than deleting their few rows. There the
    # DELETEs go as one string, one round trip (22 ms a test as 60 was 2.6 ms).
    _db.session.remove()
    tables = [
        table
        for table in reversed(_db.metadata.sorted_tables)
        if table.name not in KEPT_TABLES
    ]
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "; ".join(f'DELETE FROM "{table.name}"' for table in tables)
            )
        else:
            for table in tables:
                connection.execute(table.delete())
    _db.session.remove()
    if _db.session.scalar(select(func.count()).select_from(Country)) < len(countries()):
        seed_countries()  # a test emptied or renamed some: back to the standard


@pytest.fixture
def db(app):
    """The database, emptied after each test; an app context is pushed."""
    with app.app_context():
        yield _db
        clear_tables()
        cache.clear()  # visitors' pages: the next test starts from version 0 again


@pytest.fixture
def demo(db) -> list[str]:
    """The demo data seed_all() makes, put in the emptied database (its lines
    as seed_all returned them): tests/demo_data.py."""
    from tests.demo_data import seeded_demo

    return seeded_demo(KEPT_TABLES)


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.handler.messages.clear()
    return smtp_server.handler


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def login(client):
    """login(user): make the client act as this user (no password round trip)."""

    def log_in(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    return log_in


@pytest.fixture
def logout(client):
    def log_out():
        with client.session_transaction() as session:
            session.clear()

    return log_out


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app, db):
    """with count_queries() as counter: ...; counter.count is the SQL statements run."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting
