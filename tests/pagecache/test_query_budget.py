"""Issue 22: the busy pages send at most 10 SQL statements, logged out and
logged in (a member of several communities with unread notifications), and the
same number whatever the amount of data. The page cache is off here: these
are the counts of a page being built, not of a cached copy (which sends one)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from community.dpgs.models import Dpg
from community.extensions import cache
from community.notifications.sending import notify
from community.search.indexing import reindex_all
from community.timezones import utcnow
from tests.factories import (
    link_dpg,
    make_community,
    make_dpg,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)

BUDGET = 10
PAGES = [
    "/",
    "/c/",
    "/c/govstack",
    "/t/{thread}",
    "/t/{thread}?page=2",
    "/learnings/",
    "/learnings/?region=Africa&sector=identity&dpg=MOSIP",
    "/learnings/?block=identity&sdg=16&stage=pilot",
    "/search?q=registration+offline",
    "/dpgs/mosip",
    "/events/",
    "/events/month/{year}/{month}",
    "/events/?view=month&community=govstack",
]


@pytest.fixture
def uncached(app):
    app.config["PAGE_CACHE_ENABLED"] = False
    yield
    app.config["PAGE_CACHE_ENABLED"] = True


def add_data(db, reader, communities, rounds: int) -> None:
    """More of everything each page lists: threads, replies, lessons, members,
    events, each linked to the DPG "mosip" too."""
    from community.extensions import db as _db

    dpg = _db.session.scalar(select(Dpg).where(Dpg.slug == "mosip")) or make_dpg(
        slug="mosip", name="MOSIP"
    )
    for number in range(rounds):
        community = communities[number % len(communities)]
        author = make_user()
        make_membership(author, community)
        thread = make_thread(community, author, title=f"Offline registration {number}")
        for _ in range(3):
            make_reply(thread, author, "We registered offline and synced later.")
        make_lesson(
            author,
            community=community,
            countries=["KE", "NG"],
            tags={"block": ["identity"], "sdg": ["16"]},
        )
        notify(reader, "reply", f"Reply {number}")
        event = make_event(community, author, title=f"Registration forum {number}")
        for item in (thread, event):  # lessons name MOSIP by default
            link_dpg(item, dpg)
        make_event(community, author, frequency="weekly", count=4)
    _db.session.commit()
    reindex_all()
    _db.session.commit()


def counts(client, count_queries, thread_id: int) -> dict[str, int]:
    found = {}
    soon = utcnow() + timedelta(days=1)  # make_event's default day
    for page in PAGES:
        path = page.format(thread=thread_id, year=soon.year, month=soon.month)
        client.get(path)  # a first visit records the reading: a write, once
        with count_queries() as counter:
            response = client.get(path)
        assert response.status_code == 200, path
        found[path] = counter.count
    return found


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_pages_stay_within_the_budget_whatever_the_data(
    client, db, login, count_queries, uncached, signed_in
):
    govstack = make_community(slug="govstack", name="GovStack")
    others = [make_community(), make_community(visibility="members")]
    reader = make_user()
    for community in [govstack, *others]:
        make_membership(reader, community)
    long_thread = make_thread(govstack, reader, title="Registration offline at scale")
    for number in range(70):  # enough replies for a second page
        make_reply(long_thread, make_user(), f"Reply {number} about registration")
    add_data(db, reader, [govstack, *others], rounds=2)
    if signed_in:
        login(reader)
    few = counts(client, count_queries, long_thread.id)
    add_data(db, reader, [govstack, *others], rounds=12)
    many = counts(client, count_queries, long_thread.id)
    assert many == few
    over = {path: count for path, count in many.items() if count > BUDGET}
    assert over == {}, over


MEMBER_PAGES = [
    "/",
    "/c/govstack",
    "/dpgs/mosip",
    "/learnings/",
    "/learnings/?block=identity&sdg=16&stage=pilot",
    "/learnings/?block=identity&page=2",
]
SHARED_BUDGET = 7  # with the shared blocks stored (pagecache/member_blocks.py)


def test_members_pages_with_their_blocks_stored_stay_flat(
    client, db, login, count_queries
):
    """The cache on: a member's home, community, DPG and lessons pages build
    only their own parts (their events, drafts, unread replies, reading marks)."""
    govstack = make_community(slug="govstack", name="GovStack")
    others = [make_community(), make_community(visibility="members")]
    reader = make_user()
    for community in [govstack, *others]:
        make_membership(reader, community)
    add_data(db, reader, [govstack, *others], rounds=2)
    login(reader)

    def member_counts() -> dict[str, int]:
        found = {}
        for path in MEMBER_PAGES:
            client.get(path)  # stores the blocks of this version
            with count_queries() as counter:
                assert client.get(path).status_code == 200
            found[path] = counter.count
        return found

    few = member_counts()
    add_data(db, reader, [govstack, *others], rounds=12)
    assert member_counts() == few
    assert max(few.values()) <= SHARED_BUDGET, few


def test_a_members_community_page_on_an_empty_cache_is_within_the_budget(
    client, db, login, count_queries
):
    """Cold, the page renders every shared block: the community's version rides
    in the community's own query (it was one statement more: 11)."""
    govstack = make_community(slug="govstack", name="GovStack")
    reader = make_user()
    make_membership(reader, govstack)
    add_data(db, reader, [govstack], rounds=2)
    login(reader)
    cache.clear()
    with count_queries() as counter:
        assert client.get("/c/govstack").status_code == 200
    assert counter.count <= BUDGET, counter.count
