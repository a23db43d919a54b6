"""Replies: the tree, quoting, refusals, double submits, rate limits, paging."""

from datetime import timedelta

from sqlalchemy import func, select

from community.discussions.models import Post
from community.extensions import limiter
from community.timezones import utcnow
from tests.factories import make_membership, make_reply, make_user


def post_count(db) -> int:
    return db.session.scalar(select(func.count(Post.id)))


def test_reply_to_thread_and_to_a_post_nests(client, db, forum, login):
    login(forum.member)
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": "Use a queue."})
    assert response.status_code == 302
    first = db.session.scalar(select(Post).where(Post.body_source == "Use a queue."))
    assert first.depth == 1 and first.branch_id == first.id
    # One redirect, straight to the post on its thread page (issue 13), no
    # longer through /p/<id>.
    assert response.headers["Location"].endswith(f"#p{first.id}")
    login(forum.asker)
    client.post(
        f"/t/{forum.thread.id}/reply",
        data={"body": "Which queue?", "parent_id": first.id},
    )
    second = db.session.scalar(select(Post).where(Post.body_source == "Which queue?"))
    assert second.parent_id == first.id and second.depth == 2
    assert second.path.startswith(first.path) and second.branch_id == first.id
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert f'id="p{first.id}" class="post depth-1' in page
    assert f'id="p{second.id}" class="post depth-2' in page
    assert page.index("Use a queue.") < page.index("Which queue?")


def test_deep_replies_stop_at_depth_five_with_reply_to_name(client, db, forum):
    parent = None
    for level in range(1, 8):
        author = forum.member if level % 2 else forum.asker
        parent = make_reply(forum.thread, author, f"Level {level}", parent=parent)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert f'id="p{parent.id}" class="post depth-5' in page
    assert "in reply to @amina" in page  # level 7 answers level 6, by amina
    assert "depth-6" not in page


def test_each_post_shows_author_details_time_and_anchor(client, db, forum, login):
    forum.member.organisation = "State e-Governance Mission"
    forum.member.kind = "government"
    forum.member.timezone = "Asia/Kolkata"
    db.session.commit()
    post = make_reply(forum.thread, forum.member, "Details please")
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert f'id="p{post.id}"' in page
    assert "State e-Governance Mission" in page and "Government" in page
    assert "just now" in page and "IST" in page


def test_quote_prefills_a_blockquote_with_attribution(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Line one\n\nLine two")
    login(forum.asker)
    page = client.get(f"/t/{forum.thread.id}?quote={post.id}").data.decode()
    assert f"Ravi [wrote](/p/{post.id}):" in page
    assert "&gt; Line one\n&gt;\n&gt; Line two" in page
    assert f'name="parent_id" type="hidden" value="{post.id}"' in page


def test_empty_and_oversized_bodies_are_refused_with_text_kept(
    client, db, forum, login
):
    login(forum.member)
    before = post_count(db)
    empty = client.post(f"/t/{forum.thread.id}/reply", data={"body": ""})
    assert empty.status_code == 400 and b"Write something" in empty.data
    huge = "z" * 50_001
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": huge})
    assert response.status_code == 400
    assert b"longer than 50,000 characters" in response.data
    assert huge.encode() in response.data
    assert post_count(db) == before


def test_reply_to_deleted_or_hidden_post_is_refused(client, db, forum, login):
    deleted = make_reply(forum.thread, forum.asker, "Going away")
    hidden = make_reply(forum.thread, forum.asker, "Rude")
    deleted.deleted_at = utcnow()
    hidden.hidden_at = utcnow()
    db.session.commit()
    login(forum.member)
    before = post_count(db)
    for target in (deleted, hidden):
        data = {"body": "my kept words", "parent_id": target.id}
        response = client.post(f"/t/{forum.thread.id}/reply", data=data)
        assert response.status_code == 400
        assert b"was removed" in response.data and b"my kept words" in response.data
    assert post_count(db) == before


def test_reply_to_a_post_of_another_thread_is_refused(client, db, forum, login):
    from tests.factories import make_thread

    other = make_thread(forum.community, forum.asker, title="Another thread here")
    stranger = make_reply(other, forum.asker, "elsewhere")
    login(forum.member)
    data = {"body": "kept", "parent_id": stranger.id}
    response = client.post(f"/t/{forum.thread.id}/reply", data=data)
    assert response.status_code == 400 and b"not in this thread" in response.data


def test_locked_thread_refuses_replies_with_a_clear_message(client, db, forum, login):
    forum.thread.is_locked = True
    db.session.commit()
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}")
    assert b"This thread is locked" in page.data and b"Send reply" not in page.data
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": "kept text"})
    assert response.status_code == 400
    assert b"This thread is locked" in response.data and b"kept text" in response.data
    login(forum.moderator)
    ok = client.post(f"/t/{forum.thread.id}/reply", data={"body": "Moderator note"})
    assert ok.status_code == 302


