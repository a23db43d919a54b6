"""The demo step seeds realistic threads in every community, once."""

from sqlalchemy import func, select

from community.communities.models import Community
from community.demo import seed_all
from community.discussions.models import Post, Tag, Thread


def test_demo_threads_in_every_community(client, db, demo):
    counts = db.session.scalar(select(func.count(Thread.id)))
    communities = db.session.scalars(select(Community)).all()
    assert {c.slug for c in communities} >= {"govstack", "government-peers"}
    for community in communities:
        threads = db.session.scalars(
            select(Thread).where(Thread.community_id == community.id)
        ).all()
        assert any(thread.is_pinned for thread in threads), community.slug
        assert sum(thread.is_solved for thread in threads) >= 2, community.slug
        deepest = db.session.scalar(
            select(func.max(Post.depth))
            .join(Thread, Thread.id == Post.thread_id)
            .where(Thread.community_id == community.id)
        )
        assert deepest >= 3
    assert db.session.scalar(select(func.count(Tag.id))) > 4
    seed_all()
    assert db.session.scalar(select(func.count(Thread.id))) == counts
    page = client.get("/c/govstack")
    assert page.status_code == 200 and b"Welcome to GovStack" in page.data
    solved = db.session.scalar(
        select(Thread)
        .join(Community, Community.id == Thread.community_id)
        .where(Community.slug == "govstack", Thread.accepted_post_id.is_not(None))
    )
    shown = client.get(f"/t/{solved.id}")
    assert shown.status_code == 200 and b"Accepted answer" in shown.data
