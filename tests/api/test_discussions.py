"""Threads through the API: the same services and rules as the pages."""

from sqlalchemy import select

from community.discussions.models import Post, Thread
from community.notifications.models import Notification
from tests.factories import make_reply


def test_start_thread_reply_vote_accept(client, db, forum, as_user):
    asker, member = as_user(forum.asker), as_user(forum.member)
    started = client.post(
        "/api/v1/communities/govstack/threads",
        json={
            "title": "Offline enrolment kits?",
            "kind": "question",
            "body": "Which kits work **offline**?",
            "tags": ["mosip", "offline"],
        },
        headers=asker,
    )
    assert started.status_code == 201, started.json
    thread = started.json
    assert thread["tags"] == ["mosip", "offline"] and thread["community"] == "govstack"
    listed = client.get("/api/v1/communities/govstack/threads").json["items"]
    assert listed[0]["id"] == thread["id"]
    answer = client.post(
        f"/api/v1/threads/{thread['id']}/posts",
        json={"body": "We used the MOSIP kit."},
        headers=member,
    )
    assert answer.status_code == 201
    post_id = answer.json["id"]
    nested = client.post(
        f"/api/v1/threads/{thread['id']}/posts",
        json={"body": "Which version?", "parent_id": post_id},
        headers=asker,
    )
    assert nested.json["parent_id"] == post_id and nested.json["depth"] == 2
    # The asker was told about the reply, as when replying on the page.
    assert db.session.scalar(
        select(Notification).where(Notification.user_id == forum.asker.id)
    )
    vote = client.post(f"/api/v1/posts/{post_id}/vote", headers=asker)
    assert vote.status_code == 200 and vote.json["count"] == 1
    twice = client.post(f"/api/v1/posts/{post_id}/vote", headers=asker)
    assert twice.status_code == 409
    own = client.post(f"/api/v1/posts/{post_id}/vote", headers=member)
    assert own.status_code == 403
    assert client.delete(f"/api/v1/posts/{post_id}/vote", headers=asker).json["ok"]
    assert (
        client.post(f"/api/v1/posts/{post_id}/accept", headers=member).status_code
        == 403
    )
    accepted = client.post(f"/api/v1/posts/{post_id}/accept", headers=asker)
    assert accepted.status_code == 200
    shown = client.get(f"/api/v1/threads/{thread['id']}").json
    assert shown["is_solved"] and shown["accepted_post_id"] == post_id


def test_edit_thread_title_with_if_match(client, db, forum, as_user):
    headers = as_user(forum.asker)
    url = f"/api/v1/threads/{forum.thread.id}"
    etag = client.get(url, headers=headers).headers["ETag"]
    response = client.patch(
        url,
        json={"title": "Registering births offline", "tags": ["crvs"]},
        headers={**headers, "If-Match": etag},
    )
    assert response.status_code == 200
    assert response.json["title"] == "Registering births offline"
    other = as_user(forum.member)
    etag = client.get(url, headers=other).headers["ETag"]
    refused = client.patch(
        url, json={"title": "Mine now"}, headers={**other, "If-Match": etag}
    )
    assert refused.status_code == 403


def test_locked_thread_refuses_replies_like_the_page(client, db, forum, as_user):
    forum.thread.is_locked = True
    db.session.commit()
    response = client.post(
        f"/api/v1/threads/{forum.thread.id}/posts",
        json={"body": "Still here?"},
        headers=as_user(forum.member),
    )
    assert response.status_code == 409
    assert "locked" in response.json["detail"]
    assert (
        db.session.scalar(select(Post).where(Post.body_source == "Still here?")) is None
    )


def test_outsider_cannot_post_and_idempotency_key_dedupes(client, db, forum, as_user):
    response = client.post(
        "/api/v1/communities/govstack/threads",
        json={"title": "Hello", "kind": "discussion", "body": "Hi"},
        headers=as_user(forum.outsider),
    )
    assert response.status_code == 403
    member = as_user(forum.member)
    body = {
        "title": "Posted once",
        "kind": "discussion",
        "body": "Only once",
        "idempotency_key": "k1",
    }
    first = client.post(
        "/api/v1/communities/govstack/threads", json=body, headers=member
    )
    again = client.post(
        "/api/v1/communities/govstack/threads", json=body, headers=member
    )
    assert first.json["id"] == again.json["id"]
    assert (
        len(
            db.session.scalars(
                select(Thread).where(Thread.title == "Posted once")
            ).all()
        )
        == 1
    )


def test_hidden_and_deleted_posts_keep_their_place_without_text(
    client, db, forum, as_user
):
    from community.timezones import utcnow

    post = make_reply(forum.thread, forum.member, "Soon removed")
    post.deleted_at = utcnow()
    db.session.commit()
    items = client.get(f"/api/v1/threads/{forum.thread.id}/posts").json["items"]
    removed = next(item for item in items if item["id"] == post.id)
    assert removed["is_deleted"] and removed["body_html"] is None
    assert removed["body_source"] is None
