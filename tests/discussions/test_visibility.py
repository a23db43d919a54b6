"""Members-only threads never leak: pages, feeds, home, profiles; feeds are Atom."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def private(db, forum):
    community = make_community(
        slug="peers", name="Government peers", visibility="members"
    )
    make_membership(forum.asker, community)
    thread = make_thread(community, forum.asker, title="Secret procurement notes")
    post = make_reply(thread, forum.asker, "Confidential reply text")
    return community, thread, post


def test_members_only_thread_is_404_for_non_members(client, db, forum, private, login):
    _, thread, post = private
    # The one right status for a visitor: 404, except where signing in comes
    # first (flagging and the held queue need an account: log in first).
    anonymous = {
        f"/t/{thread.id}": 404,
        f"/t/{thread.id}/secret": 404,
        f"/p/{post.id}": 404,
        f"/p/{post.id}/revisions": 404,
        f"/p/{post.id}/flag": 302,
        "/c/peers/tags": 404,
        "/c/peers/feed.atom": 404,
        "/c/peers/held": 302,
    }
    urls = list(anonymous)
    for url, status in anonymous.items():
        assert client.get(url).status_code == status, url
    login(forum.outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/t/{thread.id}/reply", data={"body": "x"}).status_code == 404
    assert client.post(f"/p/{post.id}/vote").status_code == 404
    login(forum.asker)
    assert client.get(f"/t/{thread.id}").status_code == 200


def test_members_only_activity_stays_out_of_admin_pages(
    client, db, forum, private, login
):
    from tests.factories import make_user

    _, thread, post = private
    # A community moderator elsewhere reads no audit entry of this community.
    login(forum.moderator)
    page = client.get("/admin/audit?community=peers").get_data(as_text=True)
    assert "No entries match." in page
    assert client.get(f"/admin/people/{forum.asker.id}").status_code == 403
    # Site moderators who are not members see that posts exist, not what they say.
    login(make_user(site_role="moderator"))
    page = client.get(f"/admin/people/{forum.asker.id}").get_data(as_text=True)
    assert "Secret procurement notes" not in page
    assert "2 posts in members-only communities you do not read" in page


def test_feed_is_valid_atom_for_public_communities(client, db, forum):
    make_reply(forum.thread, forum.member, "<b>bold</b> & more")
    response = client.get("/c/govstack/feed.atom")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.data)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None
    assert (
        root.find(f"{ATOM}link[@rel='self']")
        .get("href")
        .endswith("/c/govstack/feed.atom")
    )
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "How do you register births offline?"
    for name in ("id", "updated", "author", "content"):
        assert entry.find(f"{ATOM}{name}") is not None
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert entry.find(f"{ATOM}category").get("term") == "crvs"


def test_members_only_community_has_no_feed_even_for_members(
    client, db, forum, private, login
):
    login(forum.asker)
    assert client.get("/c/peers/feed.atom").status_code == 404


def test_home_shows_only_readable_discussions(client, db, forum, private, login):
    home = client.get("/").data.decode()
    assert "Active discussions" in home
    assert "How do you register births offline?" in home
    assert "Secret procurement notes" not in home
    login(forum.outsider)
    assert "Secret procurement notes" not in client.get("/").data.decode()
    login(forum.asker)
    assert "Secret procurement notes" in client.get("/").data.decode()


def test_profile_shows_posts_the_viewer_may_read(client, db, forum, private, login):
    make_reply(forum.thread, forum.asker, "A public reply")
    page = client.get("/u/amina").data.decode()
    assert "Threads started" in page and "How do you register births offline?" in page
    assert "Secret procurement notes" not in page
    login(forum.outsider)
    assert "Secret procurement notes" not in client.get("/u/amina").data.decode()
    login(forum.asker)
    assert "Secret procurement notes" in client.get("/u/amina").data.decode()


def test_admins_read_members_only_threads(client, db, forum, private, login):
    _, thread, _ = private
    login(make_user(username="ada", site_role="admin"))
    assert client.get(f"/t/{thread.id}").status_code == 200


def test_community_list_counts_active_threads(
    client, db, forum, private, count_queries
):
    from sqlalchemy import select

    from community.communities.models import Community
    from community.discussions.listing import active_thread_counts

    communities = db.session.scalars(select(Community)).all()
    with count_queries() as counter:
        stats = active_thread_counts(communities)
    assert counter.count == 1
    assert stats[forum.community.id]["Active threads"] == 1
    assert stats[private[0].id]["Active threads"] == 1


def test_feed_answers_304_when_nothing_changed(client, db, forum):
    first = client.get("/c/govstack/feed.atom")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get(
        "/c/govstack/feed.atom", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_api_follows_the_no_leak_rule(client, db, forum, private):
    """The API answers non-members exactly as the pages: 404 for everything
    inside a members-only community, reads and writes alike, and lists leave
    it out; the community itself is not secret."""
    from tests.api.conftest import bearer, make_token

    community, thread, post = private
    site_moderator = make_user(site_role="moderator")
    from community.timezones import utcnow

    site_moderator.two_factor_enabled_at = utcnow()  # staff tokens need it
    db.session.commit()
    reads = [
        f"/api/v1/threads/{thread.id}",
        f"/api/v1/threads/{thread.id}/posts",
        f"/api/v1/posts/{post.id}",
        "/api/v1/communities/peers/threads",
    ]
    writes = [
        ("post", f"/api/v1/threads/{thread.id}/posts", {"body": "x"}),
        ("post", f"/api/v1/posts/{post.id}/vote", None),
        ("post", f"/api/v1/posts/{post.id}/accept", None),
        (
            "post",
            "/api/v1/communities/peers/threads",
            {"title": "Let me in", "kind": "question", "body": "x"},
        ),
    ]
    callers = {
        "visitor": {},
        "outsider": bearer(make_token(forum.outsider)),
        "site moderator": bearer(make_token(site_moderator)),
    }
    for who, headers in callers.items():
        for url in reads:
            assert client.get(url, headers=headers).status_code == 404, (who, url)
        if headers:
            for method, url, body in writes:
                response = getattr(client, method)(url, json=body, headers=headers)
                assert response.status_code == 404, (who, url)
        for url in (
            "/api/v1/search?q=procurement",
            "/api/v1/communities/govstack/threads",
        ):
            assert "Secret procurement" not in client.get(url, headers=headers).text
        assert (
            client.get("/api/v1/communities/peers", headers=headers).status_code == 200
        )
    member = bearer(make_token(forum.asker))
    for url in reads:
        assert client.get(url, headers=member).status_code == 200, url
