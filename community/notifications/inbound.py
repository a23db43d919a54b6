"""Mail coming in: replies by e-mail become posts, bounces mark addresses failing.

receive() is given what the SMTP server (mailin.py) or an IMAP poller read. A
reply is posted through the same service, with the same checks, as the reply
form: who may see the thread, who may post in the community (bans, suspension,
archive), the shared per-account rate limit, locked threads. Anything else is
refused without posting and logged. The sender hears why only when that is
safe: the token is genuine, the mail came from the account's own address and is
not automatic, so the explanation goes to the account's address, never to a
forged one, and never starts a loop with an auto-responder.
"""

import hashlib
import logging
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from flask import current_app
from flask_babel import _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.auth.models import User
from community.communities.permissions import can_post, cannot_post_reason
from community.discussions import posting, publishing
from community.discussions.models import Post
from community.discussions.page import spend_posting_budget
from community.discussions.permissions import can_see_thread
from community.extensions import db
from community.mail import send_mail
from community.notifications import composing
from community.notifications.models import MailReplyUse
from community.notifications.quotes import new_text
from community.notifications.tokens import (
    TokenRefused,
    read_bounce_token,
    read_reply_token,
)
from community.timezones import utcnow

log = logging.getLogger(__name__)
AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}


@dataclass(frozen=True)
class Outcome:
    status: str  # "posted", "bounce", or "refused"
    reason: str = ""  # for the log, never shown to a stranger


def local_token(address: str, setting: str) -> str | None:
    """The token in local+token@domain when the address is our `setting` one."""
    if not current_app.config[setting]:
        return None
    local, at, domain = address.strip().lower().partition("@")
    our_local, at, our_domain = current_app.config[setting].lower().partition("@")
    base, plus, token = local.partition("+")
    if domain != our_domain or base != our_local or not plus or not token:
        return None
    return token


def is_ours(address: str) -> bool:
    """A recipient the inbound server accepts (others are refused at RCPT)."""
    return any(
        local_token(address, setting)
        for setting in ("MAIL_REPLY_ADDRESS", "MAIL_BOUNCE_ADDRESS")
    )


def is_automatic(message: EmailMessage, envelope_from: str) -> str:
    """Why the mail is a bounce or an auto-reply ("" when a person wrote it)."""
    if not envelope_from.strip("<> ") or "mailer-daemon" in envelope_from.lower():
        return "bounce (null or daemon envelope sender)"
    if message.get_content_type() == "multipart/report":
        return "bounce (delivery report)"
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        return f"auto-reply (Auto-Submitted: {auto})"
    if str(message.get("Precedence", "")).strip().lower() in AUTOMATIC_PRECEDENCE:
        return "auto-reply (Precedence)"
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return "auto-reply (X-Autoreply)"
    return ""


def sender_addresses(message: EmailMessage, envelope_from: str) -> set[str]:
    found = {
        address.lower() for name, address in getaddresses(message.get_all("From", []))
    }
    return found | {envelope_from.strip("<> ").lower()}


def receive(envelope_from: str, recipients: list[str], data: bytes) -> Outcome:
    """Handle one inbound mail; commits what it posts or marks."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    for recipient in recipients:
        if token := local_token(recipient, "MAIL_BOUNCE_ADDRESS"):
            return logged(receive_bounce(token, message), envelope_from)
    for recipient in recipients:
        if token := local_token(recipient, "MAIL_REPLY_ADDRESS"):
            return logged(receive_reply(token, message, envelope_from), envelope_from)
    return logged(Outcome("refused", "no reply or bounce address"), envelope_from)


def logged(outcome: Outcome, envelope_from: str) -> Outcome:
    if outcome.status == "refused":
        log.warning("inbound mail from %s refused: %s", envelope_from, outcome.reason)
    else:
        log.info(
            "inbound mail from %s: %s %s", envelope_from, outcome.status, outcome.reason
        )
    return outcome


def receive_reply(
    token_text: str, message: EmailMessage, envelope_from: str
) -> Outcome:
    if automatic := is_automatic(message, envelope_from):
        return Outcome("refused", automatic)
    try:
        token = read_reply_token(token_text)
    except TokenRefused as refused:
        return refuse_expired(token_text, message, envelope_from, str(refused))
    user = db.session.get(User, token.user_id)
    if user is None:
        return Outcome("refused", "token for an account that is gone")
    if sender_addresses(message, envelope_from) != {user.email.lower()}:
        return Outcome("refused", f"sent from another address than user {user.id}'s")
    # The token is claimed in the transaction that posts: a refused reply (a
    # locked thread) leaves it unused, a second copy of a posted one is a replay.
    if not claim_token(token_text, user):
        return Outcome("refused", "replayed token")
    outcome = post_reply(user, token.post_id, message)
    if outcome.status == "posted":
        db.session.commit()
    else:
        db.session.rollback()
    return outcome


def refuse_expired(token_text, message, envelope_from, reason: str) -> Outcome:
    """An expired but genuine token from the owner's address hears why."""
    if reason == "expired reply token":
        user = db.session.get(User, int(token_text.split("-")[0], 16))
        if user is not None and sender_addresses(message, envelope_from) == {
            user.email.lower()
        }:
            with composing.in_recipient_locale(user):
                reason_text = _("This reply address has expired. Reply on the site.")
            explain(user, reason_text)
    return Outcome("refused", reason)


