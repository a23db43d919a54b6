"""Editing with revisions and conflicts, soft delete."""

from sqlalchemy import select

from community.discussions.models import Post, PostRevision
from tests.factories import make_reply


def test_author_edits_and_the_revision_is_kept(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "First version")
    login(forum.member)
    form = client.get(f"/p/{post.id}/edit")
    assert form.status_code == 200 and b"First version" in form.data
    response = client.post(
        f"/p/{post.id}/edit", data={"body": "Second version", "version": 1}
    )
    assert response.status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert post.body_source == "Second version" and post.version == 2 and post.edited_at
    revision = db.session.scalar(
        select(PostRevision).where(PostRevision.post_id == post.id)
    )
    assert (
        revision.body_source == "First version"
        and revision.editor_id == forum.member.id
    )
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert f'href="/p/{post.id}/history">edited</a>' in page
    history = client.get(f"/p/{post.id}/history").data.decode()
    assert "<del>First</del><ins>Second</ins> version" in history
    assert "Edited by Ravi" in history


def test_unchanged_text_adds_no_revision(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Same")
    login(forum.member)
    client.post(f"/p/{post.id}/edit", data={"body": "Same", "version": 1})
    assert db.session.scalar(select(PostRevision)) is None


def test_editing_someone_elses_post_is_forbidden(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Mine")
    login(forum.asker)
    assert client.get(f"/p/{post.id}/edit").status_code == 403
    response = client.post(f"/p/{post.id}/edit", data={"body": "Hijacked"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_source == "Mine"


def test_moderators_edit_any_post(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Contains a phone number")
    login(forum.moderator)
    response = client.post(
        f"/p/{post.id}/edit", data={"body": "Contains [removed]", "version": 1}
    )
    assert response.status_code == 302
    revision = db.session.scalar(select(PostRevision))
    assert revision.editor_name == "Jonas"


def test_concurrent_edit_shows_a_conflict_with_both_texts(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Original")
    login(forum.moderator)
    client.post(f"/p/{post.id}/edit", data={"body": "Moderator's fix", "version": 1})
    login(forum.member)
    response = client.post(
        f"/p/{post.id}/edit", data={"body": "My late edit", "version": 1}
    )
    assert response.status_code == 409
    page = response.data.decode()
    assert "changed this post while you were editing" in page
    assert "Moderator&#39;s fix" in page and "My late edit" in page
    assert 'name="version" type="hidden" value="2"' in page
    again = client.post(
        f"/p/{post.id}/edit", data={"body": "My late edit", "version": 2}
    )
    assert again.status_code == 302


def test_bad_edit_is_refused_with_text_kept(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Fine")
    login(forum.member)
    empty = client.post(f"/p/{post.id}/edit", data={"body": "", "version": 1})
    assert empty.status_code == 400
    huge = client.post(f"/p/{post.id}/edit", data={"body": "q" * 50_001, "version": 1})
    assert huge.status_code == 400 and b"q" * 50_001 in huge.data


def test_soft_delete_keeps_the_place_and_the_replies(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Regrettable words")
    child = make_reply(forum.thread, forum.asker, "An answer to it", parent=post)
    login(forum.member)
    response = client.post(f"/p/{post.id}/delete")
    assert response.status_code == 302
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "Regrettable words" not in page and "[deleted]" in page
    assert f'id="p{post.id}"' in page and "An answer to it" in page
    assert child.id
    assert client.get(f"/p/{post.id}/edit").status_code == 403
    login(forum.asker)
    assert client.post(f"/p/{child.id}/delete").status_code == 302
    assert client.post(f"/p/{post.id}/delete").status_code == 403


def test_opening_post_cannot_be_deleted(client, db, forum, login):
    opening = db.session.scalar(select(Post).where(Post.depth == 0))
    login(forum.asker)
    assert client.post(f"/p/{opening.id}/delete").status_code == 403
