"""A busy thread: one grouped notification, and at most one mail per interval."""

from datetime import timedelta

from sqlalchemy import select

from community.notifications.mailing import send_batched
from community.notifications.models import Notification, ThreadMailState
from community.timezones import utcnow
from tests.factories import make_membership, make_user


def reply_as(client, login, person, talk, body):
    login(person)
    response = client.post(f"/t/{talk.thread.id}/reply", data={"body": body})
    assert response.status_code == 302


def test_replies_in_one_thread_collapse_into_one_notification(client, db, login, talk):
    people = [talk.replier]
    for name in ("bea", "chen", "dara", "emil"):
        person = make_user(username=name)
        make_membership(person, talk.community)
        people.append(person)
    for number, person in enumerate(people):
        reply_as(client, login, person, talk, f"Reply number {number}")
    rows = db.session.scalars(
        select(Notification).where(Notification.user_id == talk.asker.id)
    ).all()
    assert len(rows) == 1 and rows[0].item_count == 5
    login(talk.asker)
    page = client.get("/notifications/").data.decode()
    assert (
        "5 new replies in “Offline birth registration”, from Emil, Dara and 3 others"
        in page
    )
    client.post("/notifications/read-all")
    reply_as(client, login, talk.replier, talk, "After reading")
    unread = db.session.scalars(
        select(Notification).where(
            Notification.user_id == talk.asker.id, Notification.read_at.is_(None)
        )
    ).all()
    assert [row.summary for row in unread] == [unread[0].message]  # a fresh row


def test_a_busy_thread_is_mailed_once_per_interval(
    app, client, db, login, talk, mailbox
):
    reply_as(client, login, talk.replier, talk, "First reply")
    assert len(mailbox.wait_for(1)) == 1
    reply_as(client, login, talk.replier, talk, "Second reply")
    reply_as(client, login, talk.replier, talk, "Third reply")
    assert len(mailbox.wait_for(2, timeout=0.5)) == 1  # batched, not sent
    assert send_batched() == 0  # the interval is not over yet
    db.session.commit()
    later = utcnow() + timedelta(minutes=app.config["MAIL_THREAD_INTERVAL_MINUTES"])
    assert send_batched(later) == 1
    db.session.commit()
    mails = mailbox.wait_for(2)
    assert len(mails) == 2
    text = mails[1].get_body(("plain",)).get_content()
    assert "Second reply" in text and "Third reply" in text
    assert "First reply" not in text
    assert mails[1]["Subject"] == "Re: [GovStack] Offline birth registration"
    assert send_batched(later + timedelta(hours=1)) == 0  # nothing new: no mail
    state = db.session.scalar(select(ThreadMailState))
    assert state.pending_since is None