def test_non_members_and_visitors_cannot_reply(client, db, forum, login):
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": "hi"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    login(forum.outsider)
    page = client.get(f"/t/{forum.thread.id}")
    assert b"Join Govstack to reply" in page.data
    assert (
        client.post(f"/t/{forum.thread.id}/reply", data={"body": "hi"}).status_code
        == 403
    )


def test_double_submit_of_a_reply_creates_one_post(client, db, forum, login):
    login(forum.member)
    before = post_count(db)
    data = {"body": "Only once", "idempotency_key": "abc123"}
    first = client.post(f"/t/{forum.thread.id}/reply", data=data)
    second = client.post(f"/t/{forum.thread.id}/reply", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert post_count(db) == before + 1


def test_posting_is_rate_limited_per_account(app, client, db, forum, login):
    app.config["POST_RATE_LIMIT"] = "2 per minute"
    limiter.reset()
    try:
        login(forum.member)
        url = f"/t/{forum.thread.id}/reply"
        assert client.post(url, data={"body": "one"}).status_code == 302
        assert client.post(url, data={"body": "two"}).status_code == 302
        refused = client.post(url, data={"body": "three kept"})
        assert refused.status_code == 429 and "Retry-After" in refused.headers
        assert b"posting faster than we allow" in refused.data
        assert b"three kept" in refused.data
        login(forum.asker)  # another account has its own budget
        assert client.post(url, data={"body": "four"}).status_code == 302
    finally:
        app.config["POST_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()


def test_new_accounts_have_a_stricter_limit(app, client, db, forum, login):
    newcomer = make_user(username="newbie")
    make_membership(newcomer, forum.community)
    forum.member.created_at = utcnow() - timedelta(days=3)
    forum.member.trust_level = 1  # basic: past the new-account limits
    db.session.commit()
    app.config["NEW_ACCOUNT_POST_RATE_LIMIT"] = "1 per minute"
    limiter.reset()
    try:
        url = f"/t/{forum.thread.id}/reply"
        login(newcomer)
        assert client.post(url, data={"body": "one"}).status_code == 302
        assert client.post(url, data={"body": "two"}).status_code == 429
        data = {"title": "Too fast thread", "kind": "question", "body": "kept body"}
        refused = client.post("/c/govstack/new", data=data)
        assert refused.status_code == 429 and b"kept body" in refused.data
        login(forum.member)
        for body in ("a", "b", "c"):
            assert client.post(url, data={"body": body}).status_code == 302
    finally:
        app.config["NEW_ACCOUNT_POST_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()


def test_long_threads_page_in_tree_order(client, db, forum):
    first = make_reply(forum.thread, forum.member, "reply number 1")
    for number in range(2, 52):
        last = make_reply(forum.thread, forum.member, f"reply number {number}")
    child = make_reply(
        forum.thread, forum.asker, "late child of the first", parent=first
    )
    page_one = client.get(f"/t/{forum.thread.id}").data.decode()
    # The child sits under its parent, so the page ends one reply earlier.
    assert "reply number 49<" in page_one and "reply number 50<" not in page_one
    assert "late child of the first" in page_one and "Page 1 of 2" in page_one
    page_two = client.get(f"/t/{forum.thread.id}?page=2").data.decode()
    assert "reply number 50<" in page_two and "reply number 1<" not in page_two
    redirect = client.get(f"/p/{last.id}")
    assert redirect.status_code == 302
    assert redirect.headers["Location"].endswith(
        f"/t/{forum.thread.id}/{forum.thread.slug}?page=2#p{last.id}"
    )
    assert client.get(f"/p/{child.id}").headers["Location"].endswith(f"#p{child.id}")
    assert "page=" not in client.get(f"/p/{child.id}").headers["Location"]
    assert client.get(f"/t/{forum.thread.id}?page=9").status_code == 404


def test_a_form_reused_with_new_text_makes_a_new_post(client, db, forum, login):
    login(forum.member)
    url = f"/t/{forum.thread.id}/reply"
    client.post(url, data={"body": "First text", "idempotency_key": "k1"})
    client.post(url, data={"body": "Different text", "idempotency_key": "k1"})
    bodies = db.session.scalars(select(Post.body_source).where(Post.depth == 1)).all()
    assert sorted(bodies) == ["Different text", "First text"]


def test_quoting_the_question_replies_to_the_thread(client, db, forum, login):
    opening = db.session.scalar(select(Post).where(Post.depth == 0))
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}?quote={opening.id}").data.decode()
    assert "&gt; How do you do this?" in page
    assert 'name="parent_id" type="hidden" value=""' in page
    assert "Reply to the thread</h2>" in page
