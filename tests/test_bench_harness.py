"""The benchmark harness must not rot: its seeders fill today's tables on tiny data,
the query-count header and the ceiling exist only when their flags are set.

No gunicorn and no wrk here: bench.seed and community.diagnostics only.
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
from community import create_app
from community.auth.models import User
from community.communities.models import Community, Membership
from community.notifications.models import Notification
from config import TestConfig


class BenchTestConfig(TestConfig):
    BENCH_COUNT_QUERIES = True
    BENCH_CEILING = True


@pytest.fixture
def bench_app(db):
    """A second app on the same database with both benchmark flags on."""
    app = create_app(BenchTestConfig)
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
    # Set by the seeders that land with discussions, events and learnings.
    still_to_come = {"thread_300", "event_id", "feed_community_slug", "lesson_facets"}
    keys = [page.key for page in PAGES]
    assert len(keys) == len(set(keys))
    for page in PAGES:
        fields = {name for _, name, _, _ in Formatter().parse(page.path) if name}
        assert fields <= targets | still_to_come, page.name
