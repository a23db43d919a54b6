"""Merging threads and splitting replies off: the tree, the addresses, the rules."""

import pytest
from sqlalchemy import select

from community.audit import AuditLog
from community.discussions.models import PATH_WIDTH, Post, Thread
from community.extensions import db as _db
from community.notifications import subscriptions
from community.notifications.subscriptions import THREAD
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
)


def tree(thread_id: int) -> list[tuple[int, int, int | None, int | None]]:
    """(id, depth, parent, branch) of every post, in page order; paths checked."""
    _db.session.expire_all()
    posts = _db.session.scalars(
        select(Post).where(Post.thread_id == thread_id).order_by(Post.path)
    ).all()
    for post in posts:
        assert post.path.endswith(f"{post.id:0{PATH_WIDTH}d}")
        assert len(post.path) == (post.depth + 1) * PATH_WIDTH
        if post.parent_id is not None:
            parent = _db.session.get(Post, post.parent_id)
            assert parent.thread_id == thread_id and post.path.startswith(parent.path)
    return [(p.id, p.depth, p.parent_id, p.branch_id) for p in posts]


@pytest.fixture
def pair(db, forum):
    """Two threads of the forum with replies, one reply with a sub-branch."""
    target = forum.thread
    first = make_reply(target, forum.member, "Target's first reply")
    source = make_thread(forum.community, forum.member, title="Same question again")
    answer = make_reply(source, forum.asker, "Source answer")
    deeper = make_reply(source, forum.member, "Under the answer", parent=answer)
    later = make_reply(target, forum.asker, "Target's later reply")
    return target, source, first, answer, deeper, later


def merge(client, source_id: int, target_id: int, confirm=True):
    data = {"target": f"/t/{target_id}/x", "confirm": "1" if confirm else ""}
    return client.post(f"/t/{source_id}/merge", data=data)


def test_merging_moves_every_post_in_time_order(client, db, forum, pair, login):
    target, source, first, answer, deeper, later = pair
    source_id, target_id = source.id, target.id
    source_opening = _db.session.scalar(
        select(Post.id).where(Post.thread_id == source_id, Post.depth == 0)
    )
    subscriptions.set_watch(forum.outsider, THREAD, source_id, muted=False)
    _db.session.commit()
    login(forum.moderator)
    page = merge(client, source_id, target_id, confirm=False)  # the confirmation page
    assert page.status_code == 200 and "Merge threads" in page.get_data(as_text=True)
    assert _db.session.get(Thread, source_id) is not None
    response = merge(client, source_id, target_id)
    assert response.status_code == 302
    target_opening = tree(target_id)[0][0]
    assert tree(target_id) == [
        (target_opening, 0, None, None),
        (first.id, 1, target_opening, first.id),
        (source_opening, 1, target_opening, source_opening),
        (answer.id, 1, target_opening, answer.id),
        (deeper.id, 2, answer.id, answer.id),
        (later.id, 1, target_opening, later.id),
    ]
    _db.session.expire_all()
    merged = _db.session.get(Thread, target_id)
    assert merged.reply_count == 5 and merged.last_post_id == later.id
    assert _db.session.get(Thread, source_id) is None
    assert subscriptions.find(forum.outsider, THREAD, target_id) is not None
    entry = _db.session.scalar(
        select(AuditLog).where(AuditLog.action == "thread.merge")
    )
    assert f"#{source_id}" in entry.detail
    # The old addresses lead to the merged thread; posts keep their links.
    old = client.get(f"/t/{source_id}/same-question-again?page=1")
    assert old.status_code == 301
    assert old.headers["Location"].startswith(f"/t/{target_id}/{merged.slug}")
    assert (
        client.get(f"/p/{answer.id}").headers["Location"].startswith(f"/t/{target_id}/")
    )
    page = client.get(f"/t/{target_id}").get_data(as_text=True)
    assert "Under the answer" in page and "Source answer" in page
    # A POST to the old address is not redirected.
    assert client.post(f"/t/{source_id}/reply", data={"body": "x"}).status_code == 404


def test_a_chain_of_merges_redirects_to_the_last(client, db, forum, pair, login):
    target, source, *_ = pair
    third = make_thread(forum.community, forum.member, title="A third copy")
    login(forum.moderator)
    source_id, target_id, third_id = source.id, target.id, third.id
    assert merge(client, source_id, target_id).status_code == 302
    assert merge(client, target_id, third_id).status_code == 302
    for old in (source_id, target_id):
        assert client.get(f"/t/{old}").headers["Location"] == f"/t/{third_id}"


