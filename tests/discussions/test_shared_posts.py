"""Issue 22: a thread's posts are rendered once per kind of reader and kept
(discussions/postlist.py); each reader's own bits (votes, new posts, their
own posts' links, their CSRF token) are filled in. Every write that changes
a post list renews it, and nobody gets a list they may not read."""

import re

import pytest

from community.discussions.models import Thread
from community.extensions import db as _db
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)

BUILT = "FROM posts LEFT OUTER JOIN users"  # the page's posts being loaded


def view(client, login, user, path: str):
    """The page as this person gets it: (status, text, SQL statements)."""
    from sqlalchemy import event

    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    login(user)
    event.listen(_db.engine, "before_cursor_execute", record)
    try:
        response = client.get(path)
    finally:
        event.remove(_db.engine, "before_cursor_execute", record)
    return response.status_code, response.get_data(as_text=True), statements


def built(statements) -> bool:
    return any(BUILT in statement for statement in statements)


def text_of(client, login, user, path: str) -> str:
    status, text, _ = view(client, login, user, path)
    assert status == 200, path
    assert "<!--r:" not in text  # every slot filled
    return text


@pytest.fixture
def talk(db, forum):
    """The forum's thread with a reply by the member and one by the asker."""
    own = make_reply(forum.thread, forum.member, "Ravi writes back")
    other = make_reply(forum.thread, forum.asker, "Amina writes back")
    peer = make_user(username="peer")
    make_membership(peer, forum.community)
    _db.session.commit()
    return forum, own, other, peer


def article(page: str, post_id: int) -> str:
    found = re.search(rf'<article id="p{post_id}".*?</article>', page, re.S)
    assert found, post_id
    return found.group(0)


def test_a_second_reader_of_the_same_kind_gets_the_kept_posts(client, db, talk, login):
    forum, own, other, peer = talk
    path = f"/t/{forum.thread.id}"
    assert built(view(client, login, forum.member, path)[2])
    status, page, statements = view(client, login, peer, path)
    assert status == 200 and not built(statements)
    assert "Ravi writes back" in page
    # A moderator is another kind of reader: their own list.
    assert built(view(client, login, forum.moderator, path)[2])


def test_each_reader_sees_their_own_links_votes_and_news(client, db, talk, login):
    forum, own, other, peer = talk
    path = f"/t/{forum.thread.id}"
    login(peer)
    assert client.post(f"/p/{other.id}/vote").status_code == 302
    mine = text_of(client, login, forum.member, path)
    theirs = text_of(client, login, peer, path)
    # The author edits and deletes their post; others vote and flag it.
    assert f"/p/{own.id}/edit" in article(mine, own.id)
    assert f"/p/{own.id}/edit" not in article(theirs, own.id)
    assert f"/p/{own.id}/flag" in article(theirs, own.id)
    assert f"/p/{own.id}/flag" not in article(mine, own.id)
    assert "Upvote" in article(theirs, own.id)
    assert "Upvote" not in article(mine, own.id)
    # Only the voter sees their vote as undoable.
    assert "Undo vote" in article(theirs, other.id)
    assert "Undo vote" not in article(mine, other.id)
    assert "Upvote" in article(mine, other.id)
    # A reply after their visit is new to the reader who was here.
    later = make_reply(forum.thread, forum.asker, "Later news")
    _db.session.commit()
    again = text_of(client, login, peer, path)
    assert "post-new" in article(again, later.id)
    assert "New since your last visit" in again
    assert "post-new" not in article(again, other.id)
    first_time = make_user()
    make_membership(first_time, forum.community)
    _db.session.commit()
    assert "post-new" not in text_of(client, login, first_time, path)


def test_forms_in_kept_posts_carry_each_readers_own_token(app, client, db, talk, login):
    forum, own, other, peer = talk
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        path = f"/t/{forum.thread.id}"
        text_of(client, login, forum.member, path)
        page = text_of(client, login, peer, path)
        form = re.search(
            rf'action="/p/{other.id}/vote".*?name="csrf_token" value="([^"]+)"',
            page,
            re.S,
        )
        response = client.post(f"/p/{other.id}/vote", data={"csrf_token": form[1]})
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def renewed_by(client, login, reader, path: str, write, expected: str, gone=None):
    """The reader's page holds `expected` (and not `gone`) after `write`, though
    the page was kept before it."""
    before = text_of(client, login, reader, path)
    assert expected not in before
    write()
    after = text_of(client, login, reader, path)
    assert expected in after
    if gone is not None:
        assert gone not in after


