"""Visitors' cached pages (community/pagecache): stored once, renewed by every
kind of write a visitor could see, and never holding members-only content."""

import gzip

import pytest
from sqlalchemy import update

from community.communities.models import Community
from community.discussions.models import Thread
from community.extensions import db as _db
from community.pagecache.pages import HIT_HEADER
from tests.factories import (
    make_community,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


@pytest.fixture
def site(db):
    community = make_community(slug="govstack", name="GovStack")
    member = make_user(username="ravi")
    moderator = make_user(username="jonas")
    make_membership(member, community)
    make_membership(moderator, community, role="moderator")
    thread = make_thread(community, member, title="Offline birth registration")
    return community, member, moderator, thread


def visit(client, logout, path: str):
    """One visitor request (nobody signed in); returns (cache state, text)."""
    logout()
    response = client.get(path)
    assert response.status_code in (200, 403, 404), path
    return response.headers.get(HIT_HEADER), response.data.decode()


def cached(client, logout, path: str) -> str:
    """The page as a visitor gets it, once it has been stored."""
    visit(client, logout, path)
    state, text = visit(client, logout, path)
    assert state == "hit", path
    return text


def go_members_only(client, name: str) -> None:
    """Make /c/govstack members-only through its edit form (as an admin)."""
    form = {
        "name": name,
        "slug": "govstack",
        "purpose": "A test community",
        "description": "",
        "visibility": "members",
        "join_policy": "approval",
    }
    assert client.post("/c/govstack/edit", data=form).status_code == 302


VISITOR_PAGES = ["/", "/c/", "/c/govstack", "/learnings/"]


def test_visitor_pages_are_stored_and_served_again(client, db, site, logout):
    thread = site[3]
    for path in [*VISITOR_PAGES, f"/t/{thread.id}"]:
        assert visit(client, logout, path)[0] == "miss"
        assert visit(client, logout, path)[0] == "hit"


def test_a_reply_renews_the_thread_and_the_lists(client, db, site, login, logout):
    _, member, _, thread = site
    assert "Our answer" not in cached(client, logout, f"/t/{thread.id}")
    cached(client, logout, "/c/govstack")
    login(member)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Our answer"})
    assert response.status_code == 302
    state, text = visit(client, logout, f"/t/{thread.id}")
    assert state == "miss" and "Our answer" in text
    state, text = visit(client, logout, "/c/govstack")
    assert state == "miss" and "1 reply" in text


def test_a_new_thread_renews_home(client, db, site, login, logout):
    _, member, _, _ = site
    assert "Paying grants by mobile" not in cached(client, logout, "/")
    login(member)
    data = {"title": "Paying grants by mobile", "kind": "discussion", "body": "How?"}
    assert client.post("/c/govstack/new", data=data).status_code == 302
    assert "Paying grants by mobile" in visit(client, logout, "/")[1]


def test_an_edit_renews_the_thread(client, db, site, login, logout):
    _, member, _, thread = site
    post = make_reply(thread, member, "First wording")
    assert "First wording" in cached(client, logout, f"/t/{thread.id}")
    login(member)
    data = {"body": "Second wording", "version": 1}
    assert client.post(f"/p/{post.id}/edit", data=data).status_code == 302
    text = visit(client, logout, f"/t/{thread.id}")[1]
    assert "Second wording" in text and "First wording" not in text


def test_hiding_a_post_renews_the_thread(client, db, site, login, logout):
    _, member, moderator, thread = site
    post = make_reply(thread, member, "Buy cheap watches")
    assert "Buy cheap watches" in cached(client, logout, f"/t/{thread.id}")
    login(moderator)
    response = client.post(f"/p/{post.id}/hide", data={"reason": "Spam"})
    assert response.status_code == 302
    text = visit(client, logout, f"/t/{thread.id}")[1]
    assert "Buy cheap watches" not in text and "[hidden by a moderator]" in text


def test_joining_renews_the_member_count(client, db, site, login, logout):
    assert "2 members" in cached(client, logout, "/c/govstack")
    assert "2 members" in cached(client, logout, "/c/")
    login(make_user())
    assert client.post("/c/govstack/join").status_code == 302
    assert "3 members" in visit(client, logout, "/c/govstack")[1]
    assert "3 members" in visit(client, logout, "/c/")[1]


def test_leaving_renews_the_member_count(client, db, site, login, logout):
    _, member, _, _ = site
    assert "2 members" in cached(client, logout, "/c/govstack")
    login(member)
    assert client.post("/c/govstack/leave").status_code == 302
    assert "1 member" in visit(client, logout, "/c/govstack")[1]


def test_going_members_only_hides_every_cached_page(client, db, site, login, logout):
    """The cached public pages must not outlive the community's visibility."""
    community, member, _, thread = site
    make_lesson(member, community=community, title="Offline birth registration pilot")
    paths = ["/", "/c/govstack", "/learnings/", f"/t/{thread.id}"]
    for path in paths:
        assert "Offline birth registration" in cached(client, logout, path)
    assert "Active threads: 1" in cached(client, logout, "/c/")
    login(make_user(site_role="admin"))
    go_members_only(client, "GovStack")
    for path in paths:
        state, text = visit(client, logout, path)
        assert state != "hit" and "Offline birth registration" not in text, path
    assert "Active threads" not in visit(client, logout, "/c/")[1]


def test_publishing_a_lesson_renews_the_library(client, db, site, login, logout):
    lesson = make_lesson(status="in_review", title="Registering births offline")
    assert "Registering births offline" not in cached(client, logout, "/learnings/")
    assert "Registering births offline" not in cached(client, logout, "/")
    login(make_user(is_editor=True))
    version = lesson.working_version
    data = {"version_id": str(version.id), "content_digest": version.digest}
    response = client.post(f"/learnings/{lesson.slug}/publish", data=data)
    assert response.status_code == 302
    assert "Registering births offline" in visit(client, logout, "/learnings/")[1]
    assert "Registering births offline" in visit(client, logout, "/")[1]


def test_a_bulk_update_renews_pages_too(client, db, site, logout):
    """Writes sent as one UPDATE (no objects in the session) bump the version."""
    thread = site[3]
    cached(client, logout, "/c/govstack")
    _db.session.execute(
        update(Thread).where(Thread.id == thread.id).values(title="Renamed thread")
    )
    _db.session.commit()
    assert "Renamed thread" in visit(client, logout, "/c/govstack")[1]


def test_reading_as_a_member_keeps_the_cache(client, db, site, login, logout):
    """Marking a thread read writes only a private row: visitors' pages stay."""
    _, member, _, thread = site
    cached(client, logout, "/c/govstack")
    login(member)
    assert client.get(f"/t/{thread.id}").status_code == 200
    assert visit(client, logout, "/c/govstack")[0] == "hit"


def test_signed_in_pages_are_never_stored_nor_served(client, db, site, login, logout):
    private = make_community(slug="digital-id", visibility="members")
    member = make_user()
    make_membership(member, private)
    secret = make_thread(private, member, title="Our confidential rollout plan")
    login(member)
    for path in ["/", "/c/", "/c/digital-id", f"/t/{secret.id}", "/learnings/"]:
        response = client.get(path)
        assert response.headers.get(HIT_HEADER) is None, path
        if path in ("/", "/c/digital-id", f"/t/{secret.id}"):
            assert "Our confidential rollout plan" in response.data.decode()
    for path in ["/", "/c/", "/c/digital-id", f"/t/{secret.id}", "/learnings/"]:
        for _ in range(2):
            state, text = visit(client, logout, path)
            assert "Our confidential rollout plan" not in text, path


def test_a_visitor_with_a_flash_waiting_gets_a_fresh_page(client, db, site, logout):
    cached(client, logout, "/c/govstack")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "You are logged out.")]
    response = client.get("/c/govstack")
    assert response.headers.get(HIT_HEADER) is None
    assert "You are logged out." in response.data.decode()
    assert visit(client, logout, "/c/govstack")[0] == "hit"


