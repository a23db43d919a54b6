"""Pin, lock, hide, restore, flags and the moderator queue, bans, suspensions."""

from sqlalchemy import select

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Membership
from community.discussions.models import Flag, Post, Thread
from tests.factories import make_reply, make_user


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)))


def test_moderators_pin_and_lock_with_audit(client, db, forum, login):
    thread_id = forum.thread.id
    login(forum.member)
    assert client.post(f"/t/{thread_id}/pin").status_code == 403
    login(forum.moderator)
    for action in ("pin", "lock", "unlock"):
        assert client.post(f"/t/{thread_id}/{action}").status_code == 302
    db.session.expire_all()
    thread = db.session.get(Thread, thread_id)
    assert thread.is_pinned and not thread.is_locked
    assert actions(db) == ["thread.pin", "thread.lock", "thread.unlock"]


def test_pinned_threads_come_first(client, db, forum, login):
    from tests.factories import make_thread

    make_thread(forum.community, forum.member, title="A newer thread")
    login(forum.moderator)
    client.post(f"/t/{forum.thread.id}/pin")
    page = client.get("/c/govstack").data.decode()
    assert page.index("How do you register births offline?") < page.index(
        "A newer thread"
    )


def test_hide_shows_reason_to_author_only_and_restore(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Buy cheap watches")
    login(forum.moderator)
    assert client.get(f"/p/{post.id}/hide").status_code == 200
    empty = client.post(f"/p/{post.id}/hide", data={"reason": ""})
    assert empty.status_code == 400 and b"Give a reason" in empty.data
    assert client.post(f"/p/{post.id}/hide", data={"reason": "Spam"}).status_code == 302
    login(forum.asker)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "Buy cheap watches" not in page and "[hidden by a moderator]" in page
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "Hidden by a moderator: Spam" in page and "Buy cheap watches" in page
    login(forum.moderator)
    assert client.post(f"/p/{post.id}/restore").status_code == 302
    login(forum.asker)
    assert b"Buy cheap watches" in client.get(f"/t/{forum.thread.id}").data
    assert actions(db) == ["post.hide", "post.restore"]


def test_members_cannot_hide_or_restore(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Fine post")
    login(forum.member)
    assert client.post(f"/p/{post.id}/hide", data={"reason": "x"}).status_code == 403
    assert client.post(f"/p/{post.id}/restore").status_code == 403


def test_flag_once_and_the_queue(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Questionable")
    login(forum.member)
    assert client.get(f"/p/{post.id}/flag").status_code == 200
    bad = client.post(f"/p/{post.id}/flag", data={"reason": "nonsense"})
    assert bad.status_code == 400
    data = {"reason": "off_topic", "text": "Not about CRVS"}
    assert client.post(f"/p/{post.id}/flag", data=data).status_code == 302
    twice = client.post(f"/p/{post.id}/flag", data=data)
    assert twice.status_code == 400 and b"already flagged" in twice.data
    assert len(db.session.scalars(select(Flag)).all()) == 1
    assert client.get("/c/govstack/flags").status_code == 403
    login(forum.moderator)
    queue = client.get("/c/govstack/flags").data.decode()
    assert (
        "Questionable" in queue and "Not about CRVS" in queue and "Off-topic" in queue
    )
    assert client.post(f"/p/{post.id}/flags/dismiss").status_code == 302
    assert "Questionable" not in client.get("/c/govstack/flags").data.decode()
    assert actions(db) == ["flag.dismiss"]


def test_no_flagging_your_own_post_or_as_visitor(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Mine")
    login(forum.member)
    assert client.post(f"/p/{post.id}/flag", data={"reason": "spam"}).status_code == 403


def test_hide_from_the_queue(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Rude words")
    login(forum.member)
    client.post(f"/p/{post.id}/flag", data={"reason": "abusive"})
    login(forum.moderator)
    no_reason = client.post(f"/p/{post.id}/flags/hide", data={"reason": ""})
    assert no_reason.status_code == 400
    ok = client.post(f"/p/{post.id}/flags/hide", data={"reason": "Be kind"})
    assert ok.status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, post.id).hidden_reason == "Be kind"
    assert db.session.scalar(select(Flag.resolution)) == "hidden"


def test_ban_author_from_the_community(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Spam spam")
    login(forum.asker)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    login(forum.moderator)
    assert (
        client.post(f"/p/{post.id}/flags/ban", data={"reason": "Spammer"}).status_code
        == 302
    )
    membership = db.session.scalar(
        select(Membership).where(Membership.user_id == forum.member.id)
    )
    assert membership.status == "banned"
    assert "membership.banned" in actions(db)  # one ban, one audit action (issue 13)
    login(forum.member)
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": "more spam"})
    assert response.status_code == 403
    assert client.get("/c/govstack/new").status_code == 403


def test_only_site_moderators_suspend_accounts(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Scam link")
    login(forum.asker)
    client.post(f"/p/{post.id}/flag", data={"reason": "spam"})
    login(forum.moderator)  # a community moderator, not a site moderator
    data = {"reason": "Scams"}
    assert client.post(f"/p/{post.id}/flags/suspend", data=data).status_code == 403
    site_moderator = make_user(username="sitemod", site_role="moderator")
    login(site_moderator)
    assert b"suspend the account" in client.get("/c/govstack/flags").data
    assert client.post(f"/p/{post.id}/flags/suspend", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, forum.member.id).is_suspended
    assert "account.suspend" in actions(db)


def test_moderation_decisions_are_logged_for_admins(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "x")
    login(forum.moderator)
    client.post(f"/p/{post.id}/hide", data={"reason": "Off-topic"})
    entry = db.session.scalar(select(AuditLog))
    assert entry.actor_id == forum.moderator.id and entry.target_type == "post"
    assert entry.target_id == post.id and entry.detail == "Off-topic"


def test_flag_page_says_when_you_already_flagged(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Hmm")
    login(forum.member)
    client.post(f"/p/{post.id}/flag", data={"reason": "other", "text": "odd"})
    page = client.get(f"/p/{post.id}/flag")
    assert page.status_code == 200 and b"already flagged" in page.data


def test_hiding_the_opening_post_hides_the_thread(client, db, forum, login):
    opening = db.session.scalar(select(Post).where(Post.depth == 0))
    login(forum.moderator)
    client.post(f"/p/{opening.id}/hide", data={"reason": "Spam thread"})
    assert client.get(f"/t/{forum.thread.id}").status_code == 200
    login(forum.member)
    assert client.get(f"/t/{forum.thread.id}").status_code == 404
    assert b"How do you register" not in client.get("/c/govstack").data
    assert b"How do you register" not in client.get("/").data
    assert b"How do you register" not in client.get("/c/govstack/feed.atom").data
    login(forum.asker)
    page = client.get(f"/t/{forum.thread.id}")
    assert (
        page.status_code == 200 and b"Hidden by a moderator: Spam thread" in page.data
    )
    login(forum.moderator)
    client.post(f"/p/{opening.id}/restore")
    login(forum.member)
    assert client.get(f"/t/{forum.thread.id}").status_code == 200


def test_moderators_changing_others_content_is_logged(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Original words")
    other = make_reply(forum.thread, forum.member, "Another post")
    login(forum.moderator)
    client.post(f"/p/{post.id}/edit", data={"body": "Moderated words", "version": 1})
    client.post(f"/p/{other.id}/delete")
    client.post(f"/p/{post.id}/accept")
    client.post(
        f"/t/{forum.thread.id}/edit", data={"title": "Clearer title", "tags": ""}
    )
    assert actions(db) == ["post.edit", "post.delete", "answer.accept", "thread.edit"]
    login(forum.member)
    client.post(f"/p/{post.id}/edit", data={"body": "My own change", "version": 2})
    assert len(actions(db)) == 4  # authors editing their own posts are not moderation


def test_the_moderation_log_moved_to_the_admin_audit_log(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "x")
    login(forum.moderator)
    client.post(f"/p/{post.id}/hide", data={"reason": "Off-topic here"})
    moved = client.get("/moderation/log")
    assert moved.status_code == 301 and moved.location.endswith("/admin/audit")
    login(make_user(username="ada", site_role="admin"))
    page = client.get("/admin/audit")
    assert page.status_code == 200
    assert b"post.hide" in page.data and b"Off-topic here" in page.data
    assert b"Jonas" in page.data


def test_locking_tells_the_thread_author(client, db, forum, login):
    from community.notifications.models import Notification

    login(forum.moderator)
    client.post(f"/t/{forum.thread.id}/lock")
    message = db.session.scalar(
        select(Notification.message).where(Notification.user_id == forum.asker.id)
    )
    assert message.startswith("A moderator locked your thread")
