"""The benchmark harness must not rot: its seeders fill today's tables on tiny data,
the query-count header and the ceiling exist only when their flags are set.

No gunicorn and no wrk here: bench.seed and bench.diagnostics (through the
bench WSGI entry) only.
"""

import pytest
from sqlalchemy import func, select

from bench.seed import (
    SEEDERS,
    TINY,
    Seeder,
    SeedReport,
    cache_key,
    community_names,
    seed,
)
from bench.wsgi import create_bench_app
from community.auth.models import User
from community.communities.models import Community, Membership
from community.discussions.models import Post, Thread
from community.events.models import Event, Rsvp
from community.learnings.models import Lesson
from community.notifications.models import Notification
from community.search.models import SearchDocument
from config import TestConfig


class BenchTestConfig(TestConfig):
    BENCH_COUNT_QUERIES = True
    BENCH_CEILING = True


@pytest.fixture
def bench_app(db):
    """A second app on the same database with both benchmark flags on."""
    app = create_bench_app(BenchTestConfig)
    with app.app_context():
        db.create_all()  # a new in-memory SQLite database; a no-op on PostgreSQL
        yield app
        db.session.remove()
        db.engine.dispose()


def run_tiny_seed(db) -> SeedReport:
    with db.engine.begin() as connection:
        return seed(connection, db.metadata, TINY)


def test_seeders_fill_todays_tables(bench_app, db):
    report = run_tiny_seed(db)

    assert report.rows["users"] == TINY.users
    assert db.session.scalar(select(func.count()).select_from(User)) == TINY.users
    communities = db.session.scalars(select(Community).order_by(Community.id)).all()
    assert len(communities) == 3 + TINY.extra_communities
    assert [c.slug for c in communities[:3]] == [
        "govstack",
        "dpg-product-managers",
        "vendors-integrators",
    ]
    members_only = [c for c in communities if c.visibility == "members"]
    assert len(members_only) == TINY.members_only
    bench_user = db.session.scalar(select(User).where(User.username_key == "bench"))
    assert bench_user.check_password("bench-password-2026")
    memberships = db.session.scalars(
        select(Membership).where(Membership.user_id == bench_user.id)
    ).all()
    assert {m.community_id for m in memberships} == {c.id for c in communities}
    for community in communities:  # member_count matches the active rows
        active = select(func.count()).where(
            Membership.community_id == community.id, Membership.status == "active"
        )
        assert community.member_count == db.session.scalar(active)
    mine = select(func.count()).where(Notification.user_id == bench_user.id)
    assert db.session.scalar(mine) == TINY.bench_notifications
    assert report.targets["community_slug"] == "govstack"
    assert report.targets["calendar_token"] == bench_user.calendar_token


def test_seeder_whose_tables_are_missing_is_skipped(bench_app, db):
    calls = []
    missing = Seeder("not landed", ("no_such_table",), lambda ctx: calls.append(1))
    SEEDERS.append(missing)
    try:
        report = run_tiny_seed(db)
        key_with = cache_key(TINY, db.metadata)
    finally:
        SEEDERS.remove(missing)
    assert "not landed" in report.skipped
    assert calls == []
    assert key_with == cache_key(TINY, db.metadata)  # skipped: same data, same key
    assert cache_key(TINY, db.metadata) != cache_key(TINY.__class__(), db.metadata)


def test_seeded_ids_continue_after_the_seed(bench_app, db, client):
    run_tiny_seed(db)
    community = Community(slug="after-seed", name="After seed")
    db.session.add(community)
    db.session.commit()
    assert community.id == len(community_names(TINY)) + 1


def test_query_count_header_counts_the_requests_queries(bench_app, db):
    run_tiny_seed(db)
    client = bench_app.test_client()

    listing = client.get("/c/")
    health = client.get("/healthz")
    ceiling = client.get("/_bench/ceiling")

    assert listing.status_code == 200
    assert int(listing.headers["X-Query-Count"]) >= 1
    assert health.headers["X-Query-Count"] == "1"  # SELECT 1
    assert ceiling.status_code == 200
    assert ceiling.headers["X-Query-Count"] == "0"
    assert 40_000 < len(ceiling.data) < 90_000  # about a long thread page
    assert b"<h1" in ceiling.data