def test_merge_refuses_what_the_moderator_may_not_touch(client, db, forum, pair, login):
    target, source, *_ = pair
    elsewhere = make_community(slug="elsewhere")
    foreign = make_thread(elsewhere, forum.asker, title="Another community's")
    secret_place = make_community(slug="secret", visibility="members")
    make_membership(forum.asker, secret_place)
    secret = make_thread(secret_place, forum.asker, title="Members only")
    login(forum.moderator)
    for value, message in (
        (str(foreign.id), "You cannot merge into that thread"),
        (str(secret.id), "There is no thread with that number"),
        (str(source.id), "You cannot merge into that thread"),
        ("999999999", "There is no thread with that number"),
        ("not a thread", "Give a thread number"),
        ("", "Give the number or address"),
        ("<script>alert(1)</script>", "Give a thread number"),
    ):
        response = client.post(f"/t/{source.id}/merge", data={"target": value})
        text = response.get_data(as_text=True)
        assert response.status_code == 400, value
        assert message in text, value
        assert "<script>alert(1)</script>" not in text
    assert _db.session.get(Thread, source.id) is not None
    login(forum.member)  # the source's author, not a moderator
    assert merge(client, source.id, target.id).status_code == 403
    assert client.get(f"/t/{source.id}/merge").status_code == 403


def test_splitting_moves_the_chosen_replies_with_their_branches(
    client, db, forum, pair, login
):
    target, source, first, answer, deeper, later = pair
    other = make_reply(target, forum.member, "Reply to the first", parent=first)
    login(forum.moderator)
    page = client.get(f"/t/{target.id}/split").get_data(as_text=True)
    assert f'value="{first.id}"' in page and f'for="split-{first.id}"' in page
    data = {"title": "Offline kits, a separate topic", "posts": [first.id, later.id]}
    response = client.post(f"/t/{target.id}/split", data=data)
    assert response.status_code == 302
    new = _db.session.scalar(select(Thread).where(Thread.title.like("Offline kits%")))
    assert response.headers["Location"].startswith(f"/t/{new.id}/")
    assert tree(new.id) == [
        (first.id, 0, None, None),
        (later.id, 1, first.id, later.id),  # by time, as the tree sorts
        (other.id, 1, first.id, other.id),
    ]
    opening = tree(target.id)
    assert [row[0] for row in opening] == [opening[0][0]]
    _db.session.expire_all()
    assert _db.session.get(Thread, target.id).reply_count == 0
    new = _db.session.get(Thread, new.id)
    assert new.reply_count == 2 and new.author_id == forum.member.id
    assert new.community_id == forum.community.id
    assert [tag.name for tag in new.tags] == ["crvs"]
    assert _db.session.scalar(select(AuditLog).where(AuditLog.action == "thread.split"))
    assert client.get(f"/p/{other.id}").headers["Location"].startswith(f"/t/{new.id}/")


def test_split_refuses_bad_choices_and_keeps_the_title(client, db, forum, pair, login):
    target, source, first, answer, *_ = pair
    login(forum.moderator)
    title = "A title that must stay"
    for posts in ([], [answer.id], [999999], ["x"]):
        response = client.post(
            f"/t/{target.id}/split", data={"title": title, "posts": posts}
        )
        assert response.status_code == 400, posts
        assert title in response.get_data(as_text=True)
    opening = _db.session.scalar(
        select(Post.id).where(Post.thread_id == target.id, Post.depth == 0)
    )
    response = client.post(
        f"/t/{target.id}/split", data={"title": title, "posts": [opening]}
    )
    assert response.status_code == 400  # the opening post is not a reply
    response = client.post(
        f"/t/{target.id}/split", data={"title": "", "posts": [first.id]}
    )
    assert response.status_code == 400
    assert tree(target.id)[1][0] == first.id  # nothing moved


SPLIT_MATRIX = {
    "visitor": 302,
    "outsider": 403,
    "member": 403,
    "author": 403,
    "moderator": 200,
    "site_moderator": 200,
}


@pytest.mark.parametrize("role", list(SPLIT_MATRIX))
def test_merge_and_split_permission_matrix(
    client, db, forum, pair, people, login, role
):
    target, source, first, *_ = pair
    people = {**people, "author": forum.asker}
    if role != "visitor":
        login(people[role])
    status = SPLIT_MATRIX[role]
    for url in (f"/t/{target.id}/split", f"/t/{target.id}/merge"):
        assert client.get(url).status_code == status, url
    data = {"title": "Offline kits, a separate topic", "posts": [first.id]}
    posted = client.post(f"/t/{target.id}/split", data=data).status_code
    assert posted == (302 if status == 200 else status)
