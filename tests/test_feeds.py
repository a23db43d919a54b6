"""One Atom builder and one conditional response for every feed (issue 13)."""

from pathlib import Path

import pytest

from tests.factories import make_community, make_event, make_lesson, make_user

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def feeds(db):
    community = make_community(slug="open-room")
    event = make_event(community)
    make_lesson(make_user(), community=community)
    return [
        "/c/open-room/feed.atom",
        "/learnings/feed.atom",
        "/calendar.ics",
        "/c/open-room/events.ics",
        f"/events/{event.id}.ics",
    ]


def test_every_feed_answers_304_to_the_version_it_sent(client, feeds):
    for url in feeds:
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.headers["ETag"] and first.headers["Last-Modified"], url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b"", url


def test_a_new_lesson_changes_the_library_feed_version(client, db):
    first = client.get("/learnings/feed.atom")
    make_lesson(title="A fresh lesson")
    again = client.get(
        "/learnings/feed.atom", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200 and b"A fresh lesson" in again.data


def test_signed_in_feeds_are_not_shared_cache_material(client, db, login):
    login(make_user())
    assert (
        client.get("/learnings/feed.atom")
        .headers["Cache-Control"]
        .startswith("private")
    )


def test_only_community_feeds_builds_etags_and_atom():
    owners = set()
    for path in (ROOT / "community").rglob("*.py"):
        source = path.read_text()
        if any(
            word in source
            for word in (
                "set_etag",
                "add_etag",
                "is_resource_modified",
                "atom+xml",
                "w3.org/2005/Atom",
            )
        ):
            owners.add(str(path.relative_to(ROOT)))
    assert owners == {"community/feeds.py"}
