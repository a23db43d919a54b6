"""Replies by e-mail over real SMTP into `flask mail-in`'s server on 127.0.0.1."""

import smtplib
import time
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from community.discussions.models import Post
from community.extensions import limiter
from community.notifications.tokens import reply_address
from tests.factories import make_reply
from tests.notifications.mail_in import send


def post_count(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Post.id)))


def mail(to: str, sender: str, body: str, **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, "Re: thread"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def reply_token_address(client, login, talk, mailbox) -> str:
    """The Reply-To of the mail the asker got about Ravi's reply (the real flow)."""
    login(talk.replier)
    client.post(f"/t/{talk.thread.id}/reply", data={"body": "Try a queue."})
    [notification] = mailbox.wait_for(1)
    mailbox.messages.clear()
    return notification["Reply-To"]


QUOTED = (
    "Thanks, that worked!\n\n"
    "On Tue, 1 Dec 2026 at 10:00, Community Hub <no-reply@x> wrote:\n"
    "> Try a queue.\n"
    "-- \nAmina, Ministry of ICT\n"
)


def test_a_reply_by_mail_appears_in_the_thread(
    client, db, login, talk, mailbox, inbound
):
    address = reply_token_address(client, login, talk, mailbox)
    talk.replier.email_frequency = "immediately"
    db.session.commit()
    before = post_count(db)
    outcome = send(inbound, mail(address, talk.asker.email, QUOTED))
    assert outcome.status == "posted", outcome
    assert post_count(db) == before + 1
    post = db.session.scalar(select(Post).order_by(Post.id.desc()))
    assert post.body_source == "Thanks, that worked!"
    assert post.author_id == talk.asker.id and post.parent.body_source == "Try a queue."
    page = client.get(f"/t/{talk.thread.id}").data.decode()
    assert "Thanks, that worked!" in page and "Ministry of ICT" not in page
    # The replier watches the thread and hears of it, by mail, with the content.
    assert (
        "Thanks, that worked!"
        in mailbox.wait_for(1)[0].get_body(("plain",)).get_content()
    )

    # The same mail again (a replay, or the MX delivering twice) posts nothing.
    mailbox.messages.clear()
    again = send(inbound, mail(address, talk.asker.email, QUOTED))
    assert again.status == "refused" and again.reason == "replayed token"
    assert post_count(db) == before + 1


def forged(address: str) -> str:
    local, domain = address.split("@")
    return f"{local[:-4]}aaaa@{domain}"


@pytest.mark.parametrize(
    "case",
    ["forged", "other sender", "auto-reply", "precedence", "bounce", "unknown user"],
)
def test_refused_mail_posts_nothing_and_tells_no_stranger(
    case, client, db, login, talk, mailbox, inbound, caplog
):
    address = reply_token_address(client, login, talk, mailbox)
    sender, envelope, headers = talk.asker.email, None, {}
    if case == "forged":
        address = forged(address)
    elif case == "other sender":
        sender = "intruder@example.net"
    elif case == "auto-reply":
        headers = {"Auto_Submitted": "auto-replied"}
    elif case == "precedence":
        headers = {"Precedence": "bulk"}
    elif case == "bounce":
        envelope = ""
    else:
        address = reply_address(99999, 1)
    before = post_count(db)
    outcome = send(inbound, mail(address, sender, "Hello", **headers), envelope)
    assert outcome.status == "refused"
    assert post_count(db) == before
    assert "refused" in caplog.text
    assert mailbox.wait_for(1, timeout=0.3) == []  # no explanation to anyone


def test_an_expired_token_is_refused_with_a_note_to_the_owner(
    db, talk, mailbox, inbound
):
    old = reply_address(
        talk.asker.id, talk.thread.last_post_id, now=time.time() - 31 * 86400
    )
    outcome = send(inbound, mail(old, talk.asker.email, "Late answer"))
    assert outcome.status == "refused" and outcome.reason == "expired reply token"
    [note] = mailbox.wait_for(1)
    assert note["To"] == talk.asker.email and note["Auto-Submitted"] == "auto-replied"
    assert "expired" in note.get_body(("plain",)).get_content()


def test_locked_thread_and_ban_are_checked_like_the_web_form(
    client, db, login, talk, mailbox, inbound
):
    from community.communities.models import Membership

    address = reply_token_address(client, login, talk, mailbox)
    talk.thread.is_locked = True
    db.session.commit()
    before = post_count(db)
    outcome = send(inbound, mail(address, talk.asker.email, "Still here"))
    assert outcome.status == "refused" and "locked" in outcome.reason
    assert "locked" in mailbox.wait_for(1)[0].get_body(("plain",)).get_content()

    talk.thread.is_locked = False
    membership = db.session.scalar(
        select(Membership).where(Membership.user_id == talk.asker.id)
    )
    membership.status = "banned"
    db.session.commit()
    mailbox.messages.clear()
    second = reply_address(talk.asker.id, talk.thread.last_post_id)
    outcome = send(inbound, mail(second, talk.asker.email, "Let me in"))
    assert outcome.status == "refused" and "banned" in outcome.reason
    assert post_count(db) == before


def test_the_rate_limit_is_shared_with_the_web_form(
    app, client, db, login, talk, mailbox, inbound
):
    parent = make_reply(talk.thread, talk.replier, "Earlier")
    app.config["POST_RATE_LIMIT"] = "1 per minute"
    limiter.reset()
    try:
        login(talk.asker)
        assert (
            client.post(
                f"/t/{talk.thread.id}/reply", data={"body": "From the web"}
            ).status_code
            == 302
        )
        address = reply_address(talk.asker.id, parent.id)
        outcome = send(inbound, mail(address, talk.asker.email, "From mail"))
    finally:
        app.config["POST_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
    assert outcome.status == "refused" and "too fast" in outcome.reason


def test_unknown_recipients_are_refused_during_the_dialogue(inbound, db):
    refused = pytest.raises(smtplib.SMTPRecipientsRefused)
    with refused, smtplib.SMTP(inbound.hostname, inbound.port, timeout=10) as smtp:
        smtp.send_message(mail("someone@community.invalid", "a@example.org", "Hi"))


def test_a_mail_without_a_text_part_is_explained(
    client, db, login, talk, mailbox, inbound
):
    address = reply_token_address(client, login, talk, mailbox)
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = talk.asker.email, address, "Re"
    message.set_content("<p>Only <b>HTML</b></p>", subtype="html")
    before = post_count(db)
    outcome = send(inbound, message)
    assert outcome.status == "refused" and "plain-text" in outcome.reason
    assert post_count(db) == before
    [note] = mailbox.wait_for(1)
    assert note["To"] == talk.asker.email
