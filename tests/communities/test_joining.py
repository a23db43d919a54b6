"""Joining, asking to join, leaving and withdrawing, with the odd cases."""

from sqlalchemy import func, select

from community.communities import membership
from community.communities.models import Community, Membership
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


def rows(db, community):
    db.session.expire_all()
    return db.session.scalars(
        select(Membership).where(Membership.community_id == community.id)
    ).all()


def member_count(db, community):
    db.session.expire_all()
    return db.session.get(Community, community.id).member_count


def test_joining_an_open_community_is_immediate(client, db, login):
    community = make_community(join_policy="open")
    user = login(make_user())
    response = client.post(f"/c/{community.slug}/join", follow_redirects=True)
    assert response.status_code == 200
    assert b"You are now a member" in response.data
    assert b"You are a member of" in response.data
    [row] = rows(db, community)
    assert (row.user_id, row.status, row.role) == (user.id, "active", "member")
    assert member_count(db, community) == 1


def test_asking_to_join_waits_with_the_message(client, db, login):
    community = make_community(join_policy="approval")
    moderator = make_user(email_frequency="immediately")
    make_membership(moderator, community, role="moderator")
    login(make_user(display_name="Kwame Mensah"))
    response = client.post(
        f"/c/{community.slug}/join",
        data={"message": "I ran the CRVS rollout."},
        follow_redirects=True,
    )
    assert b"Your request to join" in response.data
    assert b"waiting for the moderators" in response.data
    row = [item for item in rows(db, community) if item.status == "pending"][0]
    assert row.request_message == "I ran the CRVS rollout."
    assert member_count(db, community) == 1  # pending people are not counted
    from community.notifications.models import Notification

    note = db.session.scalar(
        select(Notification).where(Notification.user_id == moderator.id)
    )
    assert "Kwame Mensah asked to join" in note.message
    assert note.url == f"/c/{community.slug}/requests"


def test_joining_twice_keeps_one_membership(client, db, login):
    community = make_community()
    login(make_user())
    client.post(f"/c/{community.slug}/join")
    response = client.post(f"/c/{community.slug}/join", follow_redirects=True)
    assert response.status_code == 200
    assert b"You are already a member" in response.data
    assert len(rows(db, community)) == 1
    assert member_count(db, community) == 1


def test_asking_twice_says_the_request_waits(client, db, login):
    community = make_community(join_policy="approval")
    login(make_user())
    client.post(f"/c/{community.slug}/join", data={"message": "first"})
    response = client.post(
        f"/c/{community.slug}/join", data={"message": "second"}, follow_redirects=True
    )
    assert b"You already asked to join" in response.data
    [row] = rows(db, community)
    assert row.request_message == "first"


def test_two_join_clicks_at_once_make_one_membership(client, db, login, monkeypatch):
    """The second click passed the check before the first committed: the unique
    constraint refuses its row and it is answered as "already a member"."""
    community = make_community()
    user = login(make_user())
    make_membership(user, community)  # the first click, already committed
    monkeypatch.setattr(membership, "find_membership", lambda *args: None)
    response = client.post(f"/c/{community.slug}/join", follow_redirects=True)
    assert response.status_code == 200
    assert b"You are already a member" in response.data
    assert len(rows(db, community)) == 1
    assert member_count(db, community) == 1


def test_a_long_request_message_is_refused_and_kept(client, db, login):
    community = make_community(join_policy="approval")
    login(make_user())
    text = "Hello moderators. " * 80
    response = client.post(f"/c/{community.slug}/join", data={"message": text})
    assert response.status_code == 400
    assert b"Keep this to 1000 characters or fewer" in response.data
    assert b"Hello moderators. Hello moderators." in response.data
    assert rows(db, community) == []


def test_a_long_message_to_a_members_only_community_is_kept_too(client, db, login):
    community = make_community(visibility="members", join_policy="approval")
    login(make_user())
    response = client.post(f"/c/{community.slug}/join", data={"message": "x" * 1001})
    assert response.status_code == 400
    assert b"xxxxxxxxxx" in response.data and b"members only" in response.data


def test_leaving(client, db, login):
    community = make_community()
    user = login(make_user())
    make_membership(user, community)
    response = client.post(f"/c/{community.slug}/leave", follow_redirects=True)
    assert b"You left" in response.data
    assert rows(db, community) == []
    assert member_count(db, community) == 0


