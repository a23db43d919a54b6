"""New accounts' first posts wait for a moderator; flags from established
members hide a post until a moderator looks; moderators see why."""

from sqlalchemy import func, select

from community.audit import AuditLog
from community.discussions.models import Flag, Post, Thread
from community.notifications.models import Notification
from community.trust.models import PostHold
from tests.factories import make_membership, make_reply, make_user

NEW_THREAD = {
    "title": "Cheap registration software here",
    "kind": "discussion",
    "body": "Hello @regular1, have a look",
}


def notifications_for(db, user) -> list[str]:
    db.session.expire_all()
    query = select(Notification.message).where(Notification.user_id == user.id)
    return list(db.session.scalars(query))


def open_holds(db) -> list[PostHold]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(PostHold).where(PostHold.decided_at.is_(None)))
    )


def test_a_new_account_s_first_thread_waits_for_a_moderator(
    app, client, db, login, town, hold_first_posts
):
    login(town.newcomer)
    response = client.post("/c/govstack/new", data=NEW_THREAD)
    assert response.status_code == 302
    thread = db.session.scalar(
        select(Thread).where(Thread.title == NEW_THREAD["title"])
    )
    assert thread.is_hidden
    # The author sees it with the reason; nobody mentioned has heard of it yet.
    own = client.get(response.headers["Location"])
    assert own.status_code == 200 and b"Waiting for a moderator" in own.data
    assert notifications_for(db, town.members[1]) == []
    assert any(
        "waits for a moderator" in m for m in notifications_for(db, town.newcomer)
    )
    login(town.members[2])
    assert client.get(f"/t/{thread.id}").status_code == 404
    assert NEW_THREAD["title"].encode() not in client.get("/c/govstack").data

    login(town.moderator)
    queue = client.get("/c/govstack/held")
    assert queue.status_code == 200
    assert b"Cheap registration software here" in queue.data
    assert b"new member" in queue.data and b"Trust level: new" in queue.data
    (entry,) = open_holds(db)
    response = client.post(f"/held/{entry.id}/approve")
    assert response.status_code == 302
    db.session.expire_all()
    assert not db.session.get(Thread, thread.id).is_hidden
    assert any("mentioned you" in m for m in notifications_for(db, town.members[1]))
    assert any("approved" in m for m in notifications_for(db, town.newcomer))
    login(town.members[2])
    assert client.get(f"/t/{thread.id}").status_code == 200
    actions = db.session.scalars(select(AuditLog.action)).all()
    assert "post.approve" in actions


def test_only_the_first_posts_wait(app, client, db, login, town, hold_first_posts):
    login(town.newcomer)
    replies = []
    for number in range(3):
        client.post(
            f"/t/{town.thread.id}/reply", data={"body": f"Reply number {number}"}
        )
        replies.append(db.session.scalar(select(Post).order_by(Post.id.desc())))
    assert len(open_holds(db)) == 3  # nothing approved yet: all wait
    login(town.moderator)
    for entry in open_holds(db)[:2]:
        client.post(f"/held/{entry.id}/approve")
    login(town.newcomer)
    client.post(f"/t/{town.thread.id}/reply", data={"body": "A fourth reply"})
    latest = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert latest.hidden_at is None


def test_established_members_and_moderators_are_not_held(
    client, db, login, town, hold_first_posts
):
    for person in (town.members[1], town.moderator):
        login(person)
        client.post(f"/t/{town.thread.id}/reply", data={"body": "From someone known"})
    assert open_holds(db) == []


def test_holding_is_off_by_default(client, db, login, town):
    login(town.newcomer)
    client.post("/c/govstack/new", data=NEW_THREAD)
    assert open_holds(db) == []


