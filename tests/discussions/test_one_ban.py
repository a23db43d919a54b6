"""The flag queue bans through the one ban (issue 13): same guards, same effects."""

from sqlalchemy import select

from community.communities.models import Community, Membership
from community.notifications.models import Subscription
from tests.factories import make_membership, make_reply, make_user


def row(db, user) -> Membership:
    db.session.expire_all()
    return db.session.scalar(select(Membership).where(Membership.user_id == user.id))


def test_the_flag_queue_keeps_the_last_moderator(client, db, forum, login):
    post = make_reply(forum.thread, forum.moderator, "A moderator's reply")
    login(forum.asker)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    login(make_user(site_role="moderator"))  # sees the queue, not a member
    response = client.post(f"/p/{post.id}/flags/ban", data={"reason": "Spammer"})
    assert response.status_code == 400
    assert b"needs at least one moderator" in response.data
    found = row(db, forum.moderator)
    assert (found.status, found.role) == ("active", "moderator")


def test_a_flag_queue_ban_resets_the_role_the_watch_and_the_count(
    client, db, forum, login
):
    organiser = make_user()
    make_membership(organiser, forum.community, role="organiser")
    login(organiser)
    client.post("/c/govstack/watch")
    post = make_reply(forum.thread, organiser, "Spam")
    db.session.expire_all()
    before = db.session.get(Community, forum.community.id).member_count
    login(forum.asker)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    login(forum.moderator)
    response = client.post(f"/p/{post.id}/flags/ban", data={"reason": "Spammer"})
    assert response.status_code == 302
    found = row(db, organiser)
    assert (found.status, found.role) == ("banned", "member")
    assert db.session.get(Community, forum.community.id).member_count == before - 1
    watches = select(Subscription).where(
        Subscription.user_id == organiser.id, Subscription.target_type == "community"
    )
    assert db.session.scalars(watches).all() == []


def test_a_former_member_can_be_banned_from_the_queue(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Spam, then leave")
    login(forum.asker)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    login(forum.member)
    client.post("/c/govstack/leave")
    assert row(db, forum.member) is None
    login(forum.moderator)
    response = client.post(f"/p/{post.id}/flags/ban", data={"reason": "Spammer"})
    assert response.status_code == 302
    assert row(db, forum.member).status == "banned"
