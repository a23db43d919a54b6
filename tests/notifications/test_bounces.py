"""Hard bounces stop mail to an address until it is confirmed again."""

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from community.auth.tokens import make_confirm_token
from community.notifications.sending import notify
from community.notifications.tokens import bounce_address
from tests.notifications.mail_in import send


def delivery_report(to: str, status: str, action: str = "failed") -> EmailMessage:
    """A delivery status notification as MTAs send them (RFC 3464)."""
    raw = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        f"To: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n'
        "\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
        "Your message could not be delivered.\r\n"
        "\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        "Final-Recipient: rfc822; amina@example.org\r\n"
        f"Action: {action}\r\nStatus: {status}\r\n"
        "\r\n--b1--\r\n"
    )
    return BytesParser(policy=policy.default).parsebytes(raw.encode())


def test_notification_mail_leaves_from_the_persons_bounce_address(
    db, talk, client, login, mailbox
):
    login(talk.replier)
    client.post(f"/t/{talk.thread.id}/reply", data={"body": "Hi"})
    [mail] = mailbox.wait_for(1)
    assert mail.envelope_from == bounce_address(talk.asker.id)  # VERP


def test_hard_bounce_stops_mail_until_confirmed_again(
    client, db, login, talk, mailbox, inbound
):
    user = talk.asker
    outcome = send(inbound, delivery_report(bounce_address(user.id), "5.1.1"), "")
    assert outcome.status == "bounce" and "hard bounce 5.1.1" in outcome.reason
    db.session.refresh(user)
    assert user.email_bounced_at is not None
    notify(user, "mention", "Someone mentioned you", "/t/1")
    db.session.commit()
    assert mailbox.wait_for(1, timeout=0.3) == []
    login(user)
    page = client.get("/auth/settings").data.decode()
    assert "We stopped sending you mail" in page and user.email in page

    token = make_confirm_token(user, user.email)
    assert client.get(f"/auth/confirm/{token}").status_code == 302
    db.session.refresh(user)
    assert user.email_bounced_at is None
    notify(user, "mention", "Mentioned again", "/t/1")
    db.session.commit()
    assert (
        "Mentioned again" in mailbox.wait_for(1)[0].get_body(("plain",)).get_content()
    )


def test_soft_and_forged_bounces_change_nothing(db, talk, inbound):
    soft = delivery_report(bounce_address(talk.asker.id), "4.2.2", action="delayed")
    assert send(inbound, soft, "").status == "bounce"
    local, domain = bounce_address(talk.asker.id).split("@")
    forged = delivery_report(f"{local[:-3]}zzz@{domain}", "5.1.1")
    assert send(inbound, forged, "").status == "refused"
    db.session.refresh(talk.asker)
    assert talk.asker.email_bounced_at is None
