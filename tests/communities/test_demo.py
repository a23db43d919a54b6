"""The demo communities: who is where, and running the step twice adds nothing."""

from sqlalchemy import func, select

from community.communities.models import Community, Membership
from community.demo.communities import seed_communities


def membership_of(db, slug, username):
    from community.auth.models import User

    return db.session.scalar(
        select(Membership)
        .join(Community, Community.id == Membership.community_id)
        .join(User, User.id == Membership.user_id)
        .where(Community.slug == slug, User.username_key == username)
    )


def test_demo_communities_and_people(app, db, demo):
    slugs = set(db.session.scalars(select(Community.slug)))
    assert slugs == {
        "govstack",
        "dpg-product-managers",
        "vendors-integrators",
        "government-peers",
    }
    assert membership_of(db, "govstack", "jonas").role == "moderator"
    assert membership_of(db, "dpg-product-managers", "maya").role == "organiser"
    assert membership_of(db, "government-peers", "amina").role == "moderator"
    kwame = membership_of(db, "government-peers", "kwame")
    assert kwame.status == "pending" and "Ghana" in kwame.request_message
    peers = db.session.scalar(
        select(Community).where(Community.slug == "government-peers")
    )
    assert (peers.visibility, peers.join_policy) == ("members", "approval")
    for community in db.session.scalars(select(Community)):
        active = db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.community_id == community.id, Membership.status == "active"
            )
        )
        assert community.member_count == active > 0
        assert community.description_html


def test_demo_step_runs_twice_without_adding(app, db, demo):
    before = db.session.scalar(select(func.count(Membership.id)))
    assert seed_communities() == []
    assert db.session.scalar(select(func.count(Membership.id))) == before