def claim_token(token_text: str, user: User) -> bool:
    """Record the token as used, in the open transaction; False when it was used
    before (a replay). The unique hash settles two copies arriving at once."""
    digest = hashlib.sha256(token_text.lower().encode()).hexdigest()
    used = select(MailReplyUse.id).where(MailReplyUse.token_hash == digest)
    if db.session.scalar(used) is not None:
        return False
    db.session.add(MailReplyUse(token_hash=digest, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def reply_text(message: EmailMessage) -> str | None:
    part = message.get_body(("plain",))
    if part is None:
        return None
    return new_text(part.get_content())


def post_reply(user: User, post_id: int, message: EmailMessage) -> Outcome:
    """Post as the person, with every check the reply form makes."""
    parent = db.session.get(Post, post_id)
    if parent is None or not can_see_thread(user, parent.thread):
        return Outcome("refused", f"user {user.id} may not see post {post_id}")
    thread = parent.thread
    with composing.in_recipient_locale(user):
        text = reply_text(message)
        problem = refusal(user, thread, text)
        if problem:
            explain(user, problem, thread)
            return Outcome("refused", problem)
        try:
            post = publishing.publish_reply(thread, user, text, str(parent.id), None)
        except posting.PostingRefused as refused:
            explain(user, str(refused), thread)
            return Outcome("refused", str(refused))
    return Outcome("posted", f"post {post.id} by user {user.id}")


def refusal(user: User, thread, text: str | None) -> str:
    """Why the reply cannot be posted ("" when it can), in the person's words."""
    if not can_post(user, thread.community):
        return cannot_post_reason(user, thread.community)
    if text is None:
        return _("We could not find a plain-text part in your mail.")
    if not text.strip():
        return _("Your reply was empty once the quoted mail was taken out.")
    if len(text) > posting.MAX_BODY:
        return _("Your reply is too long to post.")
    if not spend_posting_budget(user):
        return _("You are posting too fast. Wait a minute and try again.")
    return ""


def explain(user: User, reason: str, thread=None) -> None:
    """A short note to the account's own address: why nothing was posted."""
    if not user.can_receive_mail:
        return
    subject, text, extras = composing.refusal_mail(user, reason, thread)
    send_mail(user.email, subject, text, None, extras)


def hard_failures(message: EmailMessage) -> list[str]:
    """The Status codes of recipients that failed permanently (RFC 3464 reports)."""
    failed = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for fields in part.get_payload():
            action = str(fields.get("Action", "")).strip().lower()
            status = str(fields.get("Status", "")).strip()
            if action == "failed" and status.startswith("5"):
                failed.append(status)
    return failed


def receive_bounce(token_text: str, message: EmailMessage) -> Outcome:
    """A delivery report for the person named by the VERP address."""
    try:
        user = db.session.get(User, read_bounce_token(token_text))
    except (TokenRefused, ValueError):
        return Outcome("refused", "forged bounce address")
    if user is None:
        return Outcome("refused", "bounce for an account that is gone")
    failures = hard_failures(message)
    if not failures:
        return Outcome("bounce", f"soft or unreadable bounce for user {user.id}")
    if user.email_bounced_at is None:
        user.email_bounced_at = utcnow()  # no more mail until confirmed again
        db.session.commit()
    return Outcome("bounce", f"hard bounce {failures[0]} for user {user.id}")
