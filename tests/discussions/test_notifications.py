"""Watching, and who hears about what (never people who cannot read the thread)."""

import re

import pytest
from sqlalchemy import select

from community import text
from community.discussions import posting
from community.notifications.models import Notification, Subscription
from tests.factories import make_community, make_membership, make_reply, make_thread


@pytest.fixture(autouse=True)
def mentions_found(monkeypatch):
    """Until the real renderer lands, find @names with a plain pattern."""
    if text.find_mentions("hi @ravi") == ["ravi"]:
        return
    monkeypatch.setattr(
        posting,
        "find_mentions",
        lambda source: re.findall(r"@([A-Za-z0-9_-]{3,30})", source),
    )


def notes(db, user) -> list[Notification]:
    db.session.expire_all()
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id)
    )
    return list(db.session.scalars(query))


def test_author_and_repliers_watch_automatically(client, db, forum, login):
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "An answer"})
    watchers = db.session.scalars(
        select(Subscription.user_id).where(
            Subscription.target_type == "thread",
            Subscription.target_id == forum.thread.id,
        )
    ).all()
    assert sorted(watchers) == sorted([forum.member.id])  # the factory skips auto-watch
    login(forum.asker)
    client.post(
        "/c/govstack/new",
        data={"title": "My own thread", "kind": "discussion", "body": "Hi"},
    )
    assert db.session.scalar(
        select(Subscription).where(Subscription.user_id == forum.asker.id)
    )


def test_reply_notifies_thread_author_and_parent_author_once(client, db, forum, login):
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "First"})
    first = db.session.scalar(
        select(posting.Post).where(posting.Post.body_source == "First")
    )
    assert [n.kind for n in notes(db, forum.asker)] == ["reply"]
    assert notes(db, forum.asker)[0].url == f"/p/{first.id}"
    login(forum.moderator)
    client.post(
        f"/t/{forum.thread.id}/reply", data={"body": "Child", "parent_id": first.id}
    )
    member_notes = notes(db, forum.member)
    assert len(member_notes) == 1 and "replied to your post" in member_notes[0].message
    # The asker's two unread replies in one thread are one grouped notification.
    [grouped] = notes(db, forum.asker)
    assert grouped.item_count == 2 and grouped.url.endswith(str(first.id + 1))
    assert notes(db, forum.moderator) == []


def test_mentions_notify_once_and_link(client, db, forum, login):
    login(forum.asker)
    body = "Thanks @ravi and again @ravi, also @nobody-here"
    client.post(f"/t/{forum.thread.id}/reply", data={"body": body})
    member_notes = notes(db, forum.member)
    assert len(member_notes) == 1 and member_notes[0].kind == "mention"


def test_mentions_never_reach_people_who_cannot_read(client, db, forum, login):
    private = make_community(slug="peers", visibility="members")
    make_membership(forum.asker, private)
    thread = make_thread(private, forum.asker, title="Private matter here")
    login(forum.asker)
    client.post(f"/t/{thread.id}/reply", data={"body": "What do you think @tomas?"})
    assert notes(db, forum.outsider) == []


def test_muted_thread_gets_no_reply_notifications(client, db, forum, login):
    login(forum.asker)
    assert client.post(f"/t/{forum.thread.id}/watch/mute").status_code == 302
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "Hello"})
    assert notes(db, forum.asker) == []
    page = client.get(f"/t/{forum.thread.id}")
    assert page.status_code == 200


def test_watchers_hear_about_replies_and_can_stop(client, db, forum, login):
    login(forum.outsider)  # a public thread: anyone signed in may watch
    client.post(f"/t/{forum.thread.id}/watch/watch")
    assert b"You watch this thread" in client.get(f"/t/{forum.thread.id}").data
    make_reply(forum.thread, forum.member, "x")  # the factory does not notify
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "News"})
    assert [n.kind for n in notes(db, forum.outsider)] == ["reply"]
    login(forum.outsider)
    client.post(f"/t/{forum.thread.id}/watch/stop")
    assert (
        db.session.scalar(
            select(Subscription).where(Subscription.user_id == forum.outsider.id)
        )
        is None
    )
    assert client.post(f"/t/{forum.thread.id}/watch/bogus").status_code == 400