def test_replies_edits_votes_and_answers_renew_the_kept_posts(client, db, talk, login):
    forum, own, other, peer = talk
    path = f"/t/{forum.thread.id}"
    thread = _db.session.get(Thread, forum.thread.id)
    thread.kind = "question"
    _db.session.commit()

    def as_member(url, data=None):
        def write():
            login(forum.member)
            assert client.post(url, data=data or {}).status_code == 302

        return write

    def as_asker(url):
        def write():
            login(forum.asker)
            assert client.post(url).status_code == 302

        return write

    reply = as_member(f"/t/{forum.thread.id}/reply", {"body": "A fresh reply"})
    renewed_by(client, login, peer, path, reply, "A fresh reply")
    edit = as_member(f"/p/{own.id}/edit", {"body": "Ravi, edited", "version": 1})
    renewed_by(client, login, peer, path, edit, "Ravi, edited")
    renewed_by(client, login, peer, path, as_member(f"/p/{other.id}/vote"), "1 vote")
    accept = as_asker(f"/p/{own.id}/accept")
    renewed_by(client, login, peer, path, accept, "Accepted answer")


def test_deleting_undoing_hiding_and_restoring_renew_the_kept_posts(
    client, db, talk, login
):
    forum, own, other, peer = talk
    path = f"/t/{forum.thread.id}"

    def posted(user, url, data=None):
        def write():
            login(user)
            assert client.post(url, data=data or {}).status_code == 302

        return write

    member, moderator = forum.member, forum.moderator
    delete = posted(member, f"/p/{own.id}/delete")
    renewed_by(client, login, peer, path, delete, "[deleted]", gone="Ravi writes")
    undo = posted(member, f"/p/{own.id}/undelete")
    renewed_by(client, login, peer, path, undo, "Ravi writes back", gone="[deleted]")
    hide = posted(moderator, f"/p/{other.id}/hide", {"reason": "Spam"})
    renewed_by(client, login, peer, path, hide, "[hidden by a moderator]")
    restore = posted(moderator, f"/p/{other.id}/restore")
    text = text_of(client, login, peer, path)
    restore()
    assert "[hidden by a moderator]" in text
    assert "[hidden by a moderator]" not in text_of(client, login, peer, path)


def test_moving_merging_and_splitting_renew_the_kept_posts(client, db, talk, login):
    forum, own, other, peer = talk
    elsewhere = make_community(slug="elsewhere", name="Elsewhere")
    make_membership(forum.moderator, elsewhere, role="moderator")
    make_membership(peer, elsewhere)
    second = make_thread(forum.community, forum.asker, title="Same question again")
    make_reply(second, forum.asker, "Merged words")
    _db.session.commit()
    path = f"/t/{forum.thread.id}"

    def moderate(url, data):
        def write():
            login(forum.moderator)
            assert client.post(url, data=data).status_code == 302

        return write

    target = {"target": f"/t/{forum.thread.id}/x", "confirm": "1"}
    merge = moderate(f"/t/{second.id}/merge", target)
    renewed_by(client, login, peer, path, merge, "Merged words")
    assert "Ravi writes back" in text_of(client, login, peer, path)
    split = {"title": "Split off talk", "posts": [own.id]}
    moderate(f"/t/{forum.thread.id}/split", split)()
    assert "Ravi writes back" not in text_of(client, login, peer, path)
    move = moderate(f"/t/{forum.thread.id}/move", {"community": elsewhere.id})
    renewed_by(client, login, peer, path, move, ">Elsewhere</a>")


def test_members_only_posts_never_reach_a_non_member(client, db, forum, login):
    secret = make_community(slug="secret", visibility="members")
    insider, leaver = make_user(), make_user()
    for person in (insider, leaver):
        make_membership(person, secret)
    thread = make_thread(secret, insider, title="Members' matters")
    make_reply(thread, insider, "Only for members")
    _db.session.commit()
    path = f"/t/{thread.id}"
    assert "Only for members" in text_of(client, login, leaver, path)
    assert "Only for members" in text_of(client, login, insider, path)
    # Kept for members; still 404 for an outsider of the same rights elsewhere.
    assert view(client, login, forum.outsider, path)[0] == 404
    login(leaver)
    assert client.post("/c/secret/leave").status_code == 302
    assert view(client, login, leaver, path)[0] == 404
    assert "Only for members" in text_of(client, login, insider, path)


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_thread_pages_stay_within_ten_statements(
    client, db, forum, login, count_queries, who
):
    for number in range(60):  # two pages
        make_reply(forum.thread, make_user(), f"Reply {number}")
    _db.session.commit()
    thread_id = forum.thread.id
    reader = getattr(forum, who)
    login(reader)
    for path in (f"/t/{thread_id}", f"/t/{thread_id}?page=2"):
        with count_queries() as first:  # built, and the visit recorded
            assert client.get(path).status_code == 200
        with count_queries() as again:  # kept: only the reader's own bits
            assert client.get(path).status_code == 200
        assert first.count <= 10, (path, first.statements)
        assert again.count <= 6, (path, again.statements)
        assert not built(again.statements)
