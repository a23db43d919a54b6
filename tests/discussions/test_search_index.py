"""Threads are found by search, and the index follows every change to them."""

from sqlalchemy import select

from community.discussions.models import Post, Thread
from tests.factories import make_community, make_membership, make_user


def found(client, query: str, **filters) -> list[str]:
    html = client.get("/search", query_string={"q": query, **filters}).get_data(
        as_text=True
    )
    return [
        part.split("</a></h2>")[0].split(">")[-1] for part in html.split("<h2><a")[1:]
    ]


def start(client, community, title, body, tags=""):
    data = {"title": title, "kind": "question", "body": body, "tags": tags}
    response = client.post(f"/c/{community.slug}/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def test_new_thread_and_replies_are_searchable(client, db, forum, login):
    login(forum.asker)
    start(
        client,
        forum.community,
        "Offline enrolment with MOSIP",
        "Our kits lose sync.",
        "mosip",
    )
    assert found(client, "enrolment kits") == ["Offline enrolment with MOSIP"]
    assert found(client, "mosip") == ["Offline enrolment with MOSIP"]  # tags count

    login(forum.member)
    thread_id = db.session.scalar(
        select(Thread.id).where(Thread.title.like("Offline%"))
    )
    client.post(
        f"/t/{thread_id}/reply", data={"body": "Try batching at the district office"}
    )
    # A match in a reply lands on the reply, under its thread's title.
    assert found(client, "batching district") == [
        "Reply in “Offline enrolment with MOSIP”"
    ]
    reply_id = db.session.scalar(
        select(Post.id).where(Post.thread_id == thread_id, Post.parent_id.is_not(None))
    )
    page = client.get("/search?q=batching").get_data(as_text=True)
    assert f'href="/p/{reply_id}"' in page
    assert client.get(f"/p/{reply_id}").location.endswith(f"#p{reply_id}")


def test_edits_deletes_and_hides_update_the_index(client, db, forum, login):
    login(forum.asker)
    start(
        client, forum.community, "Payments switch questions", "Which ledger do you use?"
    )
    thread_id = db.session.scalar(
        select(Thread.id).where(Thread.title.like("Payments%"))
    )
    login(forum.member)
    client.post(f"/t/{thread_id}/reply", data={"body": "We use a tigerbeetle ledger"})
    reply_id = db.session.scalar(
        select(Post.id).where(Post.thread_id == thread_id, Post.parent_id.is_not(None))
    )
    assert found(client, "tigerbeetle") == ["Reply in “Payments switch questions”"]

    client.post(
        f"/p/{reply_id}/edit", data={"body": "We use a postgres ledger", "version": 1}
    )
    assert found(client, "tigerbeetle") == []
    assert found(client, "postgres ledger") == ["Reply in “Payments switch questions”"]

    client.post(f"/p/{reply_id}/delete")
    assert found(client, "postgres ledger") == []

    login(forum.moderator)
    opening_id = db.session.scalar(
        select(Post.id).where(Post.thread_id == thread_id, Post.parent_id.is_(None))
    )
    client.post(f"/p/{opening_id}/hide", data={"reason": "spam"})
    assert found(client, "ledger") == []
    client.post(f"/p/{opening_id}/restore")
    assert found(client, "ledger") == ["Payments switch questions"]


def test_accepted_answers_make_a_thread_solved_in_search(client, db, forum, login):
    login(forum.asker)
    start(
        client, forum.community, "Birth registration in camps", "How do you register?"
    )
    thread_id = db.session.scalar(select(Thread.id).where(Thread.title.like("Birth%")))
    login(forum.member)
    client.post(
        f"/t/{thread_id}/reply", data={"body": "Mobile registrars visit weekly"}
    )
    reply_id = db.session.scalar(
        select(Post.id).where(Post.thread_id == thread_id, Post.parent_id.is_not(None))
    )
    assert found(client, "registrars", solved="1") == []
    login(forum.asker)
    client.post(f"/p/{reply_id}/accept")
    assert found(client, "registrars", solved="1") == [
        "Reply in “Birth registration in camps”"
    ]
    assert found(client, "register", type="thread", solved="1") == [
        "Birth registration in camps"
    ]


def test_members_only_threads_are_found_only_by_members(client, db, login):
    peers = make_community(slug="peers", visibility="members")
    insider, outsider = make_user(), make_user()
    make_membership(insider, peers)
    login(insider)
    start(client, peers, "Budget for the national ID rollout", "Confidential figures")
    assert found(client, "confidential figures") == [
        "Budget for the national ID rollout"
    ]
    login(outsider)
    assert found(client, "confidential figures") == []
    client.post("/auth/logout")
    assert found(client, "confidential figures") == []
    assert b"Budget for the national" not in client.get("/c/peers/feed.atom").data
