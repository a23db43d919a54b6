"""Outgoing e-mail: SMTP in production and tests, the log in development.

send_mail() hands the message to a job (see jobs.py). deliver() is the job: it
claims an idempotency key first, so a job that runs twice sends one e-mail, and
records failures so admins can see mail that never left.

send_after_commit() is the outbox: mail that tells of a change (a reply, an
RSVP) waits in the session until its transaction commits, and is dropped if it
rolls back, so nobody is told of something that did not happen and no mail is
sent while the request still holds row locks.
"""

import logging
import smtplib
import uuid
from datetime import datetime
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import String, Text, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

log = logging.getLogger(__name__)


class MailDelivery(db.Model):
    __tablename__ = "mail_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="sending")  # sent, failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailError(RuntimeError):
    """The SMTP server refused or could not be reached (the job is retried)."""


def build_message(
    to: str, subject: str, body: str, extras: dict | None = None
) -> EmailMessage:
    """A plain-text mail, or multipart/alternative when extras carry "html";
    extras["headers"] adds headers (List-Id, Message-ID, ...)."""
    extras = extras or {}
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    # Header injection is impossible through EmailMessage, but keep subjects one line.
    message["Subject"] = " ".join(subject.split())[:200]
    for name, value in extras.get("headers", {}).items():
        message[name] = value
    message.set_content(body)
    if extras.get("html"):
        message.add_alternative(extras["html"], subtype="html")
    return message


def send_mail(
    to: str, subject: str, body: str, key: str | None = None, extras: dict | None = None
) -> bool:
    """Send (or queue) a mail; False when it failed inline. extras: "html" (the
    alternative part), "headers", "envelope_from" (where bounces go)."""
    from community.jobs import enqueue

    if current_app.config["MAIL_BACKEND"] == "log":
        log.info("mail to %s: %s\n%s", to, subject, body)
        return True
    if current_app.config["MAIL_QUEUE"] and enqueue(
        deliver, to, subject, body, key or uuid.uuid4().hex, extras
    ):
        return True
    return deliver_inline(to, subject, body, extras)


OUTBOX = "community.mail.outbox"


def send_after_commit(
    to: str, subject: str, body: str, key: str | None = None, extras: dict | None = None
) -> None:
    """Queue the mail in the session's outbox: it leaves when the transaction
    commits (send_mail), and is dropped if it rolls back."""
    db.session.info.setdefault(OUTBOX, []).append((to, subject, body, key, extras))


def pending_mail() -> int:
    """How many mails wait for the current transaction to commit."""
    return len(db.session.info.get(OUTBOX, ()))


@event.listens_for(Session, "after_commit")
def _send_outbox(session: Session) -> None:
    for to, subject, body, key, extras in session.info.pop(OUTBOX, []):
        send_mail(to, subject, body, key, extras)


@event.listens_for(Session, "after_transaction_end")
def _drop_outbox(session: Session, transaction: SessionTransaction) -> None:
    # After a commit the outbox is already empty; a rolled-back outer
    # transaction takes its mail with it (savepoints keep theirs).
    if transaction.parent is None and not transaction.nested:
        session.info.pop(OUTBOX, None)


def deliver_inline(
    to: str, subject: str, body: str, extras: dict | None = None
) -> bool:
    """Send from the request itself; it must not commit the request's transaction."""
    try:
        smtp_send(build_message(to, subject, body, extras), envelope_from(extras))
    except MailError:
        return False
    return True


def envelope_from(extras: dict | None) -> str | None:
    return (extras or {}).get("envelope_from")


def smtp_send(message: EmailMessage, sender: str | None = None) -> None:
    config = current_app.config
    try:
        with smtplib.SMTP(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10
        ) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message, from_addr=sender)
    except (OSError, smtplib.SMTPException) as error:
        log.error("could not send mail to %s: %s", message["To"], error)
        raise MailError(str(error)) from error


def deliver(
    to: str, subject: str, body: str, key: str, extras: dict | None = None
) -> str:
    """The mail job: send once per key; record the outcome. Raises to be retried."""
    with db.session.no_autoflush:
        delivery = claim(key, to, subject)
    if delivery is None or delivery.status == "sent":
        return "already sent"
    delivery.attempts += 1
    try:
        smtp_send(build_message(to, subject, body, extras), envelope_from(extras))
    except MailError as error:
        delivery.status = "failed" if is_last_attempt() else "retrying"
        delivery.last_error = str(error)[:2000]
        db.session.commit()
        raise
    delivery.status, delivery.sent_at = "sent", utcnow()
    db.session.commit()
    return "sent"


def claim(key: str, to: str, subject: str) -> MailDelivery | None:
    """The delivery row for this key, created if new (a unique key guards races)."""
    found = db.session.scalar(select(MailDelivery).where(MailDelivery.key == key))
    if found is not None:
        return found
    delivery = MailDelivery(key=key, recipient=to, subject=subject[:200])
    db.session.add(delivery)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # another run of the same job claimed it first
        return None
    return delivery


def is_last_attempt() -> bool:
    from rq import get_current_job

    job = get_current_job()
    return job is None or not job.retries_left