def test_hooks_are_absent_without_their_flags(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert "X-Query-Count" not in response.headers
    assert client.get("/_bench/ceiling").status_code == 404


def test_pages_have_unique_keys_and_known_targets(bench_app, db):
    from string import Formatter

    from bench.run import PAGES

    targets = set(run_tiny_seed(db).targets)
    keys = [page.key for page in PAGES]
    assert len(keys) == len(set(keys))
    for page in PAGES:
        fields = {name for _, name, _, _ in Formatter().parse(page.path) if name}
        given = {"query"} if page.varied else set()  # run.measure fills it in
        assert fields <= targets | given, page.name


def test_varied_searches_send_a_new_query_each_request():
    from bench.content import search_queries
    from bench.load import paths_script

    queries = search_queries()
    assert len(queries) == len(set(queries)) == 2000
    assert all(len(query.split()) == 2 for query in queries)
    script = paths_script(["/search?q=a+b", '/search?q="c"'], step=2)
    assert 'paths = {\n"/search?q=a+b",\n"/search?q=\\"c\\""\n}' in script
    assert "counter = counter + 2" in script


def test_threads_are_built_as_posting_builds_them(bench_app, db):
    report = run_tiny_seed(db)

    assert report.rows["threads"] == TINY.posts
    threads = db.session.scalars(select(Thread).order_by(Thread.id)).all()
    assert len(threads) == TINY.threads
    assert str(threads[0].id) == report.targets["thread_300"]
    for thread in threads:
        posts = db.session.scalars(
            select(Post).where(Post.thread_id == thread.id).order_by(Post.path)
        ).all()
        by_id = {post.id: post for post in posts}
        assert posts[0].depth == 0 and posts[0].branch_id is None
        assert thread.reply_count == len(posts) - 1
        assert thread.last_post_id == max(by_id)
        assert thread.last_activity_at == by_id[max(by_id)].created_at
        for post in posts[1:]:
            parent = by_id[post.parent_id]
            assert post.depth == parent.depth + 1 <= 8
            assert post.path == parent.path + f"{post.id:010d}"
            top = post if post.depth == 1 else parent
            assert post.branch_id == (post.id if post.depth == 1 else top.branch_id)
    long_thread = select(func.count()).where(Post.thread_id == threads[0].id)
    assert db.session.scalar(long_thread) == TINY.long_thread_posts


def test_events_rsvps_and_search_index_are_consistent(bench_app, db):
    from flask_login import AnonymousUserMixin

    from community.search.engine import Filters, search
    from community.search.query import parse

    report = run_tiny_seed(db)

    events = db.session.scalars(select(Event)).all()
    assert len(events) == TINY.events
    assert sum(1 for event in events if event.repeat_frequency) == TINY.recurring_events
    assert db.session.scalar(select(func.count()).select_from(Rsvp)) == TINY.rsvps
    for event in events:
        going = select(func.count()).where(
            Rsvp.event_id == event.id, Rsvp.status == "going"
        )
        assert event.going_count == db.session.scalar(going)
        assert event.capacity is None or event.going_count <= event.capacity
        assert event.series_end_at >= event.end_at
    feed = db.session.scalar(
        select(Community).where(Community.slug == report.targets["feed_community_slug"])
    )
    in_feed = select(func.count()).where(Event.community_id == feed.id)
    assert db.session.scalar(in_feed) == TINY.feed_events
    live = sum(1 for event in events if event.status != "cancelled")
    lessons = select(func.count()).where(Lesson.published_version_id.is_not(None))
    documents = db.session.scalar(select(func.count()).select_from(SearchDocument))
    # Threads and each of their replies (every post but the openings).
    posts = db.session.scalar(select(func.count()).select_from(Post))
    assert documents == posts + live + db.session.scalar(lessons)
    words = report.targets["search_query"].replace("+", " ")
    _, found = search(parse(words), AnonymousUserMixin(), Filters(), page=1)
    assert found > 0


def test_a_new_index_changes_the_cache_key():
    """A restored dump keeps the indexes it was made with: a new index must
    seed afresh, or the bench measures the database without it."""
    from sqlalchemy import Column, Index, Integer, MetaData, Table

    def key(indexed: bool) -> str:
        metadata = MetaData()
        table = Table("things", metadata, Column("id", Integer), Column("at", Integer))
        if indexed:
            Index("ix_things_at", table.c.at)
        return cache_key(TINY, metadata)

    assert key(True) != key(False)
