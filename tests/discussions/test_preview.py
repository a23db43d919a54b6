"""Preview shows the rendered text without saving anything (no JavaScript)."""

from sqlalchemy import func, select

from community.discussions.models import Post, Thread
from community.extensions import limiter
from tests.factories import make_reply


def posts(db) -> int:
    return db.session.scalar(select(func.count(Post.id)))


def test_reply_preview_saves_nothing_and_keeps_the_text(client, db, forum, login):
    login(forum.member)
    before = posts(db)
    data = {"body": "Preview me please", "preview": "1"}
    response = client.post(f"/t/{forum.thread.id}/reply", data=data)
    assert response.status_code == 200
    page = response.data.decode()
    assert "Preview (not sent yet)" in page
    assert "<p>Preview me please</p>" in page
    assert "Preview me please</textarea>" in page
    assert posts(db) == before


def test_new_thread_and_edit_previews(client, db, forum, login):
    login(forum.member)
    data = {
        "title": "Previewed thread title",
        "kind": "discussion",
        "body": "Thread body here",
        "preview": "1",
    }
    response = client.post("/c/govstack/new", data=data)
    assert response.status_code == 200 and b"Preview (not posted yet)" in response.data
    assert (
        db.session.scalar(select(Thread).where(Thread.title == data["title"])) is None
    )
    post = make_reply(forum.thread, forum.member, "Old text")
    edit = client.post(f"/p/{post.id}/edit", data={"body": "New text", "preview": "1"})
    assert edit.status_code == 200 and b"Preview (not saved yet)" in edit.data
    db.session.expire_all()
    assert db.session.get(Post, post.id).body_source == "Old text"


def test_preview_of_invalid_text_shows_the_error(client, db, forum, login):
    login(forum.member)
    response = client.post(
        f"/t/{forum.thread.id}/reply", data={"body": "", "preview": "1"}
    )
    assert response.status_code == 400 and b"Write something" in response.data


def test_previews_do_not_count_against_the_posting_limit(app, client, db, forum, login):
    app.config["POST_RATE_LIMIT"] = "1 per minute"
    limiter.reset()
    try:
        login(forum.member)
        url = f"/t/{forum.thread.id}/reply"
        for _ in range(3):
            data = {"body": "draft", "preview": "1"}
            assert client.post(url, data=data).status_code == 200
        assert client.post(url, data={"body": "sent"}).status_code == 302
    finally:
        app.config["POST_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
