"""Whole feed bodies are cached per version (issue 22): an unchanged feed is
read, not built, and every kind of write that changes a feed makes a new one."""

import gzip
import re

import pytest

from community.events import ical, rsvps, scheduling
from community.extensions import cache
from community.extensions import db as database
from community.pagecache.pages import HIT_HEADER
from tests.events.test_feed_versions import edit_title
from tests.factories import make_community, make_event, make_membership, make_user


def never_built(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged feed was built again")

    monkeypatch.setattr(ical, "build_calendar", refuse)


def test_an_unchanged_feed_is_read_not_built(client, db, monkeypatch):
    make_event(make_community(slug="govstack"), title="Forum")
    first = client.get("/c/govstack/events.ics")
    assert first.headers[HIT_HEADER] == "miss" and b"Forum" in first.data
    zipped = client.get("/c/govstack/events.ics", headers={"Accept-Encoding": "gzip"})
    never_built(monkeypatch)
    again = client.get("/c/govstack/events.ics")
    assert again.headers[HIT_HEADER] == "hit" and again.data == first.data
    assert again.headers["ETag"] == first.headers["ETag"]
    zipped_again = client.get(
        "/c/govstack/events.ics", headers={"Accept-Encoding": "gzip"}
    )
    assert zipped_again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped_again.data) == first.data
    assert zipped_again.headers["ETag"] == zipped.headers["ETag"]
    assert zipped.headers["ETag"].endswith(':gzip"')
    assert "Accept-Encoding" in zipped_again.headers["Vary"]
    assert zipped_again.headers["Content-Type"] == "text/calendar; charset=utf-8"


def test_a_cached_feed_sends_the_same_few_statements_at_any_size(
    client, db, count_queries
):
    community = make_community(slug="govstack")
    counts = []
    for size in (3, 30):
        while len(community_events(community)) < size:
            make_event(community)
        client.get("/c/govstack/events.ics")  # built and stored
        with count_queries() as counter:
            assert client.get("/c/govstack/events.ics").headers[HIT_HEADER] == "hit"
        counts.append(counter.count)
    assert counts[0] == counts[1] <= 4


def community_events(community):
    from sqlalchemy import select

    from community.events.models import Event

    query = select(Event.id).where(Event.community_id == community.id)
    return database.session.scalars(query).all()


def test_new_edited_and_cancelled_events_renew_the_community_feed(client, db):
    community = make_community(slug="govstack")
    event = make_event(community, title="Forum")
    url = "/c/govstack/events.ics"
    seen = [client.get(url)]
    make_event(community, title="Workshop")
    seen.append(client.get(url))
    assert b"Workshop" in seen[-1].data
    edit_title(event, "Renamed forum")
    seen.append(client.get(url))
    assert b"Renamed forum" in seen[-1].data
    scheduling.cancel_event(None, event)
    database.session.commit()
    seen.append(client.get(url))
    assert b"STATUS:CANCELLED" in seen[-1].data
    assert all(item.headers[HIT_HEADER] == "miss" for item in seen)
    assert len({item.headers["ETag"] for item in seen}) == 4


def test_rsvps_memberships_and_the_option_renew_the_personal_feed(client, db, login):
    person = make_user()
    mine = make_community(slug="mine")
    other = make_community(slug="other")
    make_membership(person, mine)
    make_event(mine, title="Members forum")
    outside = make_event(other, title="Vendor day")
    make_event(other, title="Not mine")
    url = f"/calendar/{person.calendar_token}.ics"

    def body():
        return client.get(url).data

    assert b"Members forum" in body() and b"Vendor day" not in body()
    rsvps.respond(person, outside, "going")
    database.session.commit()
    assert b"Vendor day" in body() and b"Not mine" not in body()
    login(person)
    assert client.post("/c/other/join").status_code == 302
    assert b"Not mine" in body()
    assert client.post("/c/other/leave").status_code == 302
    assert b"Not mine" not in body() and b"Vendor day" in body()
    rsvps.respond(person, outside, "not_going")
    database.session.commit()
    assert b"Vendor day" not in body()
    rsvps.respond(person, outside, "going")
    database.session.commit()

    # Only what they go to: same address, the communities' events leave.
    saved = client.post("/auth/settings/calendar-feed", data={"only_going": "y"})
    assert saved.status_code == 302
    assert b"Vendor day" in body() and b"Members forum" not in body()
    client.post("/auth/settings/calendar-feed", data={})
    assert b"Vendor day" in body() and b"Members forum" in body()


