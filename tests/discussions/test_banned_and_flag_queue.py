"""Issue 14 (b) and (f): the flag queue keeps members-only posts from site
moderators who are not members; banned members cannot flag, RSVP or watch."""

from sqlalchemy import select

from community.discussions.models import Flag
from community.events.models import Rsvp
from community.notifications.models import Subscription
from tests.factories import (
    make_community,
    make_event,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


def test_site_moderators_who_are_not_members_do_not_read_flagged_posts(
    client, db, login
):
    private = make_community(slug="peers", visibility="members")
    member, reporter = make_user(), make_user()
    make_membership(member, private)
    make_membership(reporter, private)
    thread = make_thread(private, member, title="Budget figures for the pilot")
    post = make_reply(thread, member, "The secret number is 4711")
    login(reporter)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam", "text": "says 4711"})
    login(make_user(site_role="moderator"))
    page = client.get("/c/peers/flags")
    assert page.status_code == 200
    text = page.data.decode()
    assert "4711" not in text and "Budget figures" not in text
    assert "members-only post" in text
    # A member who moderates still reads the queue in full.
    moderator = make_user()
    make_membership(moderator, private, role="moderator")
    login(moderator)
    assert "4711" in client.get("/c/peers/flags").data.decode()


def banned_member(db, community):
    person = make_user()
    make_membership(person, community, status="banned")
    return person


def test_banned_members_cannot_flag(client, db, login):
    community = make_community(slug="room")
    author = make_user()
    make_membership(author, community)
    post = make_reply(make_thread(community, author), author, "A post")
    login(banned_member(db, community))
    assert client.get(f"/p/{post.id}/flag").status_code == 403
    response = client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    assert response.status_code == 403
    assert db.session.scalar(select(Flag)) is None


def test_banned_members_cannot_watch(client, db, login):
    community = make_community(slug="room")
    author = make_user()
    thread = make_thread(community, author)
    login(banned_member(db, community))
    assert client.post("/c/room/watch").status_code == 403
    assert (
        client.post(f"/t/{thread.id}/watch", data={"choice": "watch"}).status_code
        == 403
    )
    assert db.session.scalar(select(Subscription)) is None


def test_banned_members_cannot_rsvp(client, db, login):
    community = make_community(slug="room")
    event = make_event(community)
    login(banned_member(db, community))
    response = client.post(f"/events/{event.id}/rsvp", data={"answer": "going"})
    assert response.status_code == 403
    assert db.session.scalar(select(Rsvp)) is None
