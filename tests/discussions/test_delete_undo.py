"""Deleting a post asks first (a page, no JavaScript) and can be undone for a while."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from community.audit import AuditLog
from community.discussions.models import Post
from community.discussions.permissions import UNDO_DELETE_WINDOW
from community.extensions import db as _db
from community.timezones import utcnow
from tests.factories import make_reply


def fresh(post: Post) -> Post:
    _db.session.expire_all()
    return _db.session.get(Post, post.id)


def test_delete_asks_then_offers_undo(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "A reply I regret")
    login(forum.member)
    thread_page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert f'href="/p/{post.id}/delete"' in thread_page  # a link, not a button
    confirm = client.get(f"/p/{post.id}/delete")
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200
    assert "Delete this post?" in text and "A reply I regret" in text
    assert f'action="/p/{post.id}/delete"' in text and "Keep it" in text
    assert fresh(post).deleted_at is None  # looking asks nothing of the database
    response = client.post(f"/p/{post.id}/delete")
    assert response.status_code == 302
    assert fresh(post).is_deleted
    page = client.get(response.headers["Location"], follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "Post deleted." in page and f'action="/p/{post.id}/undelete"' in page
    undo = client.post(f"/p/{post.id}/undelete")
    assert undo.status_code == 302
    assert not fresh(post).is_deleted
    page = client.get(undo.headers["Location"], follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "Post deleted." not in page and "A reply I regret" in page
    # A second click (another tab) changes nothing and does not fail.
    assert client.post(f"/p/{post.id}/undelete").status_code == 302


def test_after_the_window_the_deletion_stands(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Gone for good")
    login(forum.member)
    client.post(f"/p/{post.id}/delete")
    _db.session.execute(
        update(Post)
        .where(Post.id == post.id)
        .values(deleted_at=utcnow() - UNDO_DELETE_WINDOW - timedelta(seconds=1))
    )
    _db.session.commit()
    assert client.post(f"/p/{post.id}/undelete").status_code == 403
    assert fresh(post).is_deleted


def test_a_moderators_undo_is_logged(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Off-topic")
    login(forum.moderator)
    client.post(f"/p/{post.id}/delete")
    assert client.post(f"/p/{post.id}/undelete").status_code == 302
    actions = _db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions[-2:] == ["post.delete", "post.undelete"]


# role -> (GET confirm page, POST undo of the member's fresh deletion)
UNDO_MATRIX = {
    "visitor": (302, 302),
    "outsider": (403, 403),
    "other_member": (403, 403),
    "author": (200, 302),
    "moderator": (200, 302),
    "site_moderator": (200, 302),
}


@pytest.mark.parametrize("role", list(UNDO_MATRIX))
def test_delete_and_undo_permission_matrix(
    client, db, forum, people, login, logout, role
):
    people = {**people, "other_member": forum.asker, "author": forum.member}
    confirm_status, undo_status = UNDO_MATRIX[role]
    post = make_reply(forum.thread, forum.member, "Mine")
    deleted = make_reply(forum.thread, forum.member, "Deleted just now")
    login(forum.member)
    assert client.post(f"/p/{deleted.id}/delete").status_code == 302
    if role == "visitor":
        logout()
    else:
        login(people[role])
    assert client.get(f"/p/{post.id}/delete").status_code == confirm_status
    assert client.post(f"/p/{deleted.id}/undelete").status_code == undo_status
    assert fresh(deleted).is_deleted is (
        role not in ("author", "moderator", "site_moderator")
    )


def test_bad_ids_and_the_opening_post(client, db, forum, login):
    login(forum.asker)
    opening = _db.session.scalar(
        select(Post).where(Post.thread_id == forum.thread.id, Post.depth == 0)
    )
    assert client.get(f"/p/{opening.id}/delete").status_code == 403
    assert client.post(f"/p/{opening.id}/undelete").status_code == 302  # not deleted
    assert client.get("/p/999999999/delete").status_code == 404
    assert client.post("/p/999999999/undelete").status_code == 404


def accepted_id(thread) -> int | None:
    _db.session.expire_all()
    return _db.session.get(type(thread), thread.id).accepted_post_id


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_undoing_the_delete_of_the_accepted_answer_restores_the_mark(
    app, client, db, forum, login, who
):
    visitor = app.test_client()
    answer = make_reply(forum.thread, forum.member, "Use the offline kit")
    login(forum.asker)
    assert client.post(f"/p/{answer.id}/accept").status_code == 302
    login(getattr(forum, who))
    assert client.post(f"/p/{answer.id}/delete").status_code == 302
    assert accepted_id(forum.thread) is None  # a deleted post is no answer
    visitor_page = visitor.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "✓ Solved" not in visitor_page  # now in the visitors' page cache
    assert client.post(f"/p/{answer.id}/undelete").status_code == 302
    assert accepted_id(forum.thread) == answer.id
    page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "Accepted answer" in page and "✓ Solved" in page
    visitor_page = visitor.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "Accepted answer" in visitor_page and "✓ Solved" in visitor_page


def test_undo_never_takes_the_mark_from_an_answer_accepted_meanwhile(
    client, db, forum, login
):
    first = make_reply(forum.thread, forum.member, "First answer")
    second = make_reply(forum.thread, forum.moderator, "Second answer")
    login(forum.asker)
    client.post(f"/p/{first.id}/accept")
    login(forum.member)
    client.post(f"/p/{first.id}/delete")
    login(forum.asker)
    client.post(f"/p/{second.id}/accept")
    login(forum.member)
    assert client.post(f"/p/{first.id}/undelete").status_code == 302
    assert not fresh(first).is_deleted
    assert accepted_id(forum.thread) == second.id


def test_undoing_the_delete_of_a_plain_reply_marks_no_answer(client, db, forum, login):
    answered = make_reply(forum.thread, forum.member, "The answer")
    other = make_reply(forum.thread, forum.member, "Just a remark")
    login(forum.asker)
    client.post(f"/p/{answered.id}/accept")
    client.post(f"/p/{answered.id}/accept", data={"undo": "1"})  # open again
    login(forum.member)
    client.post(f"/p/{other.id}/delete")
    client.post(f"/p/{other.id}/undelete")
    assert accepted_id(forum.thread) is None
