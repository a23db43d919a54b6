from sqlalchemy import select

from community.notifications.models import Notification
from community.notifications.sending import notify
from tests.factories import make_user


def test_list_mark_one_and_all_read(client, db, login):
    user = login(make_user())
    first = notify(user, "reply", "Ravi replied to your question", "/c/")
    notify(user, "mention", "Maya mentioned you", "/u/maya")
    db.session.commit()
    page = client.get("/notifications/")
    assert b"Ravi replied" in page.data and b"Maya mentioned" in page.data
    assert b'<span class="badge">2' in page.data

    response = client.post(f"/notifications/{first.id}/read")
    assert response.headers["Location"] == "/c/"
    assert b'<span class="badge">1' in client.get("/").data

    client.post("/notifications/read-all")
    assert (
        db.session.scalars(
            select(Notification).where(Notification.read_at.is_(None))
        ).all()
        == []
    )


def test_someone_elses_notification_is_left_alone(client, db, login):
    owner = make_user()
    theirs = notify(owner, "reply", "private", "/t/1")
    db.session.commit()
    login(make_user())
    response = client.post(f"/notifications/{theirs.id}/read")
    assert response.headers["Location"] == "/notifications/"
    db.session.refresh(theirs)
    assert theirs.is_unread


def test_hostile_stored_url_does_not_redirect_off_site(client, db, login):
    user = login(make_user())
    item = notify(user, "reply", "x", "//evil.example")
    db.session.commit()
    assert (
        client.post(f"/notifications/{item.id}/read").headers["Location"]
        == "/notifications/"
    )


def test_immediate_mail_per_setting(app, db, mailbox):
    now = make_user(email="now@example.org", email_frequency="immediately")
    later = make_user(email="later@example.org", email_frequency="daily")
    never = make_user(email="never@example.org", email_frequency="never")
    for person in (now, later, never):
        notify(person, "reply", "Someone replied", "/t/1")
        notify(person, "mention", "Someone mentioned you", "/t/2")
    db.session.commit()
    mailbox.wait_for(2)
    assert len(mailbox.bodies_to("now@example.org")) == 2
    assert "Someone mentioned you" in mailbox.bodies_to("now@example.org")[1]
    assert mailbox.bodies_to("later@example.org") == []  # the digest tells them
    assert mailbox.bodies_to("never@example.org") == []


def test_notifications_need_log_in(client, db):
    assert client.get("/notifications/").status_code == 302