def test_community_watchers_hear_about_new_threads(client, db, forum, login):
    login(forum.member)
    assert client.post("/c/govstack/watch/watch").status_code == 302
    login(forum.asker)
    data = {"title": "Brand new question", "kind": "question", "body": "Hello"}
    client.post("/c/govstack/new", data=data)
    member_notes = notes(db, forum.member)
    assert len(member_notes) == 1 and member_notes[0].kind == "new_thread"
    assert "Brand new question" in member_notes[0].message


def test_accepted_answer_and_moderation_notify_the_author(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "The answer")
    login(forum.asker)
    client.post(f"/p/{post.id}/accept")
    login(forum.moderator)
    client.post(f"/p/{post.id}/hide", data={"reason": "Duplicate"})
    kinds = [n.kind for n in notes(db, forum.member)]
    assert kinds == ["accepted", "moderation"]
    assert "Duplicate" in notes(db, forum.member)[1].message


def test_email_follows_the_persons_setting(client, db, forum, login, mailbox):
    forum.asker.email_frequency = "immediately"
    db.session.commit()
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "Mail me"})
    messages = mailbox.wait_for(1)
    assert any(
        "replied to your thread" in body
        for body in mailbox.bodies_to(forum.asker.email)
    )
    assert len(messages) == 1


def test_unread_counts_in_the_list_and_marker_on_the_page(client, db, forum, login):
    login(forum.member)
    listing = client.get("/c/govstack").data.decode()
    assert "New thread" in listing
    client.get(f"/t/{forum.thread.id}")
    listing = client.get("/c/govstack").data.decode()
    assert "New thread" not in listing and " new<" not in listing
    make_reply(forum.thread, forum.asker, "Fresh one")
    make_reply(forum.thread, forum.asker, "Fresh two")
    listing = client.get("/c/govstack").data.decode()
    assert ">2 new</a>" in listing
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "New since your last visit" in page
    assert page.index("New since your last visit") < page.index("Fresh one")
    again = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "New since your last visit" not in again
    assert " new</a>" not in client.get("/c/govstack").data.decode()


def test_an_edit_notifies_only_newly_mentioned_people(client, db, forum, login):
    login(forum.asker)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "Hi @ravi"})
    post = db.session.scalar(select(posting.Post).where(posting.Post.depth == 1))
    data = {"body": "Hi @ravi and @jonas", "version": 1}
    assert client.post(f"/p/{post.id}/edit", data=data).status_code == 302
    assert [n.kind for n in notes(db, forum.member)] == ["mention"]
    assert [n.kind for n in notes(db, forum.moderator)] == ["mention"]


def test_muting_a_community_silences_replies_but_not_mentions(client, db, forum, login):
    login(forum.asker)
    assert client.post("/c/govstack/watch/mute").status_code == 302
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "A reply"})
    assert notes(db, forum.asker) == []
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "Look @amina"})
    assert [n.kind for n in notes(db, forum.asker)] == ["mention"]


def test_community_page_shows_the_watch_state(client, db, forum, login):
    login(forum.member)
    page = client.get("/c/govstack").data.decode()
    assert "Watch new threads" in page and "Default notifications" not in page
    client.post("/c/govstack/watch/watch")
    page = client.get("/c/govstack").data.decode()
    assert "You are told about every new thread here" in page
    assert "Default notifications" in page


def test_threads_older_than_the_account_are_not_flagged_new(client, db, forum, login):
    from tests.factories import make_user

    newcomer = make_user(username="newcomer")
    login(newcomer)
    assert "New thread" not in client.get("/c/govstack").data.decode()