def test_keeping_a_held_post_hidden_tells_the_author_why(
    client, db, login, town, hold_first_posts
):
    login(town.newcomer)
    client.post(f"/t/{town.thread.id}/reply", data={"body": "Buy now at spam.example"})
    (entry,) = open_holds(db)
    login(town.moderator)
    refused = client.post(f"/held/{entry.id}/reject", data={"reason": ""})
    assert refused.status_code == 400 and b"Give a reason" in refused.data
    response = client.post(f"/held/{entry.id}/reject", data={"reason": "Advertising"})
    assert response.status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, entry.post_id)
    assert post.is_hidden and post.hidden_reason == "Advertising"
    assert any("Advertising" in m for m in notifications_for(db, town.newcomer))
    again = client.post(f"/held/{entry.id}/approve", follow_redirects=True)
    assert b"already decided" in again.data
    assert db.session.get(Post, entry.post_id).is_hidden


def test_edits_to_a_held_post_announce_nobody(
    client, db, login, town, hold_first_posts
):
    login(town.newcomer)
    client.post(f"/t/{town.thread.id}/reply", data={"body": "Plain reply"})
    (entry,) = open_holds(db)
    client.post(
        f"/p/{entry.post_id}/edit", data={"body": "Now with @regular2", "version": 1}
    )
    assert notifications_for(db, town.members[2]) == []


def flag(client, post, reason="spam"):
    return client.post(f"/p/{post.id}/flag", data={"reason": reason, "text": ""})


def test_flags_from_established_members_hide_a_post_until_a_moderator_looks(
    client, db, login, town
):
    post = make_reply(town.thread, town.newcomer, "Visit my casino")
    for person, reason in zip(
        town.members[:3], ["spam", "spam", "abusive"], strict=True
    ):
        login(person)
        assert flag(client, post, reason).status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, post.id)
    assert post.is_hidden
    assert "3 flags from established members" in post.hidden_reason
    (entry,) = open_holds(db)
    assert entry.kind == "flags" and "Spam ×2" in entry.reason
    assert "auto_hide" in " ".join(db.session.scalars(select(AuditLog.action)))

    login(town.moderator)
    queue = client.get("/c/govstack/held")
    assert b"Visit my casino" in queue.data and b"Spam \xc3\x972" in queue.data
    client.post(f"/held/{entry.id}/approve")
    db.session.expire_all()
    assert not db.session.get(Post, post.id).is_hidden
    flags = db.session.scalars(select(Flag).where(Flag.post_id == post.id)).all()
    assert {flag.resolution for flag in flags} == {"dismissed"}


def test_flags_from_new_accounts_do_not_hide_a_post(client, db, login, town):
    post = make_reply(town.thread, town.members[0], "An honest answer")
    # Four brand-new accounts flag it: not enough weight to hide anything.
    for number in range(4):
        newcomer = make_user(username=f"fresh{number}")
        make_membership(newcomer, town.community)
        login(newcomer)
        assert flag(client, post).status_code == 302
    db.session.expire_all()
    assert not db.session.get(Post, post.id).is_hidden
    assert open_holds(db) == []


def test_moderators_posts_never_hide_themselves(client, db, login, town):
    post = make_reply(town.thread, town.moderator, "Please keep it civil")
    for person in town.members[:4]:
        login(person)
        flag(client, post)
    db.session.expire_all()
    assert not db.session.get(Post, post.id).is_hidden


def test_a_post_held_again_reuses_its_row(
    app, client, db, login, town, hold_first_posts
):
    from community.trust.holding import hold

    login(town.newcomer)
    client.post(f"/t/{town.thread.id}/reply", data={"body": "First words here"})
    (entry,) = open_holds(db)
    with app.test_request_context():
        assert hold(entry.post, "flags", "again") is None  # already waiting
    login(town.moderator)
    client.post(f"/held/{entry.id}/approve")
    post = db.session.get(Post, entry.post_id)
    for person in town.members[:3]:
        login(person)
        flag(client, post)
    (again,) = open_holds(db)
    assert again.id == entry.id and again.kind == "flags" and again.decision == ""
    assert db.session.scalar(select(func.count(PostHold.id))) == 1