def test_languages_are_cached_apart(client, db, site, logout):
    english = cached(client, logout, "/c/govstack")
    response = client.get("/c/govstack", headers={"Accept-Language": "fr"})
    assert response.headers.get(HIT_HEADER) == "miss"
    assert 'lang="fr"' in response.data.decode() and 'lang="en"' in english


def test_the_cache_can_be_switched_off(app, client, db, site, logout):
    app.config["PAGE_CACHE_ENABLED"] = False
    try:
        for _ in range(2):
            assert visit(client, logout, "/c/govstack")[0] is None
    finally:
        app.config["PAGE_CACHE_ENABLED"] = True


def test_a_visibility_change_by_bulk_update_is_seen(client, db, site, logout):
    thread = site[3]
    assert "Offline birth registration" in cached(client, logout, f"/t/{thread.id}")
    _db.session.execute(update(Community).values(visibility="members"))
    _db.session.commit()
    state, text = visit(client, logout, f"/t/{thread.id}")
    assert "Offline birth registration" not in text


def test_a_stored_page_is_served_gzipped_to_who_asks(client, db, site, logout):
    plain = cached(client, logout, "/c/govstack")
    response = client.get("/c/govstack", headers={"Accept-Encoding": "gzip"})
    assert response.headers[HIT_HEADER] == "hit"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.data).decode() == plain


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_with_csrf_on_visitor_pages_are_still_stored(client, db, site, logout, csrf_on):
    """Visitors see log-in links, not forms: no token ties their page to a session
    (a page that holds one is never stored: see the next test)."""
    thread = site[3]
    for path in [*VISITOR_PAGES, f"/t/{thread.id}"]:
        text = cached(client, logout, path)
        assert 'name="csrf_token"' not in text, path


def test_a_page_holding_a_csrf_token_is_not_stored(client, db, site, logout, csrf_on):
    # The log-in page is not cached at all; a cached view that rendered a token
    # would refuse to store it the same way (pages.is_storable).
    from community.pagecache.pages import is_storable

    with client.application.test_request_context("/"):
        from flask_wtf.csrf import generate_csrf

        generate_csrf()
        response = client.application.response_class("<p>token</p>")
        assert not is_storable(response)