def test_withdrawing_a_request(client, db, login):
    community = make_community(join_policy="approval")
    user = login(make_user())
    make_membership(user, community, status="pending")
    response = client.post(f"/c/{community.slug}/leave", follow_redirects=True)
    assert b"You withdrew your request" in response.data
    assert rows(db, community) == []
    assert member_count(db, community) == 0


def test_leaving_a_community_you_are_not_in(client, db, login):
    community = make_community()
    login(make_user())
    response = client.post(f"/c/{community.slug}/leave")
    assert response.status_code == 400
    assert b"You are not a member of" in response.data


def test_the_last_moderator_cannot_leave(client, db, login):
    community = make_community()
    user = login(make_user())
    make_membership(user, community, role="moderator")
    response = client.post(f"/c/{community.slug}/leave")
    assert response.status_code == 400
    assert b"needs at least one moderator" in response.data
    assert len(rows(db, community)) == 1


def test_a_banned_person_cannot_rejoin_and_is_told_why(client, db, login):
    community = make_community()
    user = login(make_user())
    make_membership(user, community, status="banned")
    page = client.get(f"/c/{community.slug}")
    assert b"banned you" in page.data and b"Join " not in page.data
    response = client.post(f"/c/{community.slug}/join")
    assert response.status_code == 403
    assert b"banned you" in response.data
    assert client.post(f"/c/{community.slug}/leave").status_code == 400
    [row] = rows(db, community)
    assert row.status == "banned"


def test_nobody_joins_an_archived_community(client, db, login):
    community = make_community(archived_at=utcnow())
    login(make_user())
    page = client.get(f"/c/{community.slug}")
    assert b"archived" in page.data and b"Join " not in page.data
    response = client.post(f"/c/{community.slug}/join")
    assert response.status_code == 403
    assert b"read-only" in response.data
    assert rows(db, community) == []


def test_asking_again_after_a_decline(client, db, login):
    community = make_community(join_policy="approval")
    user = login(make_user())
    make_membership(user, community, status="declined")
    page = client.get(f"/c/{community.slug}")
    assert b"earlier request was declined" in page.data
    client.post(f"/c/{community.slug}/join", data={"message": "Please reconsider"})
    [row] = rows(db, community)
    assert (row.status, row.request_message) == ("pending", "Please reconsider")


def test_joining_a_members_only_community_from_its_403_page(client, db, login):
    community = make_community(visibility="members", join_policy="open")
    login(make_user())
    page = client.get(f"/c/{community.slug}")
    assert page.status_code == 403
    assert b"for members only" in page.data and b"Join " in page.data
    client.post(f"/c/{community.slug}/join")
    assert client.get(f"/c/{community.slug}").status_code == 200


def test_anonymous_visitors_are_invited_to_log_in(client, db):
    community = make_community(visibility="members", join_policy="approval")
    page = client.get(f"/c/{community.slug}")
    assert page.status_code == 403
    assert b"Log in</a> or" in page.data and b"ask to join" in page.data
    assert community.purpose.encode() in page.data


def test_member_count_counts_active_members_only(client, db, login):
    community = make_community(join_policy="approval")
    for status in ("active", "active", "pending", "banned", "declined"):
        make_membership(make_user(), community, status=status)
    active = db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.community_id == community.id, Membership.status == "active"
        )
    )
    assert member_count(db, community) == active == 2


def test_without_community_moderators_the_site_moderators_hear_of_requests(
    client, db, login
):
    from community.notifications.models import Notification

    community = make_community(join_policy="approval")
    site_moderator = make_user(site_role="moderator")
    login(make_user())
    client.post(f"/c/{community.slug}/join", data={"message": "hi"})
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == site_moderator.id)
    )
    assert note is not None and note.kind == "join_request"


def test_join_requests_are_rate_limited(app, client, db, login):
    from community.extensions import limiter

    communities = [make_community(join_policy="approval") for _ in range(3)]
    login(make_user())
    app.config["POST_RATE_LIMIT"] = "2 per minute"
    limiter.reset()
    try:
        statuses = [
            client.post(f"/c/{community.slug}/join").status_code
            for community in communities
        ]
    finally:
        app.config["POST_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
    assert statuses == [302, 302, 429]
    assert len(rows(db, communities[2])) == 0
