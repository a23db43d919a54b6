"""Hostile Markdown is defused at save time; every form needs a CSRF token."""

import re

import pytest
from sqlalchemy import select

from community.discussions.models import Post
from tests.factories import make_reply

HOSTILE = (
    "<script>alert(1)</script>\n\n"
    "[click](javascript:alert(2))\n\n"
    '<img src="x" onerror="alert(3)">\n\n'
    '<iframe src="https://evil.example"></iframe>'
)


def assert_defused(html: str) -> None:
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert 'href="javascript:' not in lowered
    assert not re.search(r"<[a-z]+[^>]*\son\w+=", lowered)  # no live event handlers
    assert "<iframe" not in lowered


def test_hostile_markdown_is_sanitised_when_saved(client, db, forum, login):
    login(forum.member)
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": HOSTILE})
    assert response.status_code == 302
    post = db.session.scalar(select(Post).where(Post.depth == 1))
    assert post.body_source == HOSTILE
    assert_defused(post.body_html)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "<script>alert(1)" not in page and "<iframe" not in page


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_text_forms_refuse_a_missing_token_and_keep_the_text(
    client, db, forum, login, csrf_on
):
    post = make_reply(forum.thread, forum.member, "Original text")
    login(forum.member)
    kept = "kept words 12345"
    forms = {
        "/c/govstack/new": {"title": "A kept title", "kind": "question", "body": kept},
        f"/t/{forum.thread.id}/reply": {"body": kept},
        f"/p/{post.id}/edit": {"body": kept, "version": 1},
    }
    for url, data in forms.items():
        response = client.post(url, data={**data, "csrf_token": "stale"})
        assert response.status_code == 400, url
        assert kept.encode() in response.data, url
        assert b"form had expired" in response.data, url
    login(forum.asker)
    edit = client.post(
        f"/t/{forum.thread.id}/edit", data={"title": "Kept title text", "tags": ""}
    )
    assert edit.status_code == 400 and b"Kept title text" in edit.data
    login(forum.moderator)
    hide = client.post(f"/p/{post.id}/hide", data={"reason": "kept reason"})
    assert hide.status_code == 400 and b"kept reason" in hide.data
    login(forum.asker)
    flag = client.post(
        f"/p/{post.id}/flag", data={"reason": "spam", "text": "kept flag text"}
    )
    assert flag.status_code == 400 and b"kept flag text" in flag.data


def test_buttons_refuse_a_missing_token(client, db, forum, login, csrf_on):
    post = make_reply(forum.thread, forum.member, "Something")
    login(forum.moderator)
    urls = [
        f"/p/{post.id}/vote",
        f"/p/{post.id}/accept",
        f"/p/{post.id}/delete",
        f"/p/{post.id}/restore",
        f"/t/{forum.thread.id}/pin",
        f"/t/{forum.thread.id}/lock",
        f"/t/{forum.thread.id}/watch/watch",
        "/c/govstack/watch/watch",
        f"/p/{post.id}/flags/dismiss",
        f"/p/{post.id}/flags/hide",
        f"/p/{post.id}/flags/ban",
    ]
    for url in urls:
        assert client.post(url, data={"reason": "x"}).status_code == 400, url
    db.session.expire_all()
    assert db.session.get(Post, post.id).vote_count == 0


def test_a_valid_token_is_accepted(client, db, forum, login, csrf_on):
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    data = {"body": "With a token", "csrf_token": token}
    assert client.post(f"/t/{forum.thread.id}/reply", data=data).status_code == 302


def test_known_mentions_become_profile_links(client, db, forum, login):
    from community import text

    # Fails (no longer skips) if the renderer stops finding mentions.
    assert text.find_mentions("hi @ravi") == ["ravi"]
    login(forum.asker)
    body = "Thanks @ravi, and hello @nobody-at-all"
    client.post(f"/t/{forum.thread.id}/reply", data={"body": body})
    post = db.session.scalar(select(Post).where(Post.depth == 1))
    assert 'href="/u/ravi"' in post.body_html
    assert "/u/nobody-at-all" not in post.body_html