def test_a_community_turned_members_only_leaves_non_members_feeds(client, db):
    community = make_community(slug="peers")
    event = make_event(community, title="Peers forum")
    member, visitor = make_user(), make_user()
    make_membership(member, community)
    rsvps.respond(visitor, event, "going")
    database.session.commit()
    urls = {who: f"/calendar/{who.calendar_token}.ics" for who in (member, visitor)}
    assert all(b"Peers forum" in client.get(url).data for url in urls.values())
    assert b"Peers forum" in client.get("/c/peers/events.ics").data
    community.visibility = "members"
    database.session.commit()
    assert b"Peers forum" not in client.get(urls[visitor]).data
    assert b"Peers forum" in client.get(urls[member]).data
    assert client.get("/c/peers/events.ics").status_code == 404


@pytest.mark.parametrize("answer", ["", "y", "true"])
def test_the_option_form_takes_a_checkbox(client, db, login, answer):
    person = make_user()
    login(person)
    response = client.post("/auth/settings/calendar-feed", data={"only_going": answer})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/auth/settings#calendar")
    database.session.refresh(person)
    assert person.calendar_only_going is bool(answer)


def test_the_settings_page_offers_the_option_with_label_and_help(client, db, login):
    person = make_user()
    token = person.calendar_token
    login(person)
    page = client.get("/auth/settings").data.decode()
    assert 'action="/auth/settings/calendar-feed"' in page
    assert 'type="checkbox"' in page and 'id="only_going"' in page
    assert '<label for="only_going">Only the events I plan to attend</label>' in page
    assert 'aria-describedby="only_going-help"' in page
    assert "checked" not in checkbox(page)
    client.post("/auth/settings/calendar-feed", data={"only_going": "y"})
    page = client.get("/auth/settings").data.decode()
    assert "checked" in checkbox(page)
    database.session.refresh(person)
    assert person.calendar_token == token  # the feed's address never moves
    assert f"/calendar/{token}.ics" in page


def checkbox(page: str) -> str:
    return re.search(r'<input[^>]*id="only_going"[^>]*>', page).group(0)


def test_the_option_is_for_people_signed_in(client, db):
    response = client.post("/auth/settings/calendar-feed", data={"only_going": "y"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.fixture
def shared_database(tmp_path):
    from config import TestConfig

    if TestConfig.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        pytest.skip("the SQLite file stands for a shared database here")
    return f"sqlite:///{tmp_path / 'shared.db'}"


def feed_app(database_url: str, redis_url: str, seed: bool = True):
    from tests.pagecache.test_redis_backend import process

    app = process(database_url, redis_url)
    if seed:
        with app.app_context():
            database.create_all()
            make_event(make_community(slug="govstack"), title="Forum")
    return app


def test_feeds_are_served_while_redis_is_away(shared_database):
    app = feed_app(shared_database, "redis://127.0.0.1:1/0")  # nothing listens
    client = app.test_client()
    for _ in range(2):
        response = client.get("/c/govstack/events.ics")
        assert response.status_code == 200 and b"Forum" in response.data
    with app.app_context():
        database.drop_all()


def test_with_redis_one_process_reads_the_body_another_built(shared_database):
    from tests.pagecache.test_redis_backend import REDIS_URL, redis_answers

    if not redis_answers():
        pytest.skip("TEST_REDIS_URL is not set or down")
    first = feed_app(shared_database, REDIS_URL)
    with first.app_context():
        cache.clear()
    second = feed_app(shared_database, REDIS_URL, seed=False)
    try:
        built = first.test_client().get("/c/govstack/events.ics")
        read = second.test_client().get("/c/govstack/events.ics")
        assert built.headers[HIT_HEADER] == "miss"
        assert read.headers[HIT_HEADER] == "hit" and read.data == built.data
    finally:
        with first.app_context():
            cache.clear()
            database.drop_all()
