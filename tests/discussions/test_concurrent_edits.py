"""Issue 14 (a): ten parallel edits from one version: one lands, nine are told.

Real parallel requests: each thread is its own client (its own session and
database connection). PostgreSQL runs them on the test database; SQLite, whose
in-memory test database is one connection, on a file database.
"""

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from community.discussions.models import Post, PostRevision
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)

RACERS = 10


def race_edits(app, post_id: int, user_id: str) -> list[tuple[int, str, str]]:
    """(status, page, text sent) for RACERS clients saving from version 1 at once."""
    clients = []
    for _ in range(RACERS):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
        clients.append(client)
    barrier = threading.Barrier(RACERS)
    results = []

    def edit(number: int, client) -> None:
        text = f"Edit number {number} from version one"
        barrier.wait()
        response = client.post(
            f"/p/{post_id}/edit", data={"body": text, "version": "1"}
        )
        results.append((response.status_code, response.data.decode(), text))

    threads = [
        threading.Thread(target=edit, args=(number, client))
        for number, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_one_winner(results, database, post_id: int) -> None:
    assert Counter(status for status, _, _ in results) == {302: 1, 409: RACERS - 1}
    [winner] = [text for status, _, text in results if status == 302]
    for status, page, text in results:
        if status == 409:
            assert "Someone else changed this post" in page
            assert text in page  # the loser's text is kept in the form
    database.session.expire_all()
    post = database.session.get(Post, post_id)
    assert (post.body_source, post.version) == (winner, 2)
    revisions = select(func.count()).where(PostRevision.post_id == post_id)
    assert database.session.scalar(revisions) == 1


def make_post():
    community = make_community()
    author = make_user()
    make_membership(author, community)
    thread = make_thread(community, author)
    return author, make_reply(thread, author, "The first version")


def test_parallel_edits_on_postgresql(app, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("in-memory SQLite is one connection: see the file-database test")
    author, post = make_post()
    db.session.commit()
    results = race_edits(app, post.id, author.get_id())
    assert_one_winner(results, db, post.id)


def test_parallel_edits_on_a_sqlite_file(tmp_path):
    from community import create_app
    from community.extensions import db as database
    from config import TestConfig

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'edits.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    app = create_app(FileConfig)
    with app.app_context():
        database.create_all()
        author, post = make_post()
        database.session.commit()
        post_id, user_id = post.id, author.get_id()
    results = race_edits(app, post_id, user_id)
    with app.app_context():
        assert_one_winner(results, database, post_id)
        database.engine.dispose()
