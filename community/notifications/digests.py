"""Daily or weekly digests, per person's choice, in their own time zone.

The worker runs send_due_digests() every 15 minutes (community/jobs.py schedules
it); `flask notifications send-digests` does the same from cron. A DigestRun row
per person and period is claimed before anything is sent, so a digest never goes
twice, and an empty one is recorded but not sent.
"""

from datetime import datetime

from flask import current_app
from flask_babel import _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.auth.models import User
from community.extensions import db
from community.mail import send_after_commit
from community.notifications import composing
from community.notifications.digest_content import DigestContent, gather
from community.notifications.models import DigestRun
from community.notifications.periods import FREQUENCIES, Period, due_period
from community.timezones import utcnow


def claim(user: User, period: Period) -> DigestRun | None:
    """The period's row, new; None when this period was already handled."""
    run = DigestRun(user_id=user.id, period_key=period.key, status="claimed")
    try:
        with db.session.begin_nested():
            db.session.add(run)
            db.session.flush()
    except IntegrityError:
        return None
    return run


def already_handled(user: User, period: Period) -> bool:
    query = select(DigestRun.id).where(
        DigestRun.user_id == user.id, DigestRun.period_key == period.key
    )
    return db.session.scalar(query) is not None


def digest_mail(user: User, content: DigestContent, period: Period) -> tuple:
    """(subject, text, extras) of the person's digest."""
    unsubscribe = composing.unsubscribe_url(user, "all", 0)
    site_name = current_app.config["SITE_NAME"]
    with composing.in_recipient_locale(user):
        if period.frequency == "weekly":
            subject = _("%(site)s: your weekly digest", site=site_name)
        else:
            subject = _("%(site)s: your daily digest", site=site_name)
        text, html = composing.render_pair(
            "digest",
            content=content,
            period=period,
            unsubscribe_url=unsubscribe,
            settings_url=composing.site_url("/auth/settings"),
        )
    headers = composing.list_headers(user, "digest", site_name, unsubscribe)
    return subject, text, composing.mail_extras(user, html, headers)


def send_digest(user: User, now: datetime) -> bool:
    """Send the person's due digest if it has something to say; True when sent."""
    period = due_period(user.email_frequency, user.timezone, now)
    if period is None or already_handled(user, period):
        return False
    run = claim(user, period)
    if run is None:
        return False
    content = gather(user, period, now)
    if content.is_empty:
        run.status = "empty"
        return False
    subject, text, extras = digest_mail(user, content, period)
    key = f"digest:{user.id}:{period.key}"
    send_after_commit(user.email, subject, text, key, extras)
    run.status = "sent"
    return True


def send_due_digests(now: datetime | None = None) -> int:
    """Every due digest; returns how many will leave when the caller commits."""
    now = now or utcnow()
    people = db.session.scalars(
        select(User).where(
            User.email_frequency.in_(FREQUENCIES),
            User.email_confirmed_at.is_not(None),
            User.email_bounced_at.is_(None),
            User.suspended_at.is_(None),
        )
    ).all()
    sent = sum(send_digest(user, now) for user in people)
    db.session.flush()
    return sent


def run_digests() -> int:
    """The worker's job: send what is due and commit (the mail leaves after)."""
    sent = send_due_digests()
    db.session.commit()
    return sent
